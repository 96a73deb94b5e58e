"""Inflections of English words, expanded once at compile time.

A bare word in a rule matches every form of the word: `support` matches supports, supported
and supporting; `stand` matches stood. The forms come from LemmInflect's tables (built from
the SPECIALIST lexicon), for nouns, verbs and auxiliaries. Adjectives are left out on purpose:
their "lemmas" (better -> good) would turn one word into another. The scan itself never
lemmatises: it compares lower-cased surface forms against these sets.
"""

from __future__ import annotations

from functools import cache

from stancekit.text.tokens import normalise

_PARTS_OF_SPEECH = ("NOUN", "VERB", "AUX")


@cache
def inflections(word: str) -> frozenset[str]:
    """Every form of `word` (itself included), lower-cased."""
    from stancekit.tagging.inflection_tables import lemminflect

    lowered = normalise(word)
    prefix, hyphen, last = lowered.rpartition("-")
    if hyphen and prefix and last.isalpha():
        # "co-sponsor" is a verb the tables do not hold; its last part carries the inflection
        return frozenset({lowered} | {f"{prefix}-{form}" for form in inflections(last)})
    forms = {lowered}
    if not lowered.isalpha():
        return frozenset(forms)
    lemmas = lemminflect.getAllLemmas(lowered)
    for upos in _PARTS_OF_SPEECH:
        for lemma in (*lemmas.get(upos, ()), lowered):
            for variants in lemminflect.getAllInflections(lemma, upos=upos).values():
                forms.update(normalise(v) for v in variants)
    return frozenset(forms)


@cache
def head_forms(word: str) -> frozenset[str]:
    """The forms of `word` as the last word of a noun phrase (a topic alias): its plural as a
    noun ("tariff" -> tariffs), and the forms of a verb only when the word is that verb's base
    ("cut tax" -> "cut taxes", "taxed"). A form of another word is not expanded back to it: the
    alias "zoning" names no zone, "public housing" no public house, "smoking" no smoke."""
    from stancekit.tagging.inflection_tables import lemminflect

    lowered = normalise(word)
    prefix, hyphen, last = lowered.rpartition("-")
    if hyphen and prefix and last.isalpha():
        return frozenset({lowered} | {f"{prefix}-{form}" for form in head_forms(last)})
    if not lowered.isalpha():
        return frozenset({lowered})
    lemmas = lemminflect.getAllLemmas(lowered)
    if not lemmas:
        return inflections(lowered)  # a word the tables do not hold, inflected as before
    forms = {lowered}
    for upos in _PARTS_OF_SPEECH:
        # a noun's singular and plural ("rights", "right"); a verb's forms from its base only
        bases = lemmas.get(upos, ()) if upos == "NOUN" else (lowered,) if lowered in lemmas.get(upos, ()) else ()
        for base in bases:
            for variants in lemminflect.getAllInflections(base, upos=upos).values():
                forms.update(normalise(v) for v in variants)
    return frozenset(forms)


@cache
def plurals(word: str) -> frozenset[str]:
    """The plural forms of `word` as a noun, the tables' or their rules' for a word they do not
    hold ("russian" -> russians)."""
    from stancekit.tagging.inflection_tables import lemminflect

    lowered = normalise(word)
    return frozenset(normalise(form) for form in lemminflect.getInflection(lowered, tag="NNS")) - {lowered}
