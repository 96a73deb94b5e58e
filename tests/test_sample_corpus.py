"""The bundled sample corpus against the findings a careful reader expects from it.

`samples/expected-findings.yaml` was written from the articles, not from engine output.
Expectations the engine cannot meet yet carry `todo: <why>`; they are not asserted, but a
todo that starts to pass must lose its mark so that it guards the behaviour from then on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from stancekit import Matcher, load_rules
from stancekit.text.documents import iter_documents

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = yaml.safe_load((ROOT / "samples" / "expected-findings.yaml").read_text(encoding="utf-8"))
MATCHER = Matcher(load_rules().compile())
FINDINGS: dict[str, list] = {}
for document in iter_documents([ROOT / "samples" / "news"]):
    FINDINGS[document.id] = MATCHER.scan(document)


def found(expected: dict, findings) -> bool:
    """An expected finding is met by a finding with its actor, polarity and topic."""
    actor = expected["actor"].casefold()
    topic = expected["topic"].casefold()
    for f in findings:
        names = (f.actor.text.casefold(), (f.actor.name or "").casefold())  # an unresolved actor has no name
        if not any(actor in n or (n and n in actor and len(n) > 3) for n in names):
            continue
        if f.polarity != expected["polarity"]:
            continue
        if "negated" in expected and f.negated != expected["negated"]:
            continue
        for text in (f.topic.text.casefold(), f.topic.name.casefold()):  # "which", named after what it stands for
            if topic in text or (text in topic and len(text) > 3):
                return True
    return False


CASES = [
    pytest.param(doc, expected, id=f"{doc}:{expected['actor']}:{expected['polarity']}")
    for doc, items in EXPECTED.items()
    if doc != "_no_findings"
    for expected in items
]


def test_corpus_has_twenty_documents_and_every_expectation_names_one():
    assert len(FINDINGS) >= 20
    assert set(EXPECTED) - {"_no_findings"} <= set(FINDINGS)
    assert set(EXPECTED["_no_findings"]) <= set(FINDINGS)


@pytest.mark.parametrize(("doc", "expected"), [c for c in CASES if "todo" not in c.values[1]])
def test_expected_finding_is_found(doc, expected):
    got = [(f.actor.text, f.polarity, f.topic.text) for f in FINDINGS[doc]]
    assert found(expected, FINDINGS[doc]), f"{expected} not among {got}"


def test_todo_expectations_still_fail():
    stale = [
        (doc, e)
        for doc, items in EXPECTED.items()
        if doc != "_no_findings"
        for e in items
        if "todo" in e and found(e, FINDINGS[doc])
    ]
    assert not stale, f"these now pass; remove their todo: {stale}"


@pytest.mark.parametrize("doc", EXPECTED["_no_findings"])
def test_documents_without_stance_give_no_findings(doc):
    assert FINDINGS[doc] == []


def test_most_expectations_are_met():
    met = sum(1 for c in CASES if "todo" not in c.values[1])
    assert met / len(CASES) >= 0.6, f"only {met} of {len(CASES)} expected findings are met"
