"""What LemmInflect's dictionary says of a lower-case word, from a compact copy of it.

The tagger asks of every word which word classes the dictionary knows it as
(`features.lexicon_class`), and a tagged word's lemma comes from the dictionary. LemmInflect
loads its dictionary as a dict of dicts of tuples (33 MB in every process, and NumPy for
its rules for words it does not hold); those two questions need, per word, only its classes
(one shared record for all words of the same classes) and the first lemma of each class that
is another word. That copy is made once from LemmInflect's own tables and kept in the
user's cache folder, keyed by LemmInflect's version, so that a scan reads it in milliseconds
and imports LemmInflect only for a word the dictionary does not hold as the tag asked.

Only the lower-case entries are copied: the dictionary is looked up in lower case, and its
capitalised entries (proper nouns) answer only for PROPN, which stancekit does not
lemmatise. Its lemmas are ASCII, so lower-casing a lemma after LemmInflect gives it a word's
capitals is the same as lower-casing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from stancekit.cachedir import default_cache_dir, read_pickle, write_pickle

_TABLE_FORMAT = 1

T = TypeVar("T")


@dataclass(frozen=True)
class WordClasses:
    """The word classes the dictionary knows a word as.

    `classes`: the Universal POS tags, each marked `=` when the word is one of that tag's
    lemmas (a base verb form, a singular noun) and `+` when it only inflects another word
    (`backs` -> `NOUN+|VERB+`); `-` for a word it does not know. `verb`: `b` (the word is a
    base verb form: can follow a modal, `not` or `to`), `i` (an inflected verb) or `n` (no
    verb). `tags`: the tags themselves."""

    classes: str
    verb: str
    tags: frozenset[str]


UNKNOWN = WordClasses("-", "n", frozenset())


@dataclass(frozen=True)
class DictionaryTable:
    """The compact copy: each lower-case word's classes, and the first lemma of each of its
    tags where that lemma is not the word itself (keyed `word TAG`)."""

    classes: dict[str, WordClasses]
    lemmas: dict[str, str]


def word_classes(lower: str) -> WordClasses:
    """What the dictionary knows the lower-case word `lower` as."""
    return _table().classes.get(lower, UNKNOWN)


def dictionary_lemma(lower: str, upos: str) -> str | None:
    """The lemma the dictionary gives the lower-case word `lower` as `upos` (lower-cased, the
    first of its spellings), or None when it does not hold the word as that tag."""
    table = _table()
    if upos not in table.classes.get(lower, UNKNOWN).tags:
        return None
    return table.lemmas.get(f"{lower} {upos}", lower)


@cache
def _table() -> DictionaryTable:
    return load_table(default_cache_dir() / "words")


def load_table(folder: Path) -> DictionaryTable:
    """The compact copy kept in `folder` for the installed LemmInflect, made and kept there
    first if it is missing or damaged."""
    return kept_table(f"dictionary-{_TABLE_FORMAT}", build_table, _is_table, folder)


def _is_table(found: object) -> bool:
    return isinstance(found, DictionaryTable)


def kept_table(name: str, build: Callable[[], T], accepts: Callable[[object], bool], folder: Path | None = None) -> T:
    """A table `build` makes from LemmInflect's dictionary, kept in `folder` (the cache
    folder's `words/` when None) under `name` and LemmInflect's version: read from there, or
    made and kept there when missing or when `accepts` refuses what is there (damaged)."""
    try:
        source = version("lemminflect")
    except PackageNotFoundError:
        source = "unknown"
    path = (folder or default_cache_dir() / "words") / f"{name}-{source}.pickle"
    found = read_pickle(path)
    if accepts(found):
        return found  # type: ignore[return-value]
    built = build()
    write_pickle(path, built)
    return built


def loaded_lemmatizer() -> Any:
    """LemmInflect's lemmatizer (a singleton) with its dictionary and overrides loaded, as
    `lemma_dict` and `overrides_dict`: what the tables here are made from."""
    from stancekit.tagging.inflection_tables import lemminflect

    lemmatizer = lemminflect.Lemmatizer()  # its tables load on the first lookup
    lemmatizer.getAllLemmas("be")
    return lemmatizer


def lower_case_entries(table: dict[str, dict], overrides: dict[str, dict]) -> dict[str, dict]:
    """The lower-case entries of one of LemmInflect's tables with its overrides laid over
    them, entry by entry, as its lookups lay them."""
    merged = {word: dict(entry) for word, entry in table.items() if word == word.lower()}
    for word, entry in overrides.items():
        if word == word.lower():
            merged.setdefault(word, {}).update(entry)
    return merged


def build_table() -> DictionaryTable:
    """The compact copy of LemmInflect's dictionary (its overrides applied, as its lookups
    apply them)."""
    lemmatizer = loaded_lemmatizer()
    entries = lower_case_entries(lemmatizer.lemma_dict, lemmatizer.overrides_dict)
    shared: dict[WordClasses, WordClasses] = {}
    classes: dict[str, WordClasses] = {}
    lemmas: dict[str, str] = {}
    for word, readings in entries.items():
        parts = []
        verb = "n"
        for upos in sorted(readings):
            base = any(lemma.lower() == word for lemma in readings[upos])
            parts.append(upos + ("=" if base else "+"))
            if upos == "VERB":
                verb = "b" if base else "i"
            first = readings[upos][0].lower()
            if first != word:
                lemmas[f"{word} {upos}"] = first
        found = WordClasses("|".join(parts) or "-", verb, frozenset(readings))
        classes[word] = shared.setdefault(found, found)
    return DictionaryTable(classes, lemmas)
