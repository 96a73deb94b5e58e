"""A whole rule set compiled into programs plus one trigger index.

`CompiledRuleSet` holds only plain data (tuples, frozensets, compiled regexes), so it pickles:
it can be cached on disk and shipped to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stancekit.compiler.dictionaries import ActorIndex, TopicIndex, compile_actor_index, compile_topic_index
from stancekit.compiler.neighbours import Neighbours, neighbours
from stancekit.compiler.program import Anchor, ProgramBuilder, first_filters, start_anchor, token_test
from stancekit.compiler.triggers import Choice, TriggerIndex, guarantee, options_of, requirement_choices, requirements
from stancekit.dsl.errors import RuleError
from stancekit.dsl.option_settings import resolve_options
from stancekit.dsl.validate import NameBinder, phrase_key
from stancekit.engine.options import DEFAULT_OPTIONS, RuleOptions
from stancekit.engine.profile import LanguageProfile, default_profile
from stancekit.findings import DEFAULT_KIND
from stancekit.gcpause import collector_paused


@dataclass(frozen=True)
class CompiledRule:
    """One rule ready to run. `order` is its position in the rule set (ties go to the earlier)."""

    order: int
    id: str
    polarity: str
    file: str
    line: int
    priority: int
    program: tuple
    entry: int
    triggers: frozenset[str] | None
    description: str = ""
    #: The pattern as written, its top-level elements (spans in it) and each instruction's
    #: element: for explaining how far a rule got.
    pattern: str = ""
    elements: tuple[tuple[int, int], ...] = ()
    element_of: tuple[int, ...] = ()
    #: Per instruction, what its first token can be (see `compiler.program.first_filters`).
    firsts: tuple = ()
    #: Word sets of which every match holds one word each (see `compiler.triggers.requirements`).
    requirements: tuple[frozenset[str], ...] = ()
    #: Choices every match makes besides: it holds a word of each set of one option of each
    #: (see `compiler.triggers.requirement_choices`).
    requirement_choices: tuple[Choice, ...] = ()
    #: Words a match holds close together (see `compiler.neighbours`).
    neighbours: tuple[Neighbours, ...] = ()
    #: Which engine mechanisms apply to its matches (`options:`, see `engine.options`).
    options: RuleOptions = DEFAULT_OPTIONS
    #: What the rule reads as the sign of the stance (`Finding.kind`).
    kind: str = DEFAULT_KIND
    #: Words one of which a match holds near its start (see `compiler.program.start_anchor`).
    anchor: Anchor = None
    #: Where each alternative's cue element begins in the program (see `ProgramBuilder.cues`).
    cues: tuple[int, ...] = ()
    #: For each of `cues`, the word sets every match of its alternative holds a word of: a
    #: sentence without them is not walked from that cue.
    cue_requirements: tuple[tuple[frozenset[str], ...], ...] = ()
    #: The `unless:` pattern as (program, entry, first-token filters), and as written: where it
    #: matches at a match's cue, the match gives no finding. None: the rule has none.
    unless: tuple | None = None
    unless_pattern: str = ""


@dataclass(frozen=True)
class CompiledPhrase:
    """One phrase type ready to run over a sentence: its program and its head test."""

    key: str
    name: str
    file: str
    line: int
    program: tuple
    entry: int
    firsts: tuple
    #: A single-token test (see `compiler.program.token_test`), or None: the last token is the head.
    head: tuple | None
    pattern: str = ""
    #: Words one of which a phrase holds near its start (see `compiler.program.start_anchor`).
    anchor: Anchor = None


@dataclass(frozen=True)
class CompiledRuleSet:
    """Every rule of a rule set, compiled, with the trigger index over all of them."""

    rules: tuple[CompiledRule, ...]
    trigger_index: TriggerIndex
    untriggered: tuple[int, ...]
    hash: str
    actors: ActorIndex = field(default_factory=ActorIndex)
    topics: TopicIndex = field(default_factory=TopicIndex)
    #: Phrase type key -> its compiled phrase type, in the order they are defined.
    phrases: dict[str, CompiledPhrase] = field(default_factory=dict)
    #: The tagger the rule files ask for (`tagger:`); None: the bundled one.
    tagger: str | None = None
    #: The word lists the engine reads: the bundled English profile with the rule files' `language:`.
    profile: LanguageProfile = field(default_factory=default_profile)
    #: (slot, entry in comparison form) -> "file:line" where the entry is written, for
    #: `stancekit explain` only (the engine never reads it).
    profile_sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rules)


def compile_ruleset(ruleset) -> CompiledRuleSet:
    """Compile a loaded (and therefore valid) rule set."""
    with collector_paused():
        return _compile(ruleset)


def _compile(ruleset) -> CompiledRuleSet:
    problems: list = []
    binder = NameBinder(ruleset, problems.append)
    compiled: list[CompiledRule] = []
    triggers: dict[str, list[int]] = {}
    untriggered: list[int] = []
    phrases: dict[str, CompiledPhrase] = {}
    phrase_firsts: dict = {}
    phrase_anchors: dict[str, Anchor] = {}
    phrase_requirements: dict[str, tuple[frozenset[str], ...]] = {}
    for rule_file in ruleset.files:
        for phrase in rule_file.phrases.values():
            tree, head = binder.bind_phrase(phrase, rule_file.key)
            if tree is None:
                continue
            program, entry = ProgramBuilder().build(tree)
            key = phrase_key(phrase)
            firsts = first_filters(program, phrase_firsts)
            phrase_firsts[key] = firsts[entry]
            anchor = phrase_anchors[key] = start_anchor(program, entry, phrase_anchors)
            phrase_requirements[key] = requirements(tree, phrase_requirements)
            phrases[key] = CompiledPhrase(
                key,
                phrase.name,
                phrase.file,
                phrase.location.line,
                program,
                entry,
                firsts,
                token_test(head) if head is not None else None,
                str(phrase.pattern),
                anchor,
            )
        file_options = _options(ruleset, rule_file, None)
        for rule in rule_file.rules:
            options = _options(ruleset, rule_file, rule) if rule.options else file_options
            tree = binder.bind(rule.tree, rule.pattern, rule_file.key)
            if tree is None:
                continue
            builder = ProgramBuilder()
            program, entry = builder.build(tree)
            order = len(compiled)
            words = guarantee(tree)
            required = requirements(tree, phrase_requirements)
            cues = builder.cues()
            compiled.append(
                CompiledRule(
                    order=order,
                    id=rule.id,
                    polarity=rule.polarity,
                    kind=rule.kind,
                    file=rule.file,
                    line=rule.line,
                    priority=rule.priority,
                    program=program,
                    entry=entry,
                    triggers=words,
                    description=rule.description,
                    pattern=str(rule.pattern),
                    elements=tuple(builder.elements),
                    element_of=builder.element_map(),
                    firsts=first_filters(program, phrase_firsts),
                    requirements=required,
                    requirement_choices=requirement_choices(tree, required, phrase_requirements),
                    neighbours=neighbours(tree),
                    options=options,
                    anchor=start_anchor(program, entry, phrase_anchors),
                    cues=cues,
                    cue_requirements=_cue_requirements(tree, cues, phrase_requirements),
                    unless=_unless(binder, rule, rule_file.key, phrase_firsts),
                    unless_pattern=str(rule.unless or ""),
                )
            )
            if words is None:
                untriggered.append(order)
            else:
                for word in words:
                    triggers.setdefault(word, []).append(order)
    if problems:
        raise RuleError(problems)
    index = TriggerIndex({w: tuple(rules) for w, rules in triggers.items()})
    return CompiledRuleSet(
        tuple(compiled),
        index,
        tuple(untriggered),
        ruleset.content_hash,
        compile_actor_index(ruleset.actors, ruleset.titles),
        compile_topic_index(ruleset.topics),
        phrases,
        ruleset.tagger,
        ruleset.profile,
        ruleset.profile_sources,
    )


def _unless(binder: NameBinder, rule, file_key: str, phrase_firsts) -> tuple | None:
    """The rule's `unless:` pattern compiled (program, entry, first-token filters), or None."""
    if rule.unless_tree is None:
        return None
    tree = binder.bind(rule.unless_tree, rule.unless, file_key)
    if tree is None:
        return None
    program, entry = ProgramBuilder().build(tree)
    return (program, entry, first_filters(program, phrase_firsts))


def _cue_requirements(tree, cues: tuple[int, ...], phrase_requirements) -> tuple[tuple[frozenset[str], ...], ...]:
    """What each top-level alternative requires, in the order of their cues (the compiler
    walks the options in the order `options_of` gives them)."""
    if len(cues) < 2:
        return ()
    found = tuple(requirements(option, phrase_requirements) for option in options_of(tree))
    if len(found) != len(cues):
        raise AssertionError(f"{len(cues)} cues for {len(found)} alternatives")
    return found


def _options(ruleset, rule_file, rule) -> RuleOptions:
    """The options of `rule` (None: of a rule of `rule_file` that sets none)."""
    layers = (rule_file.options, rule.options) if rule is not None else (rule_file.options,)
    if not any(layers):
        return DEFAULT_OPTIONS
    return resolve_options(layers, ruleset.lexicons_for(rule_file.key), ruleset.profile)
