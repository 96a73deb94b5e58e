"""Reports of a test run: the text a rule author reads, a JSON summary and JUnit XML.

A failure reads::

    FAILED en.verb.oppose: example at rules/en/oppose_verbs.yaml:33
      text: France opposes the proposed merger of the two rail companies.
      expected:
        missing  France [oppose] the proposed merger of the two rail companies
      got from en.verb.oppose: nothing
      how far the rule got:
        en.verb.oppose: {actor:ACTOR} $ASIDE? $PRE @oppose {topic:TOPIC}
          matched “France” (as far as {actor:ACTOR}), then stopped at “opposes”, which does not match @oppose

The last line of the text report is always the summary, `N passed, N failed`; the line
before it says `N todo, N fixed` when there are any (a fixed todo test counts as failed).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from stancekit.dsl.model import ExpectedFinding
from stancekit.findings import Finding
from stancekit.testing.runner import COUNTER_EXAMPLE, FAILED, FIXED, PASSED, TEST, TODO, Outcome, TestRun

_FLAGS = ("negated", "hedged", "quoted")
#: Rules whose progress a failure shows in full; the others are named.
MAX_TRACES = 5


def describe_finding(finding: Finding, *, rule: bool = True) -> str:
    """`Germany [oppose, negated] the package  (rule en.verb.support)`; an actor or a topic
    that a dictionary names other than its words says so, since an expectation may give either:
    `We (= Zoltan Berecz) [oppose] the levy on diesel (= Fuel duty)`."""
    actor = _with_name(finding.actor.text, finding.actor.name)
    topic = _with_name(finding.topic.text, finding.topic.name)
    marks = [finding.polarity, *(flag for flag in _FLAGS if getattr(finding, flag))]
    text = f"{actor} [{', '.join(marks)}] {topic}"
    return f"{text}  (rule {finding.rule.id})" if rule else text


def _with_name(text: str, name: str | None) -> str:
    """`text (= name)` when the name is not already in the words."""
    if name and " ".join(name.split()).casefold() not in " ".join(text.split()).casefold():
        return f"{text} (= {name})"
    return text


def describe_expected(expected: ExpectedFinding) -> str:
    """`Germany [support] the package`; parts left open read `any actor`, `any polarity`."""
    marks = [expected.polarity or "any polarity"]
    if expected.kind is not None:
        marks.append(expected.kind)
    for flag in _FLAGS:
        value = getattr(expected, flag)
        if value is not None:
            marks.append(flag if value else f"not {flag}")
    text = f"{expected.actor or 'any actor'} [{', '.join(marks)}] {expected.topic or 'any topic'}"
    rule = expected.rule
    return f"{text}  (rule {rule})" if rule else text


def heading(outcome: Outcome) -> str:
    label = {PASSED: "PASSED", FAILED: "FAILED", TODO: "TODO", FIXED: "FIXED"}[outcome.status]
    if outcome.kind == TEST:
        return f"{label} test at {outcome.file}:{outcome.line}"
    return f"{label} {outcome.classname}: {outcome.kind} at {outcome.file}:{outcome.line}"


def failure_message(outcome: Outcome) -> str:
    """What a failing test expected, what it got and how far the rules got (no heading)."""
    lines = [f"text: {outcome.text}"]
    if outcome.phrases is not None:
        expected, found, tagged = outcome.phrases
        lines.append(f"expected {outcome.classname}: " + (", ".join(f"[{e}]" for e in expected) or "none"))
        lines.append(f"found {outcome.classname}:    " + (", ".join(f"[{f}]" for f in found) or "none"))
        lines.append(f"tags: {tagged}")
        return "\n".join(lines)
    if outcome.expected:
        lines.append("expected:")
        lines.extend(
            f"  {'missing' if i in outcome.missing else 'found':<8} {describe_expected(e)}"
            for i, e in enumerate(outcome.expected)
        )
    elif outcome.kind == TEST:
        lines.append("expected: no finding")
    else:
        lines.append(f"expected: no finding from {outcome.rule}")
    source = "got" if outcome.kind == TEST else f"got from {outcome.rule}"
    if outcome.findings:
        lines.append(f"{source}:")
        lines.extend(
            f"  {'extra' if j in outcome.extra else 'found':<8} {describe_finding(f, rule=outcome.kind == TEST)}"
            for j, f in enumerate(outcome.findings)
        )
    else:
        lines.append(f"{source}: nothing")
    if outcome.others:
        lines.append("got from other rules (not judged here):")
        lines.extend(f"  {'':<8} {describe_finding(f)}" for f in outcome.others)
    if outcome.traces:
        if outcome.kind != TEST:
            lines.append("how far the rule got:")
        else:
            lines.append("how far the rules whose words are in the text got, closest first:")
        for trace in outcome.traces[:MAX_TRACES]:
            lines.append(f"  {trace.rule}: {trace.pattern}")
            lines.append(f"    {trace.summary}")
        rest = outcome.traces[MAX_TRACES:]
        if rest:
            lines.append(f"  and {len(rest)} more: {', '.join(t.rule for t in rest)}")
    if outcome.trace_note:
        lines.append(f"how far the rules got: {outcome.trace_note}")
    return "\n".join(lines)


def fixed_message(outcome: Outcome) -> str:
    return (
        f"text: {outcome.text}\n"
        f"marked todo ({outcome.todo}) but passes now: remove the todo mark so that the test guards the rule again"
    )


def text_report(run: TestRun, *, verbose: bool = False) -> Iterable[str]:
    """The lines of the report: failures in full, then todo and fixed tests, then the summary."""
    for outcome in run.outcomes:
        if outcome.status == FAILED:
            yield heading(outcome)
            yield _indent(failure_message(outcome))
            yield ""
    for outcome in run.outcomes:
        if outcome.status == FIXED:
            yield heading(outcome)
            yield _indent(fixed_message(outcome))
            yield ""
    for outcome in run.outcomes:
        if outcome.status == TODO:
            yield f"{heading(outcome)} ({outcome.todo})"
        elif verbose and outcome.status == PASSED:
            yield f"{heading(outcome)}: {_short(outcome.text)}"
    if run.tally():
        yield run.tally()
    yield run.summary()


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


# -- JSON ----------------------------------------------------------------------------------


def _expected_dict(expected: ExpectedFinding) -> dict[str, Any]:
    found = {
        key: getattr(expected, key)
        for key in ("actor", "topic", "polarity", *_FLAGS, "rule")
        if getattr(expected, key, None) is not None
    }
    return found


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "actor": finding.actor.text,
        "actor_name": finding.actor.name,
        "topic": finding.topic.text,
        "topic_name": finding.topic.name,
        "polarity": finding.polarity,
        "negated": finding.negated,
        "hedged": finding.hedged,
        "quoted": finding.quoted,
        "rule": finding.rule.id,
    }


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": outcome.name,
        "kind": outcome.kind,
        "classname": outcome.classname,
        "rule": outcome.rule,
        "file": outcome.file,
        "line": outcome.line,
        "text": outcome.text,
        "status": outcome.status,
        "todo": outcome.todo,
        "expected": [_expected_dict(e) for e in outcome.expected],
        "got": [_finding_dict(f) for f in outcome.findings],
        "missing": [_expected_dict(outcome.expected[i]) for i in outcome.missing],
        "unexpected": [_finding_dict(outcome.findings[j]) for j in outcome.extra],
    }
    if outcome.status == FAILED:
        record["message"] = failure_message(outcome)
        record["progress"] = [trace.to_dict() for trace in outcome.traces]
    elif outcome.status == FIXED:
        record["message"] = fixed_message(outcome)
    return record


def json_summary(run: TestRun, coverage: dict[str, Any] | None = None) -> dict[str, Any]:
    """`{"passed", "failed", "todo", "fixed", "total", "ok", "summary", "seconds", "tests": [...]}`
    (and `"coverage"` when asked for)."""
    summary: dict[str, Any] = {
        "passed": run.passed,
        "failed": run.failed,
        "todo": run.todo,
        "fixed": run.fixed,
        "total": len(run.outcomes),
        "ok": run.ok,
        "summary": run.summary(),
        "seconds": round(run.seconds, 3),
        "tests": [outcome_dict(o) for o in run.outcomes],
    }
    if coverage is not None:
        summary["coverage"] = coverage
    return summary


# -- JUnit XML -----------------------------------------------------------------------------


#: Characters XML 1.0 cannot hold, even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def junit_xml(run: TestRun, suite_name: str = "stancekit") -> str:
    """A JUnit XML report: one test suite per rule file or test file, one test case per
    example or test (classname: the rule id, or the test file), todo tests as skipped and
    fixed ones as failures."""
    root = ET.Element("testsuites", name=suite_name)
    suites: dict[str, ET.Element] = {}
    counts: dict[str, dict[str, float]] = {}
    for outcome in run.outcomes:
        suite = suites.get(outcome.file)
        if suite is None:
            suite = suites[outcome.file] = ET.SubElement(root, "testsuite", name=outcome.file)
            counts[outcome.file] = {"tests": 0, "failures": 0, "skipped": 0, "time": 0.0}
        tally = counts[outcome.file]
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml(outcome.classname),
            name=_xml(outcome.name),
            file=outcome.file,
            line=str(outcome.line),
            time=f"{outcome.seconds:.4f}",
        )
        tally["tests"] += 1
        tally["time"] += outcome.seconds
        if outcome.status == FAILED:
            tally["failures"] += 1
            kind = "no finding expected" if outcome.kind == COUNTER_EXAMPLE else "findings differ"
            failure = ET.SubElement(
                case, "failure", message=_xml(f"{kind}: {_short(outcome.text, 200)}"), type="failed"
            )
            failure.text = _xml(failure_message(outcome))
        elif outcome.status == FIXED:
            tally["failures"] += 1
            failure = ET.SubElement(case, "failure", message="marked todo but passes: remove the mark", type="fixed")
            failure.text = _xml(fixed_message(outcome))
        elif outcome.status == TODO:
            tally["skipped"] += 1
            ET.SubElement(case, "skipped", message=_xml(f"todo: {outcome.todo}"))
    totals = {"tests": 0, "failures": 0, "skipped": 0, "time": 0.0}
    for name, suite in suites.items():
        tally = counts[name]
        suite.set("tests", str(int(tally["tests"])))
        suite.set("failures", str(int(tally["failures"])))
        suite.set("errors", "0")
        suite.set("skipped", str(int(tally["skipped"])))
        suite.set("time", f"{tally['time']:.4f}")
        for key in totals:
            totals[key] += tally[key]
    root.set("tests", str(int(totals["tests"])))
    root.set("failures", str(int(totals["failures"])))
    root.set("errors", "0")
    root.set("skipped", str(int(totals["skipped"])))
    root.set("time", f"{run.seconds:.4f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
