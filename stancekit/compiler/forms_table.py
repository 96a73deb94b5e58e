"""What LemmInflect's tables say of a word's forms, from a compact copy of them.

A bare word in a rule matches every form of the word, and the compiler asks for the forms of
every word and lexicon entry it meets. LemmInflect answers each question with deep copies of
its dictionary entries (a fifth of a 10,000-rule compile went there, most of it for words it
does not hold) and loads two large tables into the compiling process first. The compiler needs
only, per lower-case word, its lemmas as a noun, verb or auxiliary, and per lemma its noun
forms and its verb forms. That copy is made once from LemmInflect's own tables and kept in the
user's cache folder beside the tagger's dictionary (`tagging/dictionary.py`), keyed by
LemmInflect's version.

Only lower-case entries are copied: the compiler looks words up in lower case, and
LemmInflect's capitalised entries answer only for PROPN, which the compiler never asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from stancekit.tagging.dictionary import kept_table, loaded_lemmatizer, lower_case_entries
from stancekit.text.tokens import normalise

_TABLE_FORMAT = 1

#: The parts of speech whose forms a word has, with the Penn tags of each (LemmInflect's own
#: split: an auxiliary's forms are a verb's).
PARTS_OF_SPEECH = ("NOUN", "VERB", "AUX")
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})

#: A word's lemmas by part of speech, only the parts of speech above that it has.
Readings = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class FormsTable:
    """`readings`: each lower-case word of the dictionary, with its lower-cased lemmas as a
    noun, verb or auxiliary (an empty record for a word it holds only as another class).
    `noun_forms`, `verb_forms`: each lower-case lemma's forms in comparison form, itself
    included where the tables list it."""

    readings: dict[str, Readings]
    noun_forms: dict[str, frozenset[str]]
    verb_forms: dict[str, frozenset[str]]

    def forms_of(self, base: str, upos: str) -> frozenset[str]:
        """The forms of the lower-case lemma `base` as `upos` (NOUN, VERB or AUX)."""
        return (self.noun_forms if upos == "NOUN" else self.verb_forms).get(base, frozenset())


@cache
def forms_table() -> FormsTable:
    """The compact copy kept in the cache folder (made there on first use)."""
    return load_table(None)


def load_table(folder: Path | None) -> FormsTable:
    """The copy kept in `folder` (the cache folder's `words/` when None), made and kept there
    first if it is missing or damaged."""
    return kept_table(f"forms-{_TABLE_FORMAT}", build_table, _is_table, folder)


def _is_table(found: object) -> bool:
    return isinstance(found, FormsTable)


def build_table() -> FormsTable:
    """The compact copy of LemmInflect's lemma and inflection tables, their overrides applied
    as its lookups apply them."""
    from stancekit.tagging.inflection_tables import lemminflect

    lemmatizer = loaded_lemmatizer()
    inflector = lemminflect.Inflections()
    inflector.getAllInflections("be")  # its tables load on the first lookup
    readings: dict[str, Readings] = {}
    shared: dict[tuple, Readings] = {}
    for word, found in lower_case_entries(lemmatizer.lemma_dict, lemmatizer.overrides_dict).items():
        if not found:
            continue
        kept = {upos: tuple(lemma.lower() for lemma in found[upos]) for upos in PARTS_OF_SPEECH if upos in found}
        key = tuple(sorted(kept.items()))
        readings[word] = shared.setdefault(key, kept)
    noun_forms: dict[str, frozenset[str]] = {}
    verb_forms: dict[str, frozenset[str]] = {}
    for lemma, by_tag in lower_case_entries(inflector.infl_dict, inflector.overrides_dict).items():
        for tags, table in ((_NOUN_TAGS, noun_forms), (_VERB_TAGS, verb_forms)):
            spellings = (form for tag, listed in by_tag.items() if tag in tags for form in listed)
            forms = frozenset(normalise(form.lower()) for form in spellings)
            if forms:
                table[lemma] = forms
    return FormsTable(readings, noun_forms, verb_forms)
