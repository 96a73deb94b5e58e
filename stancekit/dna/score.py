"""Scoring findings against statements coded in DNA, the way DNA users count statements.

A found statement (a finding as `stancekit export --to dna` writes it: person, organization,
concept, agreement, marked on its sentence) matches a coded one when

- **document**: both are in the same document (compared by file name without folders or a
  final .txt/.json/.jsonl/.csv, as `stancekit eval` compares documents);
- **span**: the found sentence overlaps the coded span (half-open: touching ends do not);
- **actor**: the same person, or, when the coder coded no person, the same organization.
  A found statement's actor is its person, or its organization when it has no person;
- **concept**: the same concept (the finding's topic name or dictionary id);
- **agreement**: the same side.

Names are compared in lower case, with punctuation and runs of spaces read as one space
("Sen. Warren" is "sen warren"). Each coded statement is matched by at most one found
statement and each found statement matches at most one coded statement (the pair whose
spans overlap most is taken first), so a sentence found twice is one hit and one false
statement. Precision counts found statements in coded documents only: a document that is not
in the DNA file was never coded.

The network edges are compared too: an edge is an actor, a concept and an agreement (DNA's
two-mode network), and the edges of the found statements are set against the coded ones.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stancekit.dna.read import CodedStatement
from stancekit.evaluation import doc_key, spans_overlap

_NOT_NAME = re.compile(r"[\W_]+")


def name_key(value: str) -> str:
    """A name as compared: lower case, punctuation and spaces read as one space."""
    return " ".join(_NOT_NAME.sub(" ", value.casefold()).split())


@dataclass(frozen=True)
class FoundStatement:
    """A finding as a DNA statement. `concept_id` is the topic's dictionary id, when it has one."""

    finding_id: str
    doc: str
    start: int
    end: int
    text: str
    person: str
    organization: str
    concept: str
    agreement: str
    concept_id: str | None = None

    @property
    def actor(self) -> str:
        return self.person or self.organization

    def concept_keys(self) -> frozenset[str]:
        return frozenset(name_key(c) for c in (self.concept, self.concept_id or "") if c)


def coded_actor(coded: CodedStatement) -> str:
    """Who a coded statement is by: its person, or its organization when no person is coded."""
    return coded.person or coded.organization


def statements_match(found: FoundStatement, coded: CodedStatement) -> bool:
    """All the conditions of the module documentation."""
    return (
        doc_key(found.doc) == doc_key(coded.doc)
        and spans_overlap(found.start, found.end, coded.start, coded.end)
        and found.agreement == coded.agreement
        and name_key(found.actor) == name_key(coded_actor(coded))
        and name_key(coded.concept) in found.concept_keys()
    )


@dataclass(frozen=True)
class ConceptScores:
    """One concept: coded statements and how many were found; found statements and how many are right."""

    concept: str
    coded: int
    found: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.coded if self.coded else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "concept": self.concept,
            "coded": self.coded,
            "found": self.found,
            "matched": self.matched,
            "recall": self.recall,
            "precision": self.precision,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class StatementEvaluation:
    """Overall and per-concept scores, the edges, and what was missed or found wrongly."""

    overall: ConceptScores
    by_concept: tuple[ConceptScores, ...]
    coded_edges: int
    found_edges: int
    shared_edges: int
    misses: tuple[CodedStatement, ...]
    false_statements: tuple[FoundStatement, ...]
    outside: int = 0

    def summary_line(self) -> str:
        o = self.overall
        return f"recall={o.recall:.3f} precision={o.precision:.3f} f1={o.f1:.3f}"

    def to_dict(self, misses: int | None = None, false: int | None = None) -> dict:
        return {
            **{k: v for k, v in self.overall.to_dict().items() if k != "concept"},
            "by_concept": [c.to_dict() for c in self.by_concept],
            "edges": {"coded": self.coded_edges, "found": self.found_edges, "shared": self.shared_edges},
            "found_outside_coded_documents": self.outside,
            "misses_total": len(self.misses),
            "false_statements_total": len(self.false_statements),
            "misses": [m.to_dict() for m in self.misses[:misses]],
            "false_statements": [vars(f) for f in self.false_statements[:false]],
            "summary": self.summary_line(),
        }


def evaluate_statements(
    coded: Sequence[CodedStatement], found: Iterable[FoundStatement], coded_documents: Iterable[str] = ()
) -> StatementEvaluation:
    """Score `found` against `coded` (see the module documentation). `coded_documents` names
    the documents that were coded, statements or not; those of `coded` always are."""
    documents = {doc_key(d) for d in coded_documents} | {doc_key(c.doc) for c in coded}
    found = list(found)
    judged = [f for f in found if doc_key(f.doc) in documents]
    pairs = _pairs(coded, judged)  # (coded index, found index)
    matched_coded, matched_found = {c for c, _ in pairs}, {f for _, f in pairs}
    coded_edges = {(name_key(coded_actor(c)), name_key(c.concept), c.agreement) for c in coded}
    found_edges = {(name_key(f.actor), name_key(f.concept), f.agreement) for f in judged}
    shared_edges = coded_edges & {(name_key(f.actor), k, f.agreement) for f in judged for k in f.concept_keys()}
    return StatementEvaluation(
        overall=ConceptScores("(all)", len(coded), len(judged), len(pairs)),
        by_concept=_by_concept(coded, judged, pairs),
        coded_edges=len(coded_edges),
        found_edges=len(found_edges),
        shared_edges=len(shared_edges),
        misses=tuple(c for i, c in enumerate(coded) if i not in matched_coded),
        false_statements=tuple(f for i, f in enumerate(judged) if i not in matched_found),
        outside=len(found) - len(judged),
    )


def _pairs(coded: Sequence[CodedStatement], found: Sequence[FoundStatement]) -> list[tuple[int, int]]:
    """One-to-one matches as (coded index, found index), the pairs whose spans overlap most taken first."""
    found_by_doc: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        found_by_doc[doc_key(f.doc)].append(i)
    candidates = []
    for i, c in enumerate(coded):
        for j in found_by_doc.get(doc_key(c.doc), ()):
            f = found[j]
            if statements_match(f, c):
                candidates.append((-(min(f.end, c.end) - max(f.start, c.start)), c.start, f.start, i, j))
    candidates.sort()
    used_coded: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i not in used_coded and j not in used_found:
            used_coded.add(i)
            used_found.add(j)
            pairs.append((i, j))
    return pairs


def _by_concept(
    coded: Sequence[CodedStatement], found: Sequence[FoundStatement], pairs: Sequence[tuple[int, int]]
) -> tuple[ConceptScores, ...]:
    """Scores per concept, as coded; a found statement that matches none counts under its topic's name."""
    shown: dict[str, str] = {}
    coded_n: dict[str, int] = defaultdict(int)
    found_n: dict[str, int] = defaultdict(int)
    matched_n: dict[str, int] = defaultdict(int)
    for c in coded:
        key = name_key(c.concept)
        shown.setdefault(key, c.concept)
        coded_n[key] += 1
    concept_of_found = {j: name_key(coded[i].concept) for i, j in pairs}
    for key in concept_of_found.values():
        matched_n[key] += 1
    for j, f in enumerate(found):
        key = concept_of_found.get(j, name_key(f.concept))
        shown.setdefault(key, f.concept)
        found_n[key] += 1
    return tuple(
        ConceptScores(shown[key], coded_n[key], found_n[key], matched_n[key])
        for key in sorted(shown, key=lambda k: (-coded_n[k], shown[k].casefold()))
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def format_statement_report(evaluation: StatementEvaluation, misses: int = 10, false: int = 10) -> str:
    """The evaluation as a plain-text table whose last line is `summary_line()`."""
    o = evaluation.overall
    lines = [
        f"coded statements    {o.coded:>6}   found {o.matched}",
        f"found statements    {o.found:>6}   in coded documents; right {o.matched}"
        + (f" ({evaluation.outside} more in documents that were not coded)" if evaluation.outside else ""),
        f"recall              {o.recall:.3f} ({o.matched}/{o.coded})",
        f"precision           {o.precision:.3f} ({o.matched}/{o.found})",
        f"f1                  {o.f1:.3f}",
        f"edges               coded {evaluation.coded_edges}, found {evaluation.found_edges}, "
        f"shared {evaluation.shared_edges}",
        "",
    ]
    width = max([24, *(len(c.concept) for c in evaluation.by_concept)])
    lines.append(
        f"{'concept':<{width}} {'coded':>6} {'found':>6} {'right':>6} {'recall':>7} {'precision':>9} {'f1':>6}"
    )
    for c in evaluation.by_concept:
        lines.append(
            f"{c.concept:<{width}} {c.coded:>6} {c.found:>6} {c.matched:>6} "
            f"{c.recall:>7.3f} {c.precision:>9.3f} {c.f1:>6.3f}"
        )
    shown_misses = evaluation.misses[: max(misses, 0)]
    if shown_misses:
        lines += ["", f"missed coded statements: {len(evaluation.misses)}"]
        for m in shown_misses:
            who = _clip(coded_actor(m), 40)
            lines.append(f"  {m.doc} {m.start}-{m.end} [{m.agreement}] {who!r} / {_clip(m.concept, 60)!r}")
            lines.append(f"    > {_clip(m.text, 100)}")
    shown_false = evaluation.false_statements[: max(false, 0)]
    if shown_false:
        lines += ["", f"false statements: {len(evaluation.false_statements)}"]
        for f in shown_false:
            lines.append(
                f"  {f.doc} {f.start}-{f.end} [{f.agreement}] {_clip(f.actor, 40)!r} / {_clip(f.concept, 60)!r}"
            )
            lines.append(f"    > {_clip(f.text, 100)}")
    lines += ["", evaluation.summary_line()]
    return "\n".join(lines) + "\n"
