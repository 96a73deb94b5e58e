"""One name per person across a collection: "Trump", "Mr. Trump", "Donald J. Trump" and
"Republican nominee Donald Trump" counted as "Donald Trump".

Within a document the scan already names a short mention by its full one. Across documents
it cannot: an article that only says "Trump" gives the actor "Trump", another "Donald Trump",
and a timeline or a network would split one person in two. Researchers merge such names by
hand; this does what they would do, and only where the collection leaves no doubt:

- titles and middle initials do not count: "Mr. Trump" is "Trump", "Donald J. Trump" is
  "Donald Trump";
- a name that ends with another name of two words or more is that name with a descriptor in
  front ("Democrat Hillary Clinton" -> "Hillary Clinton");
- a single name is the full name that ends with it, when exactly one does: "Kaine" -> "Tim
  Kaine"; "Clinton" stays "Clinton" when both "Hillary Clinton" and "Bill Clinton" occur.

Only names written as names are merged (every word capitalised); names from the actor and
topic dictionaries keep their ids and are never touched: the dictionary already decided.
Actors and topics share one index, so that the topic "Trump" and the actor "Donald Trump"
are the same person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from stancekit.engine.profile import LanguageProfile, default_profile
from stancekit.findings import Finding
from stancekit.tracking.timeline import Named

#: A descriptor or a name longer than this is a phrase, not a name.
MAX_NAME_WORDS = 6


def name_core(name: str, lang: LanguageProfile) -> tuple[str, ...] | None:
    """The words that identify a name (casefolded, without titles and initials), or None
    when the text is not written as a name, or names something else: an office ("New Jersey
    governor" is not New Jersey) or something a person has ("Clinton's")."""
    words = name.replace("\u2019", "'").split()
    if not words or len(words) > MAX_NAME_WORDS or _is_title(words[-1], lang) or words[-1].endswith("'s"):
        return None
    titled = not names_a_thing_or_body(words[-1], lang)
    core = []
    for word in words:
        if titled and _is_title(word, lang):
            continue  # "Mr.", "Sen.", "nominee"
        folded = word.casefold()
        if not word[0].isupper():
            return None
        if len(folded.rstrip(".")) == 1:  # a middle initial
            continue
        core.append(folded.rstrip(".,"))
    return tuple(core) or None


def names_a_thing_or_body(last: str, lang: LanguageProfile) -> bool:
    """Whether a name's last word makes it the name of a thing, an event or a body ("the
    Republican National Convention"): a title word opening it is then part of the name, not
    a person's title."""
    folded = last.casefold().rstrip(".,")
    return folded in lang.non_person_heads or folded in lang.organisation_words


def _is_title(word: str, lang: LanguageProfile) -> bool:
    return lang.is_person_title(word)


def _person(core: tuple[str, ...], lang: LanguageProfile) -> bool:
    """A full name of a person: two words or more, the first a known first name. Only such
    names take in descriptors and surnames: "Democrats" must not become "House Democrats"."""
    return len(core) >= 2 and (core[0] in lang.male_names or core[0] in lang.female_names)


@dataclass(frozen=True)
class NameMerges:
    """Which names (by key) count as which: `merged` maps a name's key to the name it is
    counted under; `written` keeps how each merged name was first written, to show it. Names
    not in `merged` stay as they are."""

    merged: Mapping[str, Named] = field(default_factory=dict)
    written: Mapping[str, str] = field(default_factory=dict)

    def apply(self, named: Named) -> Named:
        return self.merged.get(named.key, named)

    def examples(self, most: int = 3) -> list[str]:
        """A few merges as "Trump -> Donald Trump", for the line a command prints."""
        return [f"{self.written.get(key, key)} -> {named.name}" for key, named in list(self.merged.items())[:most]]


def collection_names(findings: Iterable[Finding], profile: LanguageProfile | None = None) -> NameMerges:
    """The merges among the actor and topic keys of `findings`, one collection
    (`stancekit.keys.key_merges`); titles and first names come from `profile` (the bundled
    English one when None)."""
    from stancekit.keys import key_merges

    merges = key_merges(list(findings), profile)
    return NameMerges(
        {key: Named(new_key, shown) for key, (new_key, shown, _) in merges.items()},
        {key: first for key, (_, _, first) in merges.items()},
    )


def merge_names(names: Iterable[Named], profile: LanguageProfile | None = None) -> NameMerges:
    """The merges that `names` (every actor and topic of a collection, repeats included)
    leave no doubt about. A merged name is shown as its full form is written, without a
    leading title, shortest and then most frequent first."""
    lang = profile or default_profile()
    written: Counter[tuple[str, str]] = Counter()
    cores: dict[str, tuple[str, ...]] = {}
    for named in names:
        if named.key != named.name.casefold():  # a dictionary id: not ours to merge
            continue
        core = name_core(named.name, lang)
        if core is None:
            continue
        cores[named.key] = core
        written[(named.key, named.name)] += 1

    full = {core for core in cores.values() if len(core) >= 2}
    people = {core for core in full if _person(core, lang)}
    canonical_full = {core: _shortest_person_suffix(core, people) for core in full}
    by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for core in set(canonical_full.values()) & people:
        by_surname[core[-1]].add(core)

    target: dict[str, tuple[str, ...]] = {}
    for key, core in cores.items():
        if len(core) >= 2:
            target[key] = canonical_full[core]
        elif len(by_surname.get(core[0], ())) == 1:
            target[key] = next(iter(by_surname[core[0]]))

    shown = _shown_forms(written, cores, lang)
    first_written = {}
    for key, name in written:
        first_written.setdefault(key, name)
    merged: dict[str, Named] = {}
    for key, core in sorted(target.items()):
        name = shown.get(core)
        if name is None:
            continue
        if name.casefold() != key:
            merged[key] = Named(name.casefold(), name)
    return NameMerges(merged, {key: first_written[key] for key in merged})


def _shortest_person_suffix(core: tuple[str, ...], people: set[tuple[str, ...]]) -> tuple[str, ...]:
    """The person's full name that `core` ends with, the shortest such: "democrat hillary
    clinton" -> "hillary clinton"; `core` itself when it ends with none."""
    for start in range(len(core) - 2, 0, -1):
        if core[start:] in people:
            return core[start:]
    return core


def _shown_forms(
    written: Counter[tuple[str, str]], cores: Mapping[str, tuple[str, ...]], lang: LanguageProfile
) -> dict[tuple[str, ...], str]:
    """For each full name (by its core), how to show it: of the ways it is written, without a
    leading title ("Sen. Lindsey Graham" -> "Lindsey Graham"), the shortest, then the most
    frequent: "Donald Trump" rather than "Donald J. Trump"."""
    counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for (key, name), count in written.items():
        core = cores[key]
        if len(core) >= 2:
            counts[core][_without_leading_titles(name, lang)] += count
    return {
        core: min(sorted(forms), key=lambda form: (len(form.split()), -forms[form])) for core, forms in counts.items()
    }


def _without_leading_titles(name: str, lang: LanguageProfile) -> str:
    words = name.split()
    if words and names_a_thing_or_body(words[-1], lang):
        return name  # "Republican National Convention": no one's title
    while len(words) > 1 and _is_title(words[0], lang):
        words.pop(0)
    return " ".join(words)
