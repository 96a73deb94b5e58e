"""Lemmas from a word and its UPOS tag, by LemmInflect's dictionary (`dictionary.py`) and,
for a word it does not hold as that tag, its rules.

LemmInflect only knows open-class tags (NOUN, PROPN, VERB, AUX, ADJ, ADV); for the others
the lower-cased word is its own lemma, with the few closed-class forms whose lemma differs
listed here (`n't` -> `not`, `'re` -> `be`). A proper noun keeps its form, and so do
punctuation and numbers. Common words are lower-cased, as dictionary headwords are.
"""

from __future__ import annotations

from functools import lru_cache

from stancekit.tagging.dictionary import dictionary_lemma
from stancekit.tagging.features import normalise_word

_LEMMINFLECT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"})
#: Closed-class forms whose lemma is not the form itself (in the treebank's convention).
_CLOSED_CLASS = {
    "n't": "not",
    "'m": "be",
    "'re": "be",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "ca": "can",
    "wo": "will",
    "an": "a",
    "me": "I",
    "us": "we",
    "them": "they",
    "him": "he",
    "her": "she",
}


@lru_cache(maxsize=16384)
def lemma(word: str, upos: str) -> str:
    """The lemma of `word` tagged `upos` (`endorsed`/VERB -> `endorse`, `Senators`/PROPN -> `Senators`)."""
    if upos == "PROPN" or not any(c.isalpha() for c in word):
        return word
    form = normalise_word(word)
    lower = form.lower()
    if upos == "PRON" and lower in ("i", "me"):
        return "I"
    if lower in _CLOSED_CLASS and upos in ("PART", "AUX", "DET", "PRON"):
        return _CLOSED_CLASS[lower]
    if upos in _LEMMINFLECT_TAGS:
        found = dictionary_lemma(lower, upos)
        if found is None:
            found = _rules_lemma(lower, upos)
        if found:
            return found
    return lower


def _rules_lemma(lower: str, upos: str) -> str | None:
    """LemmInflect's lemma of a word its dictionary does not hold as `upos`, by its rules."""
    from stancekit.tagging.inflection_tables import lemminflect

    found = lemminflect.getAllLemmasOOV(lower, upos)
    return found[upos][0] if found else None
