"""Finite verb forms that are nothing but verbs, from LemmInflect's English lexicon.

A topic that is a noun phrase ends where the main verb of its clause begins: "Germany's
support for the sanctions | surprised some diplomats". Without a tagger the engine cannot
see verbs in general, but it can know the inflected forms that are verbs and nothing else
("surprised", "helped", "drew"), which is enough to end a topic there. The set is built once
per process from the same dictionary the compiler inflects words with; the scan only looks
words up in it.
"""

from __future__ import annotations

from functools import cache


@cache
def verb_only_forms() -> frozenset[str]:
    """Inflected forms (past, participle, third person) with no noun, adjective or other reading."""
    import lemminflect

    lemmatizer = lemminflect.Lemmatizer()  # a singleton; its table loads on first lookup
    lemmatizer.getAllLemmas("be")
    forms = set()
    for word, readings in lemmatizer.lemma_dict.items():
        if set(readings) - {"VERB", "AUX"} or not word.isalpha() or not word.islower():
            continue
        lemmas = {lemma for values in readings.values() for lemma in values}
        if word not in lemmas and not word.endswith("ing"):
            forms.add(word)
    return frozenset(forms)


@cache
def ing_forms() -> frozenset[str]:
    """Present participles ("making", "speaking"): a sentence that starts with one starts with
    a clause, not with a name."""
    import lemminflect

    lemmatizer = lemminflect.Lemmatizer()
    lemmatizer.getAllLemmas("be")
    return frozenset(w for w, readings in lemmatizer.lemma_dict.items() if w.endswith("ing") and "VERB" in readings)
