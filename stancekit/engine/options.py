"""Rule options: per-rule switches for the engine mechanisms that change a rule's matches.

A rule's pattern says what the words are; the engine then reads the words around a match and
may drop it (a passive, a possessive ...), reverse or hedge it (a negation or hedge in scope),
or name its holder (a pronoun resolved, a quote's speaker). These are right for most rules and
wrong for some: a rule written for headlines may want no pronoun resolution, a rule whose
pattern already spells out its negation wants none applied again. `options:` on a rule, or at
the top of a rule file as the default for its rules, switches each mechanism off or points it
at another list.

`OPTIONS` below is the one table of options: the loader checks rule files against it and the
"Rule options" table of docs/rule-language.md is generated from it (`options_markdown`), so the two cannot
drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Option kinds: what a value may be written as.
BOOL = "true or false"
READING_LIST = "true, false or a list of readings"
WORD_LIST = "a list name: language.<slot> or a lexicon"
COUNT = "a whole number, 1 or more"
POLARITY = "support, oppose or neutral"

#: The readings that drop a match as not a stance, in the order they are tried.
READINGS: dict[str, str] = {
    "time_only_topic": "the topic is nothing but a time phrase ('protests every day'): the verb took no object",
    "adverb_only_topic": "the topic is only an adverb ('..., immediately drew criticism from')",
    "dangling_topic": "the topic ends on an article or a preposition ('stricter controls over'): it stops mid-phrase",
    "commerce_topic": "the topic is a deal: a verb of commerce after 'to' ('agreed to buy AT&T'): not a stance",
    "passive": (
        "a cue opening with a verb-only form after a passive auxiliary ('Cruz was endorsed by', "
        "'Texas was called for'): the actor does not take the stance"
    ),
    "possessive": "a bare stance word after \"'s\" is a noun ('Trump's support lagging')",
    "adverb_back": "'back' after a form of 'be' is an adverb ('he was back home')",
    "noun_after_name": (
        "a bare cue right after a one-word name is a noun the name modifies ('the Orlando attack'),"
        " or the name's last word when capitalised in running text ('the Grand Slams')"
    ),
}


@dataclass(frozen=True)
class OptionSpec:
    """One option: its name, what it may be set to, its default and what it does."""

    name: str
    kind: str
    default: str
    doc: str


OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec(
        "readings",
        READING_LIST,
        "true",
        "Which readings may drop a match as not a stance: true (all), false (none) or a list of "
        + ", ".join(f"`{name}`" for name in READINGS)
        + ". `stancekit explain` names the reading that dropped a match.",
    ),
    OptionSpec(
        "negation",
        BOOL,
        "true",
        "Whether a negation in scope before the cue ('did not endorse'), or after the stance ('... was ruled "
        "out'), reverses the polarity. With false the polarity is the rule's and `negated` is false.",
    ),
    OptionSpec(
        "negated_polarity",
        POLARITY,
        "support: oppose; oppose: neutral",
        "The polarity of a negated stance of the rule. By default a negated support is oppose ('did not "
        "endorse') and a negated oppose neutral ('did not oppose'); a rule for giving something up "
        "('backed away from') sets `support`: 'did not back away from his pledge' still holds to it.",
    ),
    OptionSpec(
        "negations",
        WORD_LIST,
        "language.negations and language.negation_phrases",
        "The words that negate before the cue: one-word entries act as `negations`, entries of several "
        "words as `negation_phrases`. A lexicon's entries are compared as written (not inflected).",
    ),
    OptionSpec(
        "modality",
        BOOL,
        "true",
        "Whether hedges, conditions and questions around the cue mark the stance hedged, conditional or a "
        "question. With false every finding of the rule is asserted.",
    ),
    OptionSpec(
        "hedges",
        WORD_LIST,
        "language.hedges and language.hedge_phrases",
        "The words that hedge before the cue: one-word entries act as `hedges`, entries of several words "
        "as `hedge_phrases`.",
    ),
    OptionSpec(
        "resolve_pronouns",
        BOOL,
        "true",
        "Whether a pronoun holder ('he', 'its', 'who') is resolved to the mention it refers back to, and a "
        "short name to an earlier full one. With false a pronoun holder is reported unresolved "
        "(`actor.name` null, `via: unresolved`) and a name as written.",
    ),
    OptionSpec(
        "speakers",
        BOOL,
        "true",
        "Whether the speaker of the quote or reported speech around the match is found: `speaker`, and a "
        "first-person holder named after it. With false `speaker` is null and 'I' or 'we' are unresolved.",
    ),
    OptionSpec(
        "unresolved_holders",
        BOOL,
        "true",
        "Whether a finding whose holder stays unresolved (`via: unresolved`: a pronoun, 'I' or 'we' with no "
        "one it refers to) is reported. With false it is dropped: a judgement whose judge is unknown tells "
        "a user nothing, where a stance verb's finding may still be worth checking by hand.",
    ),
    OptionSpec(
        "discourse",
        WORD_LIST,
        "none",
        "The words of the discourse the rule reads (such as `language.political_words`): the rule is tried "
        "only in a document that holds `discourse_words` different words of the list. Praise, feelings and "
        "plans are everywhere (match reports, reviews, company news); they are stances only where politics "
        "is discussed. One-word entries count; `stancekit explain` says when a document falls short.",
    ),
    OptionSpec(
        "discourse_words",
        COUNT,
        "3",
        "How many different words of the `discourse` list a document must hold for the rule to be tried.",
    ),
)

OPTION_NAMES: tuple[str, ...] = tuple(spec.name for spec in OPTIONS)


@dataclass(frozen=True)
class WordList:
    """A list an option points at, ready for the engine: its one-word entries and its phrases,
    with what it was written as (`language.negations`, `@strict_negations`) and where."""

    source: str
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    #: Where the list is defined ("rules/en/x.yaml:12"), for `stancekit explain`.
    where: str = ""


@dataclass(frozen=True)
class RuleOptions:
    """The options of one compiled rule; the defaults are the engine's behaviour without options."""

    readings: frozenset[str] = frozenset(READINGS)
    negation: bool = True
    negated_polarity: str | None = None  # None: the engine's (support -> oppose, oppose -> neutral)
    negations: WordList | None = None  # None: the profile's negations and negation_phrases
    modality: bool = True
    hedges: WordList | None = None  # None: the profile's hedges and hedge_phrases
    resolve_pronouns: bool = True
    speakers: bool = True
    unresolved_holders: bool = True
    discourse: WordList | None = None  # None: tried in every document
    discourse_words: int = 3

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_OPTIONS

    def changed(self) -> dict[str, str]:
        """The options set away from their default, as written, for `stancekit explain`."""
        shown: dict[str, str] = {}
        if self.readings != DEFAULT_OPTIONS.readings:
            shown["readings"] = "[" + ", ".join(r for r in READINGS if r in self.readings) + "]"
        for spec in OPTIONS:
            value = getattr(self, spec.name)
            if spec.kind == BOOL and value != getattr(DEFAULT_OPTIONS, spec.name):
                shown[spec.name] = str(value).lower()
            elif spec.kind == COUNT and value != getattr(DEFAULT_OPTIONS, spec.name):
                shown[spec.name] = str(value)
            elif spec.kind == POLARITY and value is not None:
                shown[spec.name] = value
            elif spec.kind == WORD_LIST and value is not None:
                shown[spec.name] = value.source
        return shown


DEFAULT_OPTIONS = RuleOptions()


def options_markdown() -> str:
    """The "Rule options" table of docs/rule-language.md, generated from `OPTIONS` and `READINGS`."""
    lines = ["| option | value | default | what it does |", "|---|---|---|---|"]
    for spec in OPTIONS:
        lines.append(f"| `{spec.name}` | {spec.kind} | `{spec.default}` | {spec.doc} |")
    lines += ["", "| reading | drops a match when |", "|---|---|"]
    lines.extend(f"| `{name}` | {doc} |" for name, doc in READINGS.items())
    return "\n".join(lines) + "\n"
