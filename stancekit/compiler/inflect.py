"""Inflections of English words, expanded once at compile time.

A bare word in a rule matches every form of the word: `support` matches supports, supported
and supporting; `stand` matches stood. The forms come from LemmInflect's tables (built from
the SPECIALIST lexicon), for nouns, verbs and auxiliaries. Adjectives are left out on purpose:
their "lemmas" (better -> good) would turn one word into another. The scan itself never
lemmatises: it compares lower-cased surface forms against these sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from stancekit.compiler.forms_table import PARTS_OF_SPEECH, Readings, forms_table
from stancekit.text.tokens import normalise


@cache
def inflections(word: str) -> frozenset[str]:
    """Every form of `word` (itself included), lower-cased."""
    return _forms(word, _every_base)


@cache
def head_forms(word: str) -> frozenset[str]:
    """The forms of `word` as the last word of a noun phrase (a topic alias): its plural as a
    noun ("tariff" -> tariffs), and the forms of a verb only when the word is that verb's base
    ("cut tax" -> "cut taxes", "taxed"). A form of another word is not expanded back to it: the
    alias "zoning" names no zone, "public housing" no public house, "smoking" no smoke."""
    return _forms(word, _head_bases)


@cache
def plurals(word: str) -> frozenset[str]:
    """The plural forms of `word` as a noun, the tables' or their rules' for a word they do not
    hold ("russian" -> russians)."""
    from stancekit.tagging.inflection_tables import lemminflect

    lowered = normalise(word)
    return frozenset(normalise(form) for form in lemminflect.getInflection(lowered, tag="NNS")) - {lowered}


#: The words whose forms a word has for one part of speech: (word, part of speech, the
#: tables' lemmas of the word by part of speech, None when they do not hold the word) -> bases.
Bases = Callable[[str, str, Readings | None], Iterable[str]]


def _forms(word: str, bases: Bases) -> frozenset[str]:
    """`word` in lower case and every form of the bases `bases` gives it for each part of
    speech."""
    lowered = normalise(word)
    prefix, hyphen, last = lowered.rpartition("-")
    if hyphen and prefix and last.isalpha():
        # "co-sponsor" is a verb the tables do not hold; its last part carries the inflection
        return frozenset({lowered} | {f"{prefix}-{form}" for form in _forms(last, bases)})
    forms = {lowered}
    if not lowered.isalpha():
        return frozenset(forms)
    table = forms_table()
    readings = table.readings.get(lowered)
    for upos in PARTS_OF_SPEECH:
        for base in bases(lowered, upos, readings):
            forms |= table.forms_of(base, upos)
    return frozenset(forms)


def _every_base(word: str, upos: str, readings: Readings | None) -> tuple[str, ...]:
    """The word itself and every lemma it is a form of."""
    return (*(readings or {}).get(upos, ()), word)


def _head_bases(word: str, upos: str, readings: Readings | None) -> tuple[str, ...]:
    """A noun's lemmas ("rights" -> right), a verb only when the word is its base; the word
    itself when the tables do not hold it."""
    if readings is None:
        return (word,)
    if upos == "NOUN":
        return readings.get(upos, ())
    return (word,) if word in readings.get(upos, ()) else ()
