"""The Universal POS tag set, with a short description of each tag.

Kept in one place so that error messages, the `stancekit tag --eval` table and any tagger
plugged in later agree on the tag names (https://universaldependencies.org/u/pos/).
"""

from __future__ import annotations

#: The 17 Universal POS tags, in the order of the UD documentation.
UPOS_TAGS: tuple[str, ...] = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)

#: Tag -> a few words of English, for error messages and documentation.
UPOS_DESCRIPTIONS: dict[str, str] = {
    "ADJ": "adjective",
    "ADP": "adposition (preposition or postposition)",
    "ADV": "adverb",
    "AUX": "auxiliary verb",
    "CCONJ": "coordinating conjunction",
    "DET": "determiner",
    "INTJ": "interjection",
    "NOUN": "noun",
    "NUM": "numeral",
    "PART": "particle (not, possessive 's, infinitive to)",
    "PRON": "pronoun",
    "PROPN": "proper noun",
    "PUNCT": "punctuation",
    "SCONJ": "subordinating conjunction",
    "SYM": "symbol",
    "VERB": "verb",
    "X": "other (foreign words, typos, unanalysable tokens)",
}
