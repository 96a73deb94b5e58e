"""Name binding and checks over a whole rule set, reporting every problem found.

`NameBinder` binds `@lexicon` and `$macro` names in the scope of the file that wrote
them (its own definitions and everything it imports) and expands macros into
`ExpandedMacro` nodes. `validate` runs it for every rule and adds the checks that need the
whole picture: duplicate ids, missing captures, patterns that match nothing, unused names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stancekit import registry
from stancekit.dsl import ast, codes
from stancekit.dsl.dictionary_files import check_dictionaries
from stancekit.dsl.errors import Diagnostic, did_you_mean
from stancekit.dsl.model import Lexicon, PhraseType, Rule
from stancekit.dsl.option_settings import names_a_list, word_list
from stancekit.dsl.yamlsource import LocatedStr
from stancekit.rule_limits import MAX_PROGRAM_SIZE
from stancekit.tagging import UPOS_TAGS
from stancekit.text.tokens import split_words

#: Instructions a single rule may compile to once repeats and macros are expanded.


@dataclass(frozen=True)
class ResolvedLexicon(ast.Node):
    """`@name` bound to the lexicon it refers to."""

    lexicon: Lexicon


@dataclass(frozen=True)
class ResolvedPhrase(ast.Node):
    """`<NAME>` (or the capture `{x:NAME}`, then `capture` is x) bound to the phrase type it names."""

    phrase: PhraseType
    capture: str | None = None
    #: The capture's tests on the phrase's head (`{x:NP & !it}`).
    tests: tuple[ast.Node, ...] = ()

    @property
    def key(self) -> str:
        return phrase_key(self.phrase)


def phrase_key(phrase: PhraseType) -> str:
    """A phrase type's identity in a compiled rule set: two files may each define an NP."""
    return f"{phrase.file}:{phrase.name}"


def is_tag(name: str) -> bool:
    """Whether `[name]` is a part-of-speech tag test rather than a token class."""
    return name in UPOS_TAGS and name not in registry.token_class_names()


@dataclass(frozen=True)
class ExpandedMacro(ast.Node):
    """`$NAME` replaced by the macro's bound pattern (kept as a node for `explain`)."""

    name: str
    body: ast.Node


def children(node: ast.Node) -> tuple[ast.Node, ...]:
    if isinstance(node, ast.AllOf):
        return node.parts
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
    """Every node of a bound tree, macros included, in pattern order."""
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
    if isinstance(node, ast.AllOf):
        return min_length(node.parts[0])
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
    if isinstance(node, ResolvedPhrase):
        return int(node.capture is not None and node.capture == _field_of(capture_type))
    if isinstance(node, ast.Sequence):
        return sum(capture_count(i, capture_type) for i in node.items)
    if isinstance(node, ast.Alternation):
        return min(capture_count(o, capture_type) for o in node.options)
    if isinstance(node, ast.Repeat):
        return node.min * capture_count(node.body, capture_type)
    if isinstance(node, ExpandedMacro):
        return capture_count(node.body, capture_type)
    return 0


def _field_of(capture_type: str | frozenset[str]) -> str | None:
    """The finding field a phrase capture must be named after to count as `capture_type`:
    `{actor:NP}` fills the actor, `{topic:NP}` the topic."""
    types = {capture_type} if isinstance(capture_type, str) else capture_type
    if "ACTOR" in types:
        return "actor"
    if "TOPIC" in types:
        return "topic"
    return None


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
    if isinstance(node, ast.AllOf):
        return sum(program_size(p) for p in node.parts)
    return 1


def is_single_token(node: ast.Node) -> bool:
    """Whether `node` always matches exactly one token (what `!` can negate)."""
    if isinstance(node, (ast.Regex, ast.TokenClass, ast.Not)):
        return True
    if isinstance(node, (ast.Word, ast.Literal)):
        return len(split_words(node.text)) == 1
    if isinstance(node, ResolvedLexicon):
        return all(len(split_words(e)) == 1 for e in node.lexicon.entries)
    if isinstance(node, ast.Alternation):
        return all(is_single_token(o) for o in node.options)
    if isinstance(node, ExpandedMacro):
        return is_single_token(node.body)
    if isinstance(node, ast.AllOf):
        return is_single_token(node.parts[0])
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
    if isinstance(node, ast.AllOf):
        return any(has_required_literal(p) for p in node.parts)
    return False


class NameBinder:
    """Binds names for one rule set; remembers expanded macros and which names were used."""

    def __init__(self, ruleset, report: Callable[[Diagnostic], None]):
        self.ruleset = ruleset
        self.report = report
        self.used: set[tuple[str, str, str]] = set()  # (kind, defining file, name)
        self._macro_cache: dict[tuple[str, str], ast.Node | None] = {}
        self._active: list[tuple[str, str]] = []
        #: While a phrase type's pattern is bound: that phrase type, and the names of the
        #: phrase types its file defines below it (which it may not use yet).
        self._defining: tuple[PhraseType, frozenset[str]] | None = None

    def _error(
        self, pattern: LocatedStr, node: ast.Node, code: codes.Code, message: str, hint: str | None = None
    ) -> None:
        length = max(1, node.span.end - node.span.start)
        location = pattern.location(node.span.start, length) if isinstance(pattern, LocatedStr) else None
        self.report(code.diagnostic(message, location, hint))

    def bind(self, node: ast.Node, pattern: str, file_key: str) -> ast.Node | None:
        """`node` with names bound; None (after reporting) where something is undefined."""
        if isinstance(node, ast.LexiconRef):
            return self._lexicon(node, pattern, file_key)
        if isinstance(node, ast.MacroRef):
            return self._macro(node, pattern, file_key)
        if isinstance(node, ast.PhraseRef):
            return self._phrase(node, node.name, pattern, file_key)
        if isinstance(node, ast.Capture):
            if self._defining is not None:
                self._error(
                    pattern,
                    node,
                    codes.CAPTURE_IN_PHRASE,
                    "a phrase type's pattern cannot capture",
                    "remove the capture; rules capture phrases with {name:" + self._defining[0].name + "}",
                )
                return None
            tests = self._capture_tests(node, pattern, file_key)
            if tests is None:
                return None
            if node.type not in registry.capture_type_names() and node.type in self.ruleset.phrases_for(file_key):
                return self._phrase(node, node.type, pattern, file_key, node.name, tests)
            if node.type not in registry.capture_type_names():
                type_start = pattern.rfind(node.type, node.span.start, node.span.end)
                if type_start == -1:
                    type_start = node.span.start
                self._error(
                    pattern,
                    ast.Node(ast.Span(type_start, type_start + len(node.type))),
                    codes.UNKNOWN_CAPTURE_TYPE,
                    f"unknown capture type '{node.type}'",
                    self._capture_type_hint(node.type, file_key),
                )
                return None
            return ast.Capture(node.span, node.name, node.type, tests)
        if isinstance(node, ast.TokenClass):
            if is_tag(node.name):
                return node
            if node.name.isupper() and node.name not in registry.token_class_names():
                self._error(
                    pattern,
                    node,
                    codes.UNKNOWN_TAG,
                    f"unknown part-of-speech tag [{node.name}]",
                    " ".join(filter(None, [did_you_mean(node.name, UPOS_TAGS), f"Known tags: {', '.join(UPOS_TAGS)}"])),
                )
                return None
            if node.name not in registry.token_class_names():
                self._error(
                    pattern,
                    node,
                    codes.UNKNOWN_TOKEN_CLASS,
                    f"unknown token class [{node.name}]",
                    did_you_mean(node.name, registry.token_class_names())
                    or f"known classes: {', '.join(sorted(registry.token_class_names()))}",
                )
                return None
            return node
        if isinstance(node, ast.Not):
            body = self.bind(node.body, pattern, file_key)
            if body is None:
                return None
            if not self._one_token(
                pattern,
                body,
                node,
                codes.NEGATED_SEQUENCE,
                "'!' can only negate a test of one token",
                fix=True,
            ):
                return None
            return ast.Not(node.span, body)
        if isinstance(node, ast.AllOf):
            return self._all_of(node, pattern, file_key)
        if isinstance(node, ast.Repeat):
            body = self.bind(node.body, pattern, file_key)
            return None if body is None else ast.Repeat(node.span, body, node.min, node.max, node.explicit_max)
        if isinstance(node, (ast.Sequence, ast.Alternation)):
            parts = [self.bind(c, pattern, file_key) for c in children(node)]
            if any(p is None for p in parts):
                return None
            if isinstance(node, ast.Sequence):
                return ast.Sequence(node.span, tuple(parts))
            return ast.Alternation(node.span, tuple(parts))
        return node

    def _capture_tests(self, node: ast.Capture, pattern: str, file_key: str) -> tuple[ast.Node, ...] | None:
        """The tests of `{name:TYPE & test ...}` with names bound; None (after reporting) when one
        is undefined or longer than one token: they test the capture's head, a single token."""
        tests = [self.bind(t, pattern, file_key) for t in node.tests]
        if any(t is None for t in tests):
            return None
        for test in tests:
            if not self._one_token(
                pattern,
                test,
                test,
                codes.CAPTURE_TEST_SEQUENCE,
                "a capture's tests apply to its head, one token",
            ):
                return None
        return tuple(tests)

    def _one_token(
        self, pattern: str, test: ast.Node, at: ast.Node, code: codes.Code, message: str, fix: bool = False
    ) -> bool:
        """Whether `test` tests one token; if not, report `code` at `at`, saying why (and, with
        `fix`, adding to the code's hint how to write the test instead)."""
        if is_single_token(test):
            return True
        hint = code.hint or ""
        reason = _longer_than_one_token(test)
        if reason:
            message += f", but {reason[0]}"
            hint += f"; {reason[1]}" if fix else ""
        self._error(pattern, at, code, message, hint)
        return False

    def _capture_type_hint(self, name: str, file_key: str) -> str:
        visible = self.ruleset.phrases_for(file_key)
        if any(name in f.phrases for f in self.ruleset.files):
            return self._where_else("phrases", name, visible, file_key)
        return did_you_mean(name, [*registry.capture_type_names(), *visible]) or (
            f"known types: {', '.join(sorted(registry.capture_type_names()))}" + "".join(f", {n}" for n in visible)
        )

    def _all_of(self, node: ast.AllOf, pattern: str, file_key: str) -> ast.Node | None:
        parts = [self.bind(p, pattern, file_key) for p in node.parts]
        if any(p is None for p in parts):
            return None
        first_ok = is_single_token(parts[0]) or isinstance(_unwrapped(parts[0]), ResolvedLexicon)
        for k, part in enumerate(parts):
            if (k > 0 or not first_ok) and not self._one_token(
                pattern,
                part,
                part,
                codes.CONJUNCTION_SEQUENCE,
                "'&' joins tests of one token",
            ):
                return None
        return ast.AllOf(node.span, tuple(parts))

    def _phrase(
        self,
        node: ast.Node,
        name: str,
        pattern: str,
        file_key: str,
        capture: str | None = None,
        tests: tuple[ast.Node, ...] = (),
    ) -> ast.Node | None:
        visible = self.ruleset.phrases_for(file_key)
        phrase = visible.get(name)
        if self._defining is not None and name in self._defining[1] and phrase is not None:
            user = self._defining[0]
            self._error(
                pattern,
                node,
                codes.PHRASE_BEFORE_DEFINITION,
                f"phrase type <{name}> is used before it is defined",
                f"phrases are found in the order they are written: move <{name}> above <{user.name}>"
                f" (line {phrase.location.line})",
            )
            return None
        if phrase is None:
            self._error(
                pattern,
                node,
                codes.UNDEFINED_PHRASE,
                f"phrase type <{name}> is not defined",
                self._where_else("phrases", name, visible, file_key),
            )
            return None
        if self._defining is not None and phrase is self._defining[0]:
            self._error(
                pattern, node, codes.PHRASE_BEFORE_DEFINITION, f"phrase type <{name}> uses itself", "remove <{name}>"
            )
            return None
        self.used.add(("phrase", phrase.file, name))
        return ResolvedPhrase(node.span, phrase, capture, tests)

    def bind_phrase(self, phrase: PhraseType, file_key: str) -> tuple[ast.Node | None, ast.Node | None]:
        """A phrase type's pattern and head test with names bound; None where something is wrong."""
        own = list(self.ruleset.file(file_key).phrases)
        later = frozenset(own[own.index(phrase.name) :]) if phrase.name in own else frozenset()
        self._defining = (phrase, later)
        try:
            tree = self.bind(phrase.tree, phrase.pattern, file_key) if phrase.tree is not None else None
            head = None
            if phrase.head_tree is not None:
                head = self.bind(phrase.head_tree, phrase.head, file_key)
                if head is not None and not is_single_token(head):
                    self._error(
                        phrase.head,
                        head,
                        codes.HEAD_NOT_ONE_TOKEN,
                        "a phrase's head must be a test of one token",
                    )
                    head = None
            return tree, head
        finally:
            self._defining = None

    def _lexicon(self, node: ast.LexiconRef, pattern: str, file_key: str) -> ast.Node | None:
        visible = self.ruleset.lexicons_for(file_key)
        lexicon = visible.get(node.name)
        if lexicon is None:
            self._error(
                pattern,
                node,
                codes.UNDEFINED_LEXICON,
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
                codes.UNDEFINED_MACRO,
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
            self._error(pattern, node, codes.MACRO_CYCLE, f"macro refers to itself: {chain}", _cycle_hint(names))
            return None
        if key not in self._macro_cache:
            self._active.append(key)
            owner = next(f.key for f in self.ruleset.files if f.display == macro.file)
            self._macro_cache[key] = self.bind(macro.tree, macro.pattern, owner)
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
    binder = NameBinder(ruleset, diagnostics.append)
    diagnostics.extend(check_taggers(ruleset.files))
    for rule_file in ruleset.files:
        for phrase in rule_file.phrases.values():
            diagnostics.extend(check_phrase(phrase, binder, rule_file.key))
    diagnostics.extend(check_options(ruleset, binder.used))
    first_seen: dict[str, Rule] = {}
    for rule_file in ruleset.files:
        rules = sorted((*rule_file.rules, *rule_file.rejected), key=lambda r: r.line)
        for rule in rules:
            previous = first_seen.get(rule.id) if rule.id else None
            if previous is not None:
                first = previous.id_location or previous.location
                diagnostics.append(
                    codes.DUPLICATE_RULE_ID.diagnostic(
                        f"rule id '{rule.id}' is already used",
                        rule.id_location or rule.location,
                        f"the first rule with this id is at {first.file}:{first.line}; give each rule its own id",
                    )
                )
            elif rule.id:
                first_seen[rule.id] = rule
            bound = binder.bind(rule.tree, rule.pattern, rule_file.key)
            if bound is not None:
                diagnostics.extend(check_rule_pattern(rule, bound))
            if rule.unless_tree is not None:
                unless = binder.bind(rule.unless_tree, rule.unless, rule_file.key)
                if unless is not None and min_length(unless) == 0:
                    diagnostics.append(
                        codes.EMPTY_MATCH.diagnostic(
                            "'unless' pattern can match without any token",
                            rule.unless.location(0, len(rule.unless))
                            if isinstance(rule.unless, LocatedStr)
                            else rule.location,
                        )
                    )
    if loaded_with_errors or any(d.is_error for d in diagnostics):
        return diagnostics  # names used by broken rules would be reported as unused
    for rule_file in ruleset.files:
        for name, macro in rule_file.macros.items():
            if ("macro", macro.file, name) not in binder.used and macro.tree is not None:
                binder.bind(macro.tree, macro.pattern, rule_file.key)  # still report its errors
                diagnostics.append(
                    codes.UNUSED_MACRO.diagnostic(
                        f"macro ${name} is never used",
                        macro.location,
                        "remove it, or use it in a pattern as $" + name,
                    )
                )
        for name, lexicon in rule_file.lexicons.items():
            if ("lexicon", lexicon.file, name) not in binder.used:
                diagnostics.append(
                    codes.UNUSED_LEXICON.diagnostic(
                        f"lexicon @{name} is never used",
                        lexicon.location,
                        "remove it, or use it in a pattern as @" + name,
                    )
                )
    return diagnostics


def check_options(ruleset, used: set[tuple[str, str, str]]) -> list[Diagnostic]:
    """Every list an option of a file or a rule names must be a language slot or a lexicon the
    file can see (names and kinds were checked when the file was read); a lexicon named there
    is added to `used`."""
    found: list[Diagnostic] = []

    def report(code: codes.Code, message: str, location, hint: str | None = None) -> None:
        found.append(code.diagnostic(message, location, hint))

    for rule_file in ruleset.files:
        owners = [rule_file.options, *(r.options for r in (*rule_file.rules, *rule_file.rejected))]
        if not any(owners):
            continue
        lexicons = ruleset.lexicons_for(rule_file.key)
        for options in owners:
            for setting in options.values():
                if names_a_list(setting):
                    word_list(setting, lexicons, ruleset.profile, report)
                    if setting.value.lstrip("@") in lexicons:
                        lexicon = lexicons[setting.value.lstrip("@")]
                        used.add(("lexicon", lexicon.file, lexicon.name))
    return found


def _unwrapped(node: ast.Node) -> ast.Node:
    while isinstance(node, ExpandedMacro):
        node = node.body
    return node


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


def check_taggers(files) -> list[Diagnostic]:
    """Every `tagger:` names a known tagger, and all name the same one (a sentence has one set of tags)."""
    from stancekit.tagging import tagger_names

    found: list[Diagnostic] = []
    first = None
    for rule_file in files:
        if rule_file.tagger is None:
            continue
        known = sorted(tagger_names())
        if rule_file.tagger not in known:
            found.append(
                codes.UNKNOWN_TAGGER.diagnostic(
                    f"unknown part-of-speech tagger '{rule_file.tagger}'",
                    rule_file.tagger_location,
                    (did_you_mean(rule_file.tagger, known) or f"known taggers: {', '.join(known)}")
                    + "; plugins add taggers (stancekit plugins lists them)",
                )
            )
        elif first is None:
            first = rule_file
        elif rule_file.tagger != first.tagger:
            found.append(
                codes.CONFLICTING_TAGGERS.diagnostic(
                    f"this file asks for the tagger '{rule_file.tagger}', but {first.display} asks for"
                    f" '{first.tagger}'",
                    rule_file.tagger_location,
                )
            )
    return found


def check_phrase(phrase: PhraseType, binder: NameBinder, file_key: str) -> list[Diagnostic]:
    """Checks of one phrase type: its name is free, its pattern and head bind, it cannot be empty."""
    found: list[Diagnostic] = []
    taken = (
        "a capture type"
        if phrase.name in registry.capture_type_names()
        else "a part-of-speech tag"
        if phrase.name in UPOS_TAGS
        else "a token class"
        if phrase.name in registry.token_class_names()
        else None
    )
    if taken:
        found.append(
            codes.PHRASE_NAME_TAKEN.diagnostic(
                f"phrase type name '{phrase.name}' is already {taken}",
                phrase.location,
            )
        )
    tree, _ = binder.bind_phrase(phrase, file_key)
    if tree is not None and min_length(tree) == 0:
        found.append(
            codes.EMPTY_MATCH.diagnostic(
                f"phrase type <{phrase.name}> can match without any token",
                phrase.pattern.location(0, len(phrase.pattern)) if isinstance(phrase.pattern, LocatedStr) else None,
            )
        )
    return found


def check_rule_pattern(rule: Rule, tree: ast.Node) -> list[Diagnostic]:
    """Checks of one bound rule pattern."""
    found: list[Diagnostic] = []

    def at(node: ast.Node):
        length = max(1, node.span.end - node.span.start)
        return rule.pattern.location(node.span.start, length) if isinstance(rule.pattern, LocatedStr) else rule.location

    if min_length(tree) == 0:
        found.append(
            codes.EMPTY_MATCH.diagnostic(
                "pattern can match without any token",
                at(tree),
            )
        )
    for capture_type, example, code in (
        ("ACTOR", "{actor:ACTOR}", codes.NO_ACTOR),
        ("TOPIC", "{topic:TOPIC}", codes.NO_TOPIC),
    ):
        types = registry.actor_capture_types() if capture_type == "ACTOR" else frozenset({capture_type})
        if capture_count(tree, types) == 0:
            optional = any(isinstance(n, ast.Capture) and n.type in types for n in walk(tree))
            found.append(
                code.diagnostic(
                    f"rule captures no {capture_type.lower()}" + (" on every match" if optional else ""),
                    rule.location,
                    f"every finding needs {_article(capture_type.lower())} {capture_type.lower()}:"
                    f" add {example} to the pattern" + (" outside any optional part" if optional else ""),
                )
            )
    for node, message, hint in _anchor_problems(tree):
        found.append(codes.MISPLACED_ANCHOR.diagnostic(message, at(node), hint))
    size = program_size(tree)
    if size > MAX_PROGRAM_SIZE:
        found.append(
            codes.PATTERN_TOO_LARGE.diagnostic(
                f"pattern expands to about {size} steps (the limit is {MAX_PROGRAM_SIZE})",
                rule.location,
            )
        )
    if not has_required_literal(tree):
        found.append(
            codes.NO_TRIGGER.diagnostic(
                "pattern has no word that every match contains, so it is tried on every sentence",
                rule.location,
            )
        )
    return found
