"""Name resolution and checks over a whole rule set, reporting every problem found.

`resolve_pattern` binds `@lexicon` and `$macro` names in the scope of the file that wrote
them (its own definitions and everything it imports) and expands macros into
`ExpandedMacro` nodes. `validate` runs it for every rule and adds the checks that need the
whole picture: duplicate ids, missing captures, patterns that match nothing, unused names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stancekit import registry
from stancekit.dsl import ast
from stancekit.dsl.dictionaries import check_dictionaries
from stancekit.dsl.errors import ERROR, WARNING, Diagnostic, did_you_mean
from stancekit.dsl.model import Lexicon, Rule
from stancekit.dsl.yamlsource import LocatedStr
from stancekit.limits import MAX_PROGRAM_SIZE
from stancekit.text.tokens import split_words

#: Instructions a single rule may compile to once repeats and macros are expanded.


@dataclass(frozen=True)
class ResolvedLexicon(ast.Node):
    """`@name` bound to the lexicon it refers to."""

    lexicon: Lexicon


@dataclass(frozen=True)
class ExpandedMacro(ast.Node):
    """`$NAME` replaced by the macro's resolved pattern (kept as a node for `explain`)."""

    name: str
    body: ast.Node


def children(node: ast.Node) -> tuple[ast.Node, ...]:
    if isinstance(node, (ast.Not, ast.Repeat)):
        return (node.body,)
    if isinstance(node, ExpandedMacro):
        return (node.body,)
    if isinstance(node, ast.Sequence):
        return node.items
    if isinstance(node, ast.Alternation):
        return node.options
    return ()


def walk(node: ast.Node):
    """Every node of a resolved tree, macros included, in pattern order."""
    yield node
    for child in children(node):
        yield from walk(child)


def min_length(node: ast.Node) -> int:
    """The fewest tokens a match of `node` can consume."""
    if isinstance(node, ast.Sequence):
        return sum(min_length(i) for i in node.items)
    if isinstance(node, ast.Alternation):
        return min(min_length(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.min * min_length(node.body)
    if isinstance(node, ExpandedMacro):
        return min_length(node.body)
    if isinstance(node, (ast.SentenceStart, ast.SentenceEnd)):
        return 0
    if isinstance(node, ast.Literal):
        return len(split_words(node.text))
    if isinstance(node, ResolvedLexicon):
        return min((len(e.split()) for e in node.lexicon.entries), default=1)
    return 1


def capture_count(node: ast.Node, capture_type: str | frozenset[str]) -> int:
    """How many captures of `capture_type` (or of any type in a set) every match of `node` is sure to contain."""
    if isinstance(node, ast.Capture):
        return int(node.type == capture_type if isinstance(capture_type, str) else node.type in capture_type)
    if isinstance(node, ast.Sequence):
        return sum(capture_count(i, capture_type) for i in node.items)
    if isinstance(node, ast.Alternation):
        return min(capture_count(o, capture_type) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.min * capture_count(node.body, capture_type)
    if isinstance(node, ExpandedMacro):
        return capture_count(node.body, capture_type)
    return 0


def program_size(node: ast.Node) -> int:
    """An upper estimate of the instructions `node` compiles to."""
    if isinstance(node, ast.Sequence):
        return sum(program_size(i) for i in node.items)
    if isinstance(node, ast.Alternation):
        return 1 + sum(program_size(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.max * (program_size(node.body) + 1)
    if isinstance(node, ExpandedMacro):
        return program_size(node.body)
    if isinstance(node, ast.Literal):
        return len(split_words(node.text))
    return 1


def is_single_token(node: ast.Node) -> bool:
    """Whether `node` always matches exactly one token (what `!` can negate)."""
    if isinstance(node, (ast.Regex, ast.TokenClass)):
        return True
    if isinstance(node, (ast.Word, ast.Literal)):
        return len(split_words(node.text)) == 1
    if isinstance(node, ResolvedLexicon):
        return all(len(split_words(e)) == 1 for e in node.lexicon.entries)
    if isinstance(node, ast.Alternation):
        return all(is_single_token(o) for o in node.options)
    if isinstance(node, ExpandedMacro):
        return is_single_token(node.body)
    return False


def has_required_literal(node: ast.Node) -> bool:
    """Whether every match of `node` contains a literal word (so the rule can have triggers)."""
    if isinstance(node, (ast.Word, ast.Literal, ResolvedLexicon)):
        return True
    if isinstance(node, ast.Sequence):
        return any(has_required_literal(i) for i in node.items)
    if isinstance(node, ast.Alternation):
        return all(has_required_literal(o) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.min > 0 and has_required_literal(node.body)
    if isinstance(node, ExpandedMacro):
        return has_required_literal(node.body)
    return False


class Resolver:
    """Binds names for one rule set; remembers expanded macros and which names were used."""

    def __init__(self, ruleset, report: Callable[[Diagnostic], None]):
        self.ruleset = ruleset
        self.report = report
        self.used: set[tuple[str, str, str]] = set()  # (kind, defining file, name)
        self._macro_cache: dict[tuple[str, str], ast.Node | None] = {}
        self._active: list[tuple[str, str]] = []

    def _error(self, pattern: LocatedStr, node: ast.Node, code: str, message: str, hint: str | None) -> None:
        length = max(1, node.span.end - node.span.start)
        location = pattern.location(node.span.start, length) if isinstance(pattern, LocatedStr) else None
        self.report(Diagnostic(ERROR, code, message, location, hint))

    def resolve(self, node: ast.Node, pattern: str, file_key: str) -> ast.Node | None:
        """`node` with names bound; None (after reporting) where something is undefined."""
        if isinstance(node, ast.LexiconRef):
            return self._lexicon(node, pattern, file_key)
        if isinstance(node, ast.MacroRef):
            return self._macro(node, pattern, file_key)
        if isinstance(node, ast.Capture):
            if node.type not in registry.capture_type_names():
                type_start = pattern.rfind(node.type, node.span.start, node.span.end)
                if type_start == -1:
                    type_start = node.span.start
                self._error(
                    pattern,
                    ast.Node(ast.Span(type_start, type_start + len(node.type))),
                    "unknown-capture-type",
                    f"unknown capture type '{node.type}'",
                    did_you_mean(node.type, registry.capture_type_names())
                    or f"known types: {', '.join(sorted(registry.capture_type_names()))}",
                )
                return None
            return node
        if isinstance(node, ast.TokenClass):
            if node.name not in registry.token_class_names():
                self._error(
                    pattern,
                    node,
                    "unknown-token-class",
                    f"unknown token class [{node.name}]",
                    did_you_mean(node.name, registry.token_class_names())
                    or f"known classes: {', '.join(sorted(registry.token_class_names()))}",
                )
                return None
            return node
        if isinstance(node, ast.Not):
            body = self.resolve(node.body, pattern, file_key)
            if body is None:
                return None
            if not is_single_token(body):
                reason = _longer_than_one_token(body)
                self._error(
                    pattern,
                    node,
                    "negated-sequence",
                    "'!' can only negate a test of one token" + (f", but {reason[0]}" if reason else ""),
                    "negate a word, a /regex/, a [class] or a lexicon of single words"
                    + (f"; {reason[1]}" if reason else ""),
                )
                return None
            return ast.Not(node.span, body)
        if isinstance(node, ast.Repeat):
            body = self.resolve(node.body, pattern, file_key)
            return None if body is None else ast.Repeat(node.span, body, node.min, node.max, node.explicit_max)
        if isinstance(node, (ast.Sequence, ast.Alternation)):
            parts = [self.resolve(c, pattern, file_key) for c in children(node)]
            if any(p is None for p in parts):
                return None
            if isinstance(node, ast.Sequence):
                return ast.Sequence(node.span, tuple(parts))
            return ast.Alternation(node.span, tuple(parts))
        return node

    def _lexicon(self, node: ast.LexiconRef, pattern: str, file_key: str) -> ast.Node | None:
        visible = self.ruleset.lexicons_for(file_key)
        lexicon = visible.get(node.name)
        if lexicon is None:
            self._error(
                pattern,
                node,
                "undefined-lexicon",
                f"lexicon @{node.name} is not defined",
                self._where_else("lexicons", node.name, visible, file_key),
            )
            return None
        self.used.add(("lexicon", lexicon.file, node.name))
        return ResolvedLexicon(node.span, lexicon)

    def _macro(self, node: ast.MacroRef, pattern: str, file_key: str) -> ast.Node | None:
        visible = self.ruleset.macros_for(file_key)
        macro = visible.get(node.name)
        if macro is None:
            self._error(
                pattern,
                node,
                "undefined-macro",
                f"macro ${node.name} is not defined",
                self._where_else("macros", node.name, visible, file_key),
            )
            return None
        self.used.add(("macro", macro.file, node.name))
        if macro.tree is None:
            return None  # its own syntax error is reported where it is defined
        key = (macro.file, node.name)
        if key in self._active:
            names = [name for _, name in [*self._active[self._active.index(key) :], key]]
            chain = " -> ".join(f"${name}" for name in names)
            self._error(pattern, node, "macro-cycle", f"macro refers to itself: {chain}", _cycle_hint(names))
            return None
        if key not in self._macro_cache:
            self._active.append(key)
            owner = next(f.key for f in self.ruleset.files if f.display == macro.file)
            self._macro_cache[key] = self.resolve(macro.tree, macro.pattern, owner)
            self._active.pop()
        body = self._macro_cache[key]
        return None if body is None else ExpandedMacro(node.span, node.name, body)

    def _where_else(self, kind: str, name: str, visible: dict, file_key: str | None = None) -> str:
        scope = self.ruleset.scope(file_key) if file_key is not None else []
        for f in scope:
            misplaced = f.misplaced.get(name)
            if misplaced is not None:
                section, location = misplaced
                where = f"line {location.line}" if f.key == file_key else f"{location.file}:{location.line}"
                return (
                    f"'{name}' is written under '{section}:' ({where}), which is not a key a rule file has;"
                    f" rename that key to '{kind}:'"
                )
        for f in self.ruleset.files:
            if name in getattr(f, kind):
                return f"it is defined in {f.display}, which this file does not import; add it to 'imports'"
        suggestion = did_you_mean(name, visible)
        if suggestion:
            return suggestion
        other, sigil = ("macros", "$") if kind == "lexicons" else ("lexicons", "@")
        if any(name in getattr(f, other) for f in scope):
            return f"{name} is one of the {other}; write {sigil}{name}"
        return f"define it under '{kind}:' in this file or in a file listed under 'imports'"


def validate(ruleset, *, loaded_with_errors: bool = False) -> list[Diagnostic]:
    """Every problem in `ruleset` that loading alone cannot see.

    Rules that loading left out for a mistake (`RuleFile.rejected`) are checked too, so one run
    reports every problem of a rule. `loaded_with_errors` says loading found errors of its own:
    then, as when this finds errors, no name is called unused, since a rule that could not be
    read may well use it.
    """
    diagnostics: list[Diagnostic] = check_dictionaries(ruleset.actors, ruleset.topics)
    resolver = Resolver(ruleset, diagnostics.append)
    first_seen: dict[str, Rule] = {}
    for rule_file in ruleset.files:
        rules = sorted((*rule_file.rules, *rule_file.rejected), key=lambda r: r.line)
        for rule in rules:
            previous = first_seen.get(rule.id) if rule.id else None
            if previous is not None:
                first = previous.id_location or previous.location
                diagnostics.append(
                    Diagnostic(
                        ERROR,
                        "duplicate-rule-id",
                        f"rule id '{rule.id}' is already used",
                        rule.id_location or rule.location,
                        f"the first rule with this id is at {first.file}:{first.line}; give each rule its own id",
                    )
                )
            elif rule.id:
                first_seen[rule.id] = rule
            resolved = resolver.resolve(rule.tree, rule.pattern, rule_file.key)
            if resolved is not None:
                diagnostics.extend(check_rule_pattern(rule, resolved))
    if loaded_with_errors or any(d.is_error for d in diagnostics):
        return diagnostics  # names used by broken rules would be reported as unused
    for rule_file in ruleset.files:
        for name, macro in rule_file.macros.items():
            if ("macro", macro.file, name) not in resolver.used and macro.tree is not None:
                resolver.resolve(macro.tree, macro.pattern, rule_file.key)  # still report its errors
                diagnostics.append(
                    Diagnostic(
                        WARNING,
                        "unused-macro",
                        f"macro ${name} is never used",
                        macro.location,
                        "remove it, or use it in a pattern as $" + name,
                    )
                )
        for name, lexicon in rule_file.lexicons.items():
            if ("lexicon", lexicon.file, name) not in resolver.used:
                diagnostics.append(
                    Diagnostic(
                        WARNING,
                        "unused-lexicon",
                        f"lexicon @{name} is never used",
                        lexicon.location,
                        "remove it, or use it in a pattern as @" + name,
                    )
                )
    return diagnostics


def _article(word: str) -> str:
    """'a' or 'an' before `word` (by its first letter, which is right for the words used here)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _cycle_hint(names: list[str]) -> str:
    """For a cycle $A -> $B -> $A found at the last reference: which references to remove."""
    if len(names) == 2:
        return f"remove ${names[0]} from its own definition"
    edges = [(names[k], names[k + 1]) for k in range(len(names) - 1)]
    edges = [edges[-1], *edges[:-1]]
    options = [f"${used} from ${user}" for user, used in edges]
    return "remove " + ", ".join(options[:-1]) + (", or " if len(options) > 2 else " or ") + options[-1]


def _longer_than_one_token(node: ast.Node) -> tuple[str, str] | None:
    """Why `node` may match more than one token, naming the part that does, and what to do."""
    if isinstance(node, ResolvedLexicon):
        for entry in node.lexicon.entries:
            if len(split_words(entry)) > 1:
                return (
                    f"@{node.lexicon.name} has the entry '{entry}' of {len(split_words(entry))} words",
                    f"move '{entry}' to a lexicon of its own",
                )
        return None
    if isinstance(node, ast.Literal):
        return f"'{node.text}' is {len(split_words(node.text))} words", "negate a single word"
    if isinstance(node, ast.Alternation):
        for option in node.options:
            if not is_single_token(option):
                return _longer_than_one_token(option)
        return None
    if isinstance(node, ExpandedMacro):
        inner = _longer_than_one_token(node.body)
        return (f"in ${node.name}, {inner[0]}", inner[1]) if inner else None
    return None


def _anchor_problems(node: ast.Node):
    """Sentence anchors placed where they can never match: `^` after a token, `$` before one."""
    for seq in walk(node):
        if not isinstance(seq, ast.Sequence):
            continue
        for i, item in enumerate(seq.items):
            if isinstance(item, ast.SentenceStart) and any(min_length(x) for x in seq.items[:i]):
                yield item, "'^' (start of sentence) comes after a token", "move '^' to the start of the pattern"
            if isinstance(item, ast.SentenceEnd) and any(min_length(x) for x in seq.items[i + 1 :]):
                yield item, "'$' (end of sentence) comes before a token", "move '$' to the end of the pattern"


def check_rule_pattern(rule: Rule, tree: ast.Node) -> list[Diagnostic]:
    """Checks of one resolved rule pattern."""
    found: list[Diagnostic] = []

    def at(node: ast.Node):
        length = max(1, node.span.end - node.span.start)
        return rule.pattern.location(node.span.start, length) if isinstance(rule.pattern, LocatedStr) else rule.location

    if min_length(tree) == 0:
        found.append(
            Diagnostic(
                ERROR,
                "empty-match",
                "pattern can match without any token",
                at(tree),
                "make at least one element required (not followed by ? or *)",
            )
        )
    for capture_type, example in (("ACTOR", "{actor:ACTOR}"), ("TOPIC", "{topic:TOPIC}")):
        types = registry.actor_capture_types() if capture_type == "ACTOR" else frozenset({capture_type})
        if capture_count(tree, types) == 0:
            optional = any(isinstance(n, ast.Capture) and n.type in types for n in walk(tree))
            found.append(
                Diagnostic(
                    ERROR,
                    f"no-{capture_type.lower()}",
                    f"rule captures no {capture_type.lower()}" + (" on every match" if optional else ""),
                    rule.location,
                    f"every finding needs {_article(capture_type.lower())} {capture_type.lower()}:"
                    f" add {example} to the pattern" + (" outside any optional part" if optional else ""),
                )
            )
    for node, message, hint in _anchor_problems(tree):
        found.append(Diagnostic(ERROR, "misplaced-anchor", message, at(node), hint))
    size = program_size(tree)
    if size > MAX_PROGRAM_SIZE:
        found.append(
            Diagnostic(
                ERROR,
                "pattern-too-large",
                f"pattern expands to about {size} steps (the limit is {MAX_PROGRAM_SIZE})",
                rule.location,
                "nested repeats multiply: use smaller bounds or fewer nested repeats",
            )
        )
    if not has_required_literal(tree):
        found.append(
            Diagnostic(
                WARNING,
                "no-trigger",
                "pattern has no word that every match contains, so it is tried on every sentence",
                rule.location,
                "add a required word or @lexicon so the prefilter can skip sentences",
            )
        )
    return found
