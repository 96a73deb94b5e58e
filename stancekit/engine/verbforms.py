"""Finite verb forms that are nothing but verbs, from LemmInflect's English lexicon.

A topic that is a noun phrase ends where the main verb of its clause begins: "Germany's
support for the sanctions | surprised some diplomats". Without a tagger the engine cannot
see verbs in general, but it can know the inflected forms that are verbs and nothing else
("surprised", "helped", "drew"), which is enough to end a topic there. The set is built once
from the same dictionary the compiler inflects words with; the scan only looks words up in
it. Loading that dictionary takes most of a second, so the two sets are kept in the user's
cache folder and a scan (or each of its worker processes) reads them in milliseconds.
"""

from __future__ import annotations

from functools import cache

from stancekit.tagging.dictionary import kept_table, loaded_lemmatizer

_TABLES_FORMAT = 1


def verb_only_forms() -> frozenset[str]:
    """Inflected forms (past, participle, third person) with no noun, adjective or other reading."""
    return _tables()[0]


def ing_forms() -> frozenset[str]:
    """Present participles ("making", "speaking"): a sentence that starts with one starts with
    a clause, not with a name."""
    return _tables()[1]


@cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    return kept_table(f"verbforms-{_TABLES_FORMAT}", _build_tables, _are_tables)


def _are_tables(found: object) -> bool:
    return isinstance(found, tuple) and len(found) == 2 and all(isinstance(s, frozenset) for s in found)


def _build_tables() -> tuple[frozenset[str], frozenset[str]]:
    lemmatizer = loaded_lemmatizer()
    verb_only = set()
    for word, readings in lemmatizer.lemma_dict.items():
        if set(readings) - {"VERB", "AUX"} or not word.isalpha() or not word.islower():
            continue
        lemmas = {lemma for values in readings.values() for lemma in values}
        if word not in lemmas and not word.endswith("ing"):
            verb_only.add(word)
    ing = (w for w, readings in lemmatizer.lemma_dict.items() if w.endswith("ing") and "VERB" in readings)
    return frozenset(verb_only), frozenset(ing)
