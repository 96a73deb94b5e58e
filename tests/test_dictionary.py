"""The compact copy of LemmInflect's dictionary answers what LemmInflect answers, and is
kept in the cache folder."""

from __future__ import annotations

import random

import pytest

from stancekit.tagging import dictionary
from stancekit.tagging.dictionary import build_table, load_table
from stancekit.tagging.features import lexicon_class
from stancekit.tagging.inflection_tables import lemminflect
from stancekit.tagging.lemmas import lemma

#: The tags whose lemmas come from the dictionary alone (an auxiliary may be a clitic stancekit
#: reads itself: `'re` -> `be`).
OPEN_CLASSES = ("NOUN", "VERB", "ADJ", "ADV")


def lemminflect_class(form: str) -> tuple[str, str]:
    """The word class as LemmInflect's own lookup gives it (what `lexicon_class` read before)."""
    readings = lemminflect.getAllLemmas(form) if form[:1].isalpha() else {}
    parts = []
    verb = "n"
    for upos in sorted(readings):
        base = any(found.lower() == form.lower() for found in readings[upos])
        parts.append(upos + ("=" if base else "+"))
        if upos == "VERB":
            verb = "b" if base else "i"
    return "|".join(parts) or "-", verb


def lemminflect_lemma(lower: str, upos: str) -> str:
    found = lemminflect.getLemma(lower, upos=upos)
    return found[0] if found else lower


WORDS = [
    "backs", "Backs", "BACKS", "back", "left", "saw", "better", "best", "data", "media",
    "criticised", "criticized", "opposes", "was", "'s", "n't", "the", "new", "said",
    "frobnicates", "qwzx", "geese", "Geese", "x-ray", "well-known", "naïve", "1,400",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_word_classes_and_lemmas_are_lemminflects(word: str) -> None:
    assert lexicon_class(word) == lemminflect_class(word)
    lower = word.lower()
    if any(c.isalpha() for c in lower):
        for upos in OPEN_CLASSES:
            assert lemma(lower, upos) == lemminflect_lemma(lower, upos), upos


def test_every_sampled_dictionary_word_reads_as_in_lemminflect() -> None:
    table = build_table()
    words = sorted(table.classes)
    assert len(words) > 50_000
    for word in random.Random(7).sample(words, 2_000):
        assert lexicon_class(word) == lemminflect_class(word), word
        assert lexicon_class(word.capitalize()) == lemminflect_class(word.capitalize()), word
        for upos in OPEN_CLASSES:
            assert lemma(word, upos) == lemminflect_lemma(word, upos), (word, upos)


def test_the_dictionary_is_kept_in_the_cache_folder_and_read_back(tmp_path) -> None:
    first = load_table(tmp_path)
    [entry] = tmp_path.glob("dictionary-*.pickle")
    again = load_table(tmp_path)
    assert again is not first and again == first
    assert again.classes["backs"].classes == "NOUN+|VERB+"
    entry.write_bytes(b"not a pickle")
    assert load_table(tmp_path) == first  # a damaged entry is made afresh
    assert entry.stat().st_size > 100_000


def test_an_unknown_word_has_no_classes_and_no_dictionary_lemma() -> None:
    assert dictionary.word_classes("qwzx") is dictionary.UNKNOWN
    assert dictionary.dictionary_lemma("qwzx", "NOUN") is None
    assert dictionary.dictionary_lemma("the", "NOUN") is None  # held, but not as a noun
    assert dictionary.dictionary_lemma("geese", "NOUN") == "goose"
    assert dictionary.dictionary_lemma("goose", "NOUN") == "goose"
