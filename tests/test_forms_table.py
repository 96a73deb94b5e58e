"""The compact copy of LemmInflect's tables gives a rule word the forms LemmInflect gives it,
and is kept in the cache folder."""

from __future__ import annotations

import random

import pytest

from stancekit.compiler.forms_table import build_table, load_table
from stancekit.compiler.inflect import head_forms, inflections
from stancekit.tagging.inflection_tables import lemminflect
from stancekit.text.tokens import normalise


def lemminflect_forms(word: str, head: bool) -> frozenset[str]:
    """A word's forms from LemmInflect's own lookups: every form of each of its lemmas as a
    noun, verb or auxiliary and of itself (`head`: a noun's lemmas, a verb only from its base,
    itself when the tables do not hold it)."""
    lowered = normalise(word)
    prefix, hyphen, last = lowered.rpartition("-")
    if hyphen and prefix and last.isalpha():
        return frozenset({lowered} | {f"{prefix}-{form}" for form in lemminflect_forms(last, head)})
    forms = {lowered}
    if not lowered.isalpha():
        return frozenset(forms)
    lemmas = lemminflect.getAllLemmas(lowered)
    for upos in ("NOUN", "VERB", "AUX"):
        if not head:
            bases: tuple[str, ...] = (*lemmas.get(upos, ()), lowered)
        elif not lemmas:
            bases = (lowered,)
        elif upos == "NOUN":
            bases = lemmas.get(upos, ())
        else:
            bases = (lowered,) if lowered in lemmas.get(upos, ()) else ()
        for base in bases:
            for spellings in lemminflect.getAllInflections(base, upos=upos).values():
                forms.update(normalise(form) for form in spellings)
    return frozenset(forms)


WORDS = [
    "support", "Supports", "stand", "stood", "be", "is", "have", "right", "rights", "tax",
    "taxes", "zoning", "smoking", "criticise", "criticize", "geese", "data", "better", "left",
    "co-sponsor", "e-mail", "drouskaf", "qwzx", "don't", "1,400", "naïve",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_a_words_forms_are_lemminflects(word: str) -> None:
    assert inflections(word) == lemminflect_forms(word, head=False)
    assert head_forms(word) == lemminflect_forms(word, head=True)


def test_every_sampled_dictionary_word_has_lemminflects_forms() -> None:
    table = build_table()
    words = sorted(table.readings.keys() | table.verb_forms.keys() | table.noun_forms.keys())
    assert len(words) > 50_000
    for word in random.Random(11).sample(words, 2_000):
        assert inflections(word) == lemminflect_forms(word, head=False), word
        assert head_forms(word) == lemminflect_forms(word, head=True), word


def test_a_word_the_tables_do_not_hold_is_its_only_form() -> None:
    assert inflections("Drouskaf") == {"drouskaf"}
    assert inflections("co-drouskaf") == {"co-drouskaf"}
    assert {"stands", "stood", "standing"} <= inflections("stand")


def test_the_forms_are_kept_in_the_cache_folder_and_read_back(tmp_path) -> None:
    first = load_table(tmp_path)
    [entry] = tmp_path.glob("forms-*.pickle")
    again = load_table(tmp_path)
    assert again is not first and again == first
    assert again.forms_of("stand", "VERB") >= {"stood", "stands"}
    entry.write_bytes(b"not a pickle")
    assert load_table(tmp_path) == first  # a damaged entry is made afresh
    assert entry.stat().st_size > 100_000
