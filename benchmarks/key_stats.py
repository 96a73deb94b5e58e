"""How well a collection's findings aggregate by their canonical keys, and samples to judge.

    python benchmarks/key_stats.py FINDINGS.jsonl [--pairs 50] [--seed 16] [--largest 15] [--rekey [--texts DIR]]
        [--context DIR ...]

Prints, for the keys (`stancekit.keys.collection_keys`) and for the names and ids tracking
used before keys (`--before` adds them):

- actor-topic pairs with at least 3 findings in at least 2 documents;
- the share of findings whose topic key is shared with a finding in another document
  (a pronoun left as the topic is shared with none);
- the largest pairs;

`--rekey` makes the keys again with the bundled pack as it is now, so that a change to the
key language or the dictionaries is measured without scanning the collection again (the
topic ids the scan found stay as they were).

Then, seeded, random pairs of findings from different documents that share a topic key and
pairs that share an actor key, with their sentences, for a reader to judge.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations

from stancekit.antecedents import DocumentText, antecedent_keys
from stancekit.engine.attribution import DocumentContext
from stancekit.findings import Finding
from stancekit.findingsfile import read_findings
from stancekit.jurisdictions import jurisdiction_keys
from stancekit.keys import collection_keys, document_keys, keyed_by_rules
from stancekit.people import DocumentPeople, people_keys
from stancekit.text.segment import segment
from stancekit.tracking.timeline import Named, is_unresolved

Key = Callable[[Finding], "str | None"]


def keyed_actor(finding: Finding) -> str | None:
    return finding.actor.key


def keyed_topic(finding: Finding) -> str | None:
    """The topic key; None for a pronoun, which names nothing across documents."""
    key = finding.topic.key
    return None if key is None or is_unresolved(Named(key, key)) else key


def named_actor(finding: Finding) -> str | None:
    """The actor as tracking counted it before keys: its dictionary id, else its name."""
    actor = finding.actor
    return None if actor.name is None else actor.id or " ".join(actor.name.split()).casefold()


def named_topic(finding: Finding) -> str | None:
    """The topic as tracking counted it before keys: its dictionary id, else its name."""
    topic = finding.topic
    name = " ".join((topic.name or topic.text).split()).casefold()
    return None if is_unresolved(Named(name, name)) else topic.id or name


def keyed_again(findings: Sequence[Finding], texts: str | None = None) -> list[Finding]:
    """`findings` with their keys made again by the bundled pack, document by document as a
    scan makes them; with `texts` (the folder the documents were scanned from), pointing
    topics are keyed by what they refer to as well."""
    from dataclasses import replace
    from pathlib import Path

    from stancekit.compiler.cache import compile_rules

    compiled = compile_rules().compiled
    by_doc: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        unkeyed = replace(f, actor=replace(f.actor, key=None), topic=replace(f.topic, key=None))
        by_doc[f.doc].append(keyed_by_rules(unkeyed, compiled))
    keyed = []
    for doc, found in by_doc.items():
        path = Path(texts, f"{doc}.txt") if texts else None
        text = path.read_text(encoding="utf-8") if path is not None and path.is_file() else None
        found = document_keys(found, compiled.profile)
        if text is not None:
            document = DocumentText(text, compiled)
            context = DocumentContext(text, segment(text, compiled.profile), compiled)
            found = antecedent_keys(people_keys(found, DocumentPeople(document, context)), document)
            found = jurisdiction_keys(found, document)
        keyed.extend(found)
    return keyed


def tracked_pairs(findings: Sequence[Finding], actor: Key, topic: Key) -> list[tuple[tuple[str, str], int, int]]:
    """(actor key, topic key), findings, documents: pairs with >= 3 findings in >= 2 documents, largest first."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        a, t = actor(f), topic(f)
        if a is not None and t is not None:
            groups[(a, t)].append(f)
    pairs = [(key, len(fs), len({f.doc for f in fs})) for key, fs in groups.items()]
    return sorted((p for p in pairs if p[1] >= 3 and p[2] >= 2), key=lambda p: (-p[1], -p[2], p[0]))


def shared_share(findings: Sequence[Finding], topic: Key) -> float:
    """The share of findings whose topic key is also the key of a finding in another document."""
    docs: dict[str | None, set[str]] = defaultdict(set)
    for f in findings:
        docs[topic(f)].add(f.doc)
    shared = sum(1 for f in findings if topic(f) is not None and len(docs[topic(f)]) >= 2)
    return shared / len(findings) if findings else 0.0


def sample_pairs(
    findings: Sequence[Finding], key: Key, count: int, rng: random.Random
) -> list[tuple[Finding, Finding]]:
    """`count` random pairs of findings from different documents that share a key, no pair
    drawn twice (in either order): a key is drawn first, then two of its findings, so that
    the few large keys do not fill the sample. Fewer pairs when the collection has fewer."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if (k := key(f)) is not None:
            groups[k].append(f)
    candidates = sorted(k for k, fs in groups.items() if len({f.doc for f in fs}) >= 2)
    available = sum(sum(1 for a, b in combinations(groups[k], 2) if a.doc != b.doc) for k in candidates)
    pairs: list[tuple[Finding, Finding]] = []
    drawn: set[frozenset[str]] = set()
    while candidates and len(pairs) < min(count, available):
        members = groups[rng.choice(candidates)]
        first = rng.choice(members)
        second = rng.choice([f for f in members if f.doc != first.doc])
        if frozenset((first.id, second.id)) not in drawn:
            drawn.add(frozenset((first.id, second.id)))
            pairs.append((first, second))
    return pairs


def print_figures(label: str, findings: Sequence[Finding], actor: Key, topic: Key, largest: int) -> None:
    pairs = tracked_pairs(findings, actor, topic)
    print(f"{label}: {len(findings)} findings; actor-topic pairs with >= 3 findings in >= 2 documents: {len(pairs)};")
    print(f"  findings whose topic is shared with another document: {shared_share(findings, topic):.0%}")
    for (a, t), n, d in pairs[:largest]:
        print(f"  {n:4d} findings {d:3d} docs  {a}  |  {t}")


#: How much of a document before a finding's sentence a sample shows with `--context`: about
#: two sentences, enough for a reader to tell whom a pronoun or a quote's "we" stands for.
CONTEXT_CHARS = 400


def print_pairs(title: str, pairs: Sequence[tuple[Finding, Finding]], part: str, texts: Sequence[str] = ()) -> None:
    print(f"\n== {title}")
    for number, (one, two) in enumerate(pairs, 1):
        print(f"{number:3d}. key {getattr(one, part).key!r}")
        for f in (one, two):
            before = text_before(f, texts)
            if before:
                print(f"     [{f.doc}] (before: ...{before})")
            print(f"     [{f.doc}] {getattr(f, part).text!r}: {' '.join(f.sentence.text.split())}")


def text_before(finding: Finding, texts: Sequence[str]) -> str:
    """The `CONTEXT_CHARS` of the finding's document before its sentence, from the first of
    the folders `texts` that holds the document, starting at a word; "" when none holds it."""
    from pathlib import Path

    for folder in texts:
        path = Path(folder, f"{finding.doc}.txt")
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            start = max(0, finding.sentence.start - CONTEXT_CHARS)
            before = text[start : finding.sentence.start]
            if start > 0:
                before = before.split(maxsplit=1)[-1] if len(before.split()) > 1 else ""
            return " ".join(before.split())
    return ""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("findings")
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--largest", type=int, default=15)
    parser.add_argument("--before", action="store_true", help="also the figures by name and id, as before keys")
    parser.add_argument("--rekey", action="store_true", help="make the keys again with the bundled pack")
    parser.add_argument("--texts", help="with --rekey: the folder scanned, so that pointing topics are resolved")
    parser.add_argument(
        "--context",
        action="append",
        default=[],
        help="a folder the documents were scanned from (repeatable): each sampled finding is shown "
        "with the text before its sentence",
    )
    args = parser.parse_args(argv)
    read = read_findings(args.findings)
    findings = collection_keys(keyed_again(read, args.texts) if args.rekey else read)
    if args.before:
        print_figures("by name and id", findings, named_actor, named_topic, args.largest)
    print_figures("by key", findings, keyed_actor, keyed_topic, args.largest)
    if args.pairs:
        rng = random.Random(args.seed)
        topics = sample_pairs(findings, keyed_topic, args.pairs, rng)
        print_pairs("findings sharing a topic key", topics, "topic", args.context)
        actors = sample_pairs(findings, keyed_actor, args.pairs, rng)
        print_pairs("findings sharing an actor key", actors, "actor", args.context)


if __name__ == "__main__":
    main()
