"""Regression between two runs: which findings were added, removed or changed.

Findings are keyed by their stable `id` (a hash of the document, the sentence span, the rule
id and the actor and topic spans), so a finding keeps its key however unrelated rules change.
A finding whose id is in both runs is *changed* when something it says differs (polarity,
actor name, id or key, topic name, id or key, negated, modality ...). A removed and an added
finding of the same document, sentence span and rule are one changed finding whose spans
moved.

    from stancekit.findingsfile import read_findings
    from stancekit.testing.changes import diff_findings
    result = diff_findings(read_findings("baseline.jsonl"), read_findings("current.jsonl"))
    result.differs, result.added, result.removed, result.changed, result.per_rule
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from stancekit.findings import Finding
from stancekit.output.table import headline

# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: `field` is dotted (`actor.name`); values are as in the JSON record."""

    field: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ChangedFinding:
    """The same evidence found by the same rule in both runs, saying something different.

    `moved` says the two are different ids paired by document, sentence and rule (their actor
    or topic span moved)."""

    before: Finding
    after: Finding
    changes: tuple[FieldChange, ...]
    moved: bool = False

    @property
    def rule(self) -> str:
        return self.after.rule.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.after.id,
            "before_id": self.before.id,
            "moved": self.moved,
            "rule": self.rule,
            "doc": self.after.doc,
            "changes": [c.to_dict() for c in self.changes],
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }


@dataclass(frozen=True)
class RuleSummary:
    rule: str
    added: int = 0
    removed: int = 0
    changed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "added": self.added, "removed": self.removed, "changed": self.changed}


@dataclass(frozen=True)
class FindingsDiff:
    """Everything that differs between a baseline run and a current run."""

    added: tuple[Finding, ...]
    removed: tuple[Finding, ...]
    changed: tuple[ChangedFinding, ...]
    unchanged: int
    baseline_count: int
    current_count: int

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def newly_keyed(self) -> int:
        """How many changed findings differ only in keys the baseline has none of: a baseline
        written before findings were keyed shows every finding so. The change is real (a
        network counts findings under their keys), but says nothing of what else changed
        until the baseline is scanned again."""
        return sum(1 for change in self.changed if change.changes and all(_gained_a_key(c) for c in change.changes))

    @property
    def per_rule(self) -> tuple[RuleSummary, ...]:
        """Added, removed and changed findings per rule id, most affected rules first."""
        counts: dict[str, list[int]] = {}
        for finding in self.added:
            counts.setdefault(finding.rule.id, [0, 0, 0])[0] += 1
        for finding in self.removed:
            counts.setdefault(finding.rule.id, [0, 0, 0])[1] += 1
        for change in self.changed:
            counts.setdefault(change.rule, [0, 0, 0])[2] += 1
        ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
        return tuple(RuleSummary(rule, *numbers) for rule, numbers in ordered)

    def to_dict(self) -> dict[str, Any]:
        return {
            "differs": self.differs,
            "summary": {
                "baseline": self.baseline_count,
                "current": self.current_count,
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
                "newly_keyed": self.newly_keyed,
            },
            "per_rule": [r.to_dict() for r in self.per_rule],
            "added": [f.to_dict() for f in self.added],
            "removed": [f.to_dict() for f in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _gained_a_key(change: FieldChange) -> bool:
    return change.field in ("actor.key", "topic.key") and change.before is None


def _span(part) -> list[int] | None:
    return [part.start, part.end] if part is not None else None


def _affiliations(finding: Finding) -> list[str]:
    return [a.id for a in finding.actor.affiliations]


#: What is compared between two findings, in the order changes are listed; the keys too, which
#: a discourse network counts findings under. Not compared: the rule set hash and the rule's
#: file and line, which change with any edit of the rules.
COMPARED: tuple[tuple[str, Callable[[Finding], Any]], ...] = (
    ("polarity", lambda f: f.polarity),
    ("negated", lambda f: f.negated),
    ("modality", lambda f: f.modality),
    ("hedged", lambda f: f.hedged),
    ("quoted", lambda f: f.quoted),
    ("actor.text", lambda f: f.actor.text),
    ("actor.span", lambda f: _span(f.actor)),
    ("actor.name", lambda f: f.actor.name),
    ("actor.id", lambda f: f.actor.id),
    ("actor.via", lambda f: f.actor.via),
    ("actor.type", lambda f: f.actor.type),
    ("actor.affiliations", _affiliations),
    ("actor.key", lambda f: f.actor.key),
    ("topic.text", lambda f: f.topic.text),
    ("topic.span", lambda f: _span(f.topic)),
    ("topic.name", lambda f: f.topic.name),
    ("topic.id", lambda f: f.topic.id),
    ("topic.key", lambda f: f.topic.key),
    ("cue.text", lambda f: f.cue.text if f.cue else None),
    ("cue.span", lambda f: _span(f.cue)),
    ("speaker.name", lambda f: f.speaker.name if f.speaker else None),
    ("speaker.id", lambda f: f.speaker.id if f.speaker else None),
    ("speaker.span", lambda f: _span(f.speaker)),
    ("sentence.text", lambda f: f.sentence.text),
    ("date", lambda f: f.date),
    ("count", lambda f: f.count),
)


def compare(before: Finding, after: Finding) -> tuple[FieldChange, ...]:
    """The fields in which two findings differ (empty when they say the same)."""
    changes = []
    for name, get in COMPARED:
        old, new = get(before), get(after)
        if old != new:
            changes.append(FieldChange(name, old, new))
    return tuple(changes)


def _keyed(findings: Iterable[Finding]) -> dict[str, Finding]:
    """Findings by id; a repeated id (the same document id scanned twice) gets `#2`, `#3` ..."""
    keyed: dict[str, Finding] = {}
    for finding in findings:
        key, n = finding.id, 1
        while key in keyed:
            n += 1
            key = f"{finding.id}#{n}"
        keyed[key] = finding
    return keyed


def _group(finding: Finding) -> tuple:
    return (finding.doc, finding.sentence.start, finding.sentence.end, finding.rule.id)


def _distance(a: Finding, b: Finding) -> tuple:
    cue_a = a.cue.start if a.cue else a.actor.start
    cue_b = b.cue.start if b.cue else b.actor.start
    return (cue_a != cue_b, abs(cue_a - cue_b), abs(a.actor.start - b.actor.start), abs(a.topic.start - b.topic.start))


def _order(finding: Finding) -> tuple:
    cue = finding.cue.start if finding.cue else finding.actor.start
    return (finding.doc, finding.sentence.start, cue, finding.actor.start, finding.rule.id)


def diff_findings(baseline: Iterable[Finding], current: Iterable[Finding]) -> FindingsDiff:
    """Compare two runs. Findings are matched by id; what is left over in both runs with the
    same document, sentence span and rule is paired as a changed finding whose spans moved
    (nearest cue first)."""
    before = _keyed(baseline)
    after = _keyed(current)
    changed: list[ChangedFinding] = []
    unchanged = 0
    for key in before.keys() & after.keys():
        changes = compare(before[key], after[key])
        if changes:
            changed.append(ChangedFinding(before[key], after[key], changes))
        else:
            unchanged += 1
    removed = [before[k] for k in before.keys() - after.keys()]
    added = [after[k] for k in after.keys() - before.keys()]
    waiting: dict[tuple, list[Finding]] = {}
    for finding in sorted(added, key=_order):
        waiting.setdefault(_group(finding), []).append(finding)
    still_removed: list[Finding] = []
    for finding in sorted(removed, key=_order):
        pool = waiting.get(_group(finding))
        if not pool:
            still_removed.append(finding)
            continue
        partner = min(pool, key=lambda other: _distance(finding, other))
        pool.remove(partner)
        changed.append(ChangedFinding(finding, partner, compare(finding, partner), moved=True))
    still_added = [f for pool in waiting.values() for f in pool]
    return FindingsDiff(
        added=tuple(sorted(still_added, key=_order)),
        removed=tuple(sorted(still_removed, key=_order)),
        changed=tuple(sorted(changed, key=lambda c: _order(c.after))),
        unchanged=unchanged,
        baseline_count=len(before),
        current_count=len(after),
    )


# --------------------------------------------------------------------------- the report


def _shown(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]" if value and isinstance(value[0], str) else str(value)
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _sentence(text: str, width: int = 96) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def format_diff(result: FindingsDiff, baseline: str = "baseline", current: str = "current") -> str:
    """The diff as text: a summary, then the findings grouped by document (`-` removed, `+`
    added, `~` changed with the fields that changed), then the per-rule table, and a last line
    `added=A removed=R changed=C unchanged=U` for scripts."""
    lines = [
        f"--- {baseline} ({result.baseline_count} findings)",
        f"+++ {current} ({result.current_count} findings)",
    ]
    entries: list[tuple[tuple, list[str]]] = []
    for finding in result.removed:
        entries.append((_order(finding), _entry("-", finding)))
    for finding in result.added:
        entries.append((_order(finding), _entry("+", finding)))
    for change in result.changed:
        entry = _entry("~", change.after)
        details = [f"      {c.field}: {_shown(c.before)} -> {_shown(c.after)}" for c in change.changes]
        if change.moved:
            details.insert(0, f"      spans moved: id {change.before.id} -> {change.after.id}")
        entries.append((_order(change.after), entry[:1] + details + entry[1:]))
    doc = None
    for order, entry in sorted(entries, key=lambda item: item[0]):
        if order[0] != doc:
            doc = order[0]
            lines.extend(["", f"== {doc} =="])
        lines.extend(entry)
    if result.differs:
        lines.extend(["", f"  {'rule':<40} {'added':>7} {'removed':>7} {'changed':>7}"])
        for summary in result.per_rule:
            lines.append(f"  {summary.rule:<40} {summary.added:>7} {summary.removed:>7} {summary.changed:>7}")
    if result.newly_keyed:
        lines.extend(
            [
                "",
                f"note: {result.newly_keyed} of the changed findings differ only in keys the baseline does not have"
                " (it was written before findings were keyed): scan the baseline's corpus again with this"
                " version to see what else changed.",
            ]
        )
    lines.extend(
        [
            "",
            f"added={len(result.added)} removed={len(result.removed)} changed={len(result.changed)} "
            f"unchanged={result.unchanged}",
        ]
    )
    return "\n".join(lines) + "\n"


def _entry(mark: str, finding: Finding) -> list[str]:
    return [
        f"  {mark} {headline(finding)}  ({finding.rule.id}, id {finding.id})",
        f"      > {_sentence(finding.sentence.text)}",
    ]
