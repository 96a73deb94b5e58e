"""Draw a seeded random sample of findings for judging by hand.

    stancekit scan ../shared/data/bbc/politics --format jsonl -o politics.jsonl
    python benchmarks/sample_findings.py politics.jsonl -n 60 --seed 14 > sample.md
    python benchmarks/sample_findings.py politics.jsonl -n 20 --seed 14 --only-new-against before.jsonl
    python benchmarks/sample_findings.py bbc.jsonl -n 30 --seed 15 --kind act --kind poll

Each finding is printed with its document, sentence, cue, actor (text and resolved name),
polarity with its marks, topic (text and, where it differs, its name: "who" -> the person)
and rule, and a blank verdict line to fill in. A finding is right only if it is a real
stance (not a physical attack, a fact, a sports or trade sense), its holder is the right
person or body after pronouns and quotes (an unresolved or wrong holder is wrong), its
polarity is right after negation, and its topic is what the stance is about, bounded. The
same seed draws the same sample from the same file, so that a judgement can be checked by
someone else.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from pathlib import Path


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def identity(record: dict) -> tuple:
    """What makes two runs' findings the same finding: document, sentence, actor, topic and polarity."""
    return (
        record["doc"],
        record["sentence"]["start"],
        record["actor"]["start"],
        record["topic"]["start"],
        record["topic"]["end"],
        record["polarity"],
    )


def draw(records: list[dict], n: int, seed: int) -> list[dict]:
    ordered = sorted(records, key=lambda r: (r["doc"], r["sentence"]["start"], r["id"]))
    return random.Random(seed).sample(ordered, min(n, len(ordered)))


def describe(number: int, record: dict) -> Iterable[str]:
    actor = record["actor"]
    firmness = record.get("modality") if record.get("modality", "asserted") != "asserted" else None
    kind = record.get("kind", "statement")
    marks = [
        m
        for m in (
            kind if kind != "statement" else None,
            "negated" if record.get("negated") else None,
            firmness,
            "quoted" if record.get("quoted") else None,
        )
        if m
    ]
    named = actor.get("name") or "(unresolved)"
    speaker = record.get("speaker")
    yield f"## {number}. {record['doc']} ({record['rule']['id']})"
    yield f"sentence: {' '.join(record['sentence']['text'].split())}"
    if record.get("cue"):
        yield f"cue: {record['cue']['text']}"
    yield f"actor: {actor['text']!r} -> {named} (via {actor.get('via')})"
    if speaker:
        yield f"speaker: {speaker.get('text')!r} -> {speaker.get('name')}"
    yield f"polarity: {record['polarity']}" + (f" [{', '.join(marks)}]" if marks else "")
    topic = record["topic"]
    named_topic = topic.get("name")
    # a topic that points elsewhere ("who", "it") is shown with what it stands for
    shown = f" -> {named_topic}" if named_topic and named_topic != topic["text"] else ""
    yield f"topic: {topic['text']!r}{shown}"
    yield "verdict: stance ? | holder ? | polarity ? | topic ?"
    yield ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("findings", type=Path, help="findings JSONL written by stancekit scan --format jsonl")
    parser.add_argument("-n", type=int, default=60, help="how many findings to draw (default 60)")
    parser.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
    parser.add_argument("--only-new-against", type=Path, metavar="BEFORE", help="draw only findings not in BEFORE")
    parser.add_argument(
        "--kind", action="append", metavar="KIND", help="draw only findings of this kind (repeatable: act, poll ...)"
    )
    args = parser.parse_args()
    records = read(args.findings)
    if args.kind:
        records = [r for r in records if r.get("kind", "statement") in args.kind]
    if args.only_new_against:
        before = {identity(r) for r in read(args.only_new_against)}
        records = [r for r in records if identity(r) not in before]
    print(f"# {min(args.n, len(records))} of {len(records)} findings from {args.findings.name}, seed {args.seed}\n")
    for number, record in enumerate(draw(records, args.n, args.seed), 1):
        for line in describe(number, record):
            print(line)


if __name__ == "__main__":
    main()
