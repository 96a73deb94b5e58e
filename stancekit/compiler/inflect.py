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

from stancekit.text.tokens import normalise

_PARTS_OF_SPEECH = ("NOUN", "VERB", "AUX")


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
#: tables' lemmas of the word by part of speech) -> bases.
Bases = Callable[[str, str, dict[str, tuple[str, ...]]], Iterable[str]]


def _forms(word: str, bases: Bases) -> frozenset[str]:
    """`word` in lower case and every form of the bases `bases` gives it for each part of
    speech."""
    from stancekit.tagging.inflection_tables import lemminflect

    lowered = normalise(word)
    prefix, hyphen, last = lowered.rpartition("-")
    if hyphen and prefix and last.isalpha():
        # "co-sponsor" is a verb the tables do not hold; its last part carries the inflection
        return frozenset({lowered} | {f"{prefix}-{form}" for form in _forms(last, bases)})
    forms = {lowered}
    if not lowered.isalpha():
        return frozenset(forms)
    lemmas = lemminflect.getAllLemmas(lowered)
    for upos in _PARTS_OF_SPEECH:
        for base in bases(lowered, upos, lemmas):
            for variants in lemminflect.getAllInflections(base, upos=upos).values():
                forms.update(normalise(v) for v in variants)
    return frozenset(forms)


def _every_base(word: str, upos: str, lemmas: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The word itself and every lemma it is a form of."""
    return (*lemmas.get(upos, ()), word)


def _head_bases(word: str, upos: str, lemmas: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A noun's lemmas ("rights" -> right), a verb only when the word is its base; the word
    itself when the tables do not hold it."""
    if not lemmas:
        return (word,)
    if upos == "NOUN":
        return lemmas.get(upos, ())
    return (word,) if word in lemmas.get(upos, ()) else ()
