"""Generated rule sets and corpora for the benchmarks.

Real rule packs of thousands of rules do not exist to measure with, so the benchmarks make
them: rule `i` is "ACTOR, optional do/does/did, optional not, a verb of rule i's lexicon,
a gap of up to three tokens, TOPIC", the shape research teams write most. Each rule has
verbs of its own (made-up words, so that no English text triggers them by chance), which
is how a large pack behaves: each rule is about something specific.

The corpus is news-like: sentences of common English words and names. About 7% are stance
statements, all made with the verbs of the first ten rules, so every rule set from 10 to
10,000 rules finds exactly the same stances in it. Another 7% are near misses: they hold a
verb of any of the 10,000 rules but in no stance ("Glorbs were reported in the region"), so
that a larger rule set sees more trigger words and has more rules to try and reject, as a
real large pack does. Throughput across rule counts then measures what more rules cost,
not how many more findings they make. Everything is seeded: the same call gives the same
text on every machine.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_RULES = 10_000
VERBS_PER_RULE = 3
STANCE_SHARE = 0.07
NEAR_MISS_SHARE = 0.07
#: Stance statements use the verbs of these first rules, which every generated set holds.
CORE_RULES = 10

_ONSETS = ["b", "bl", "br", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "k", "kl", "kr", "m", "n", "p", "pl", "pr"]
_ONSETS += ["s", "sk", "sl", "sn", "sp", "st", "t", "tr", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ee"]
_CODAS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "rb", "rk", "rn", "sk", "st", "t", "x", "z"]

#: Common words of news prose, for the sentences around the stance statements.
FILLER = """the of and to in a for on that with by was is at from as it has have had been said
says will would could new year years government people officials percent market week month
report reports company companies city state country minister ministers plan plans policy
public last first over after more than about into under their its his her they he she this
which while also but not only some many most other two three four five million billion
during before since between against among around economy business workers prices costs
budget growth trade talks meeting statement leaders group groups party election voters
campaign council court law bill tax taxes health schools police security energy water
housing jobs banks investors shares board chief executive director spokesman spokeswoman
national local regional international early late today yesterday tuesday friday monday
morning evening region area border capital officials members committee agency department
""".split()

NAMES = """Alvaro Benedetti Chen Dubois Ekwueme Fischer Gallagher Haddad Ivanova Jensen Kowalski
Lindqvist Moreau Nakamura Okafor Petrov Quintero Rasmussen Sato Tanaka Ueda Varga Weber Xu
Yilmaz Zimmermann Andersson Baptiste Castillo Delacroix""".split()

ACTORS = """Norland Estovia Carravel Mirevan Tessaly Oskarburg Valdria Quenmark Ardessa Belmora
Corvania Duskvale Elantra Fenwick Glasmere Hollowell Istara Jorvik Kestrel Lunaris""".split()

TOPIC_NOUNS = """plan proposal bill reform deal tariff treaty measure budget ban merger policy
pipeline tax agreement sanctions program project scheme levy mandate""".split()


def _pseudo_words(count: int, rng: random.Random, avoid: set[str]) -> list[str]:
    """`count` distinct made-up lower-case words, none in `avoid`."""
    words: list[str] = []
    seen = set(avoid)
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(_CODAS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


@dataclass(frozen=True)
class Vocabulary:
    """The verbs of every generated rule: rule i owns verbs[i]."""

    verbs: tuple[tuple[str, ...], ...]


def vocabulary(seed: int = 7) -> Vocabulary:
    rng = random.Random(seed)
    flat = _pseudo_words(MAX_RULES * VERBS_PER_RULE, rng, set(FILLER) | {w.lower() for w in NAMES + ACTORS})
    return Vocabulary(tuple(tuple(flat[i : i + VERBS_PER_RULE]) for i in range(0, len(flat), VERBS_PER_RULE)))


def verb_forms(verbs: tuple[str, ...]) -> list[str]:
    """The lexicon entries of one rule: its made-up verbs and their -s forms (no dictionary
    knows how to inflect them)."""
    return [form for verb in verbs for form in (verb, verb + "s")]


def rule_pattern(i: int) -> str:
    return f'{{actor:ACTOR}} ("do" | "does" | "did")? ("not" | "n\'t")? @verbs_{i} [any]{{,3}} {{topic:TOPIC}}'


def rules_yaml(n: int, vocab: Vocabulary | None = None, examples: bool = False) -> str:
    """A rule file with the first `n` generated rules (YAML text); with `examples`, each rule
    has one example and one counter-example, for timing `stancekit test`."""
    if not 1 <= n <= MAX_RULES:
        raise ValueError(f"between 1 and {MAX_RULES} rules")
    vocab = vocab or vocabulary()
    lines = ["stancekit: 1", f"description: {n} generated rules for the benchmarks.", "lexicons:"]
    lines += [f"  verbs_{i}: [{', '.join(verb_forms(vocab.verbs[i]))}]" for i in range(n)]
    lines.append("rules:")
    for i in range(n):
        polarity = "oppose" if i % 2 else "support"
        lines += [f"  - id: bench.r{i}", f"    pattern: '{rule_pattern(i).replace(chr(39), chr(39) * 2)}'"]
        lines.append(f"    polarity: {polarity}")
        if examples:
            actor, verb, topic = ACTORS[i % len(ACTORS)], vocab.verbs[i][0], TOPIC_NOUNS[i % len(TOPIC_NOUNS)]
            lines += [
                "    examples:",
                f'      - text: "{actor} {verb}s {topic}s."',
                f'        expect: [{{actor: "{actor}", topic: "{topic}s", polarity: {polarity}}}]',
                f'    counter_examples: ["{verb.capitalize()}s were reported in the {topic}."]',
            ]
    return "\n".join(lines) + "\n"


def write_rules(folder: Path, n: int, vocab: Vocabulary | None = None, examples: bool = False) -> Path:
    """Write the `n`-rule set to `folder/bench-rules-<n>[-examples].yaml` (once) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-rules-{n}{'-examples' if examples else ''}.yaml"
    if not path.exists():
        path.write_text(rules_yaml(n, vocab, examples), encoding="utf-8")
    return path


def _filler_sentence(rng: random.Random) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(8, 26))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(NAMES))
    if rng.random() < 0.3:
        words.insert(rng.randrange(1, len(words)), ",")
    words[0] = words[0].capitalize()
    return " ".join(words).replace(" ,", ",") + "."


@dataclass(frozen=True)
class StanceSentence:
    """A generated stance statement: its text, and the rule whose verb it uses."""

    text: str
    rule: int


def _stance_sentence(rng: random.Random, vocab: Vocabulary) -> StanceSentence:
    rule = rng.randrange(CORE_RULES)
    verb = rng.choice(vocab.verbs[rule])
    negation = rng.choice(("", "", "does not ", "did not ", "doesn't "))
    verb_form = verb if negation else verb + "s"
    topic = f"the {rng.choice(FILLER[20:60])} {rng.choice(TOPIC_NOUNS)}"
    tail = " ".join(rng.choice(FILLER) for _ in range(rng.randint(2, 10)))
    # the comma ends the topic: run into random words it would end in one ("the budget plan
    # into"), which the default readings take for no topic
    return StanceSentence(f"{rng.choice(ACTORS)} {negation}{verb_form} {topic}, {tail}.", rule)


def _near_miss_sentence(rng: random.Random, vocab: Vocabulary) -> str:
    """A sentence that starts with a rule's verb, where no actor can stand before it."""
    verb = rng.choice(vocab.verbs[rng.randrange(MAX_RULES)])
    tail = " ".join(rng.choice(FILLER) for _ in range(rng.randint(4, 14)))
    return f"{verb.capitalize()}s were {rng.choice(('reported', 'seen', 'noted'))} {tail}."


def sentences(count: int, seed: int = 11, vocab: Vocabulary | None = None) -> Iterator[str]:
    """`count` corpus sentences: about 7% stance statements, 7% near misses, the rest filler."""
    vocab = vocab or vocabulary()
    rng = random.Random(seed)
    for _ in range(count):
        roll = rng.random()
        if roll < STANCE_SHARE:
            yield _stance_sentence(rng, vocab).text
        elif roll < STANCE_SHARE + NEAR_MISS_SHARE:
            yield _near_miss_sentence(rng, vocab)
        else:
            yield _filler_sentence(rng)


def documents(total_bytes: int, seed: int = 11, sentences_per_doc: int = 20) -> Iterator[tuple[str, list[str]]]:
    """(doc id, its sentences) until about `total_bytes` of text have been made."""
    made = 0
    stream = sentences(10**12, seed)
    number = 0
    while made < total_bytes:
        doc = [next(stream) for _ in range(sentences_per_doc)]
        made += sum(len(s) + 1 for s in doc)
        yield f"gen-{number:06d}", doc
        number += 1


def write_corpus(path: Path, total_bytes: int, seed: int = 11) -> Path:
    """A JSONL corpus of about `total_bytes` (one document per line), written once."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    with temp.open("w", encoding="utf-8") as out:
        for doc_id, doc in documents(total_bytes, seed):
            out.write(json.dumps({"id": doc_id, "text": " ".join(doc)}) + "\n")
    temp.replace(path)
    return path
