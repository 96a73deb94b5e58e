"""The `expect:` block: the findings a text must give, read the same way for the examples of a
rule file and for the tests of a test file.

    expect:
      - {actor: Germany, polarity: support, topic: the package}
      - {actor: I, polarity: oppose, negated: true, rule: en.quote.oppose}   # test files only

Both read into `ExpectedFinding`. Where the block is written decides what it may hold and how
its mistakes are reported (`ExpectSyntax`): a rule file's example may not name a rule, stops at
its first mistake and takes an actor or topic as written; a test file's test may name the rule
that must give the finding, reports every mistake it holds and wants texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stancekit.dsl import codes
from stancekit.dsl.errors import Location, did_you_mean
from stancekit.dsl.model import POLARITIES, ExpectedFinding
from stancekit.dsl.yamlsource import LocatedDict, LocatedList
from stancekit.findings import KINDS

Report = Callable[[codes.Code, str, Location | None, str | None], None]

#: What an expected finding may say about a finding besides its actor, topic and polarity.
FLAGS = ("negated", "hedged", "quoted")


@dataclass(frozen=True)
class ExpectSyntax:
    """What an `expect:` block may hold where it is written, and how its mistakes are reported."""

    #: The keys an expected finding may have.
    keys: tuple[str, ...]
    #: The hint when `expect` is not a list.
    list_hint: str
    #: An expected finding written as a mapping, for the message when one is not.
    mapping_example: str
    #: Every mistake is reported and unknown keys reject the block (test files), or reading
    #: stops at the first mistake and an unknown key is only reported (rule-file examples).
    report_all: bool
    #: Keys whose value must be a text; the others of actor, topic and rule are taken as written.
    text_keys: tuple[str, ...] = ()
    #: Problems are underlined at the value (`polarity: maybe`) rather than at the key.
    at_value: bool = False


#: The `expect:` of an example in a rule file.
EXAMPLE_EXPECT = ExpectSyntax(
    keys=("actor", "topic", "polarity", "kind", *FLAGS),
    list_hint="write expect: [] for none",
    mapping_example="{actor: X, topic: Y}",
    report_all=False,
)

#: The `expect:` of a test in a test file.
TEST_EXPECT = ExpectSyntax(
    keys=("actor", "topic", "polarity", "kind", *FLAGS, "rule"),
    list_hint="write expect: [{actor: X, polarity: oppose, topic: Y}], or expect: [] for none",
    mapping_example="{actor: X, polarity: support, topic: Y}",
    report_all=True,
    text_keys=("actor", "topic", "rule"),
    at_value=True,
)


def read_expect(
    owner: LocatedDict, syntax: ExpectSyntax, report: Report, bad_polarity: Callable[[LocatedDict], None]
) -> tuple[ExpectedFinding, ...] | None:
    """The findings `owner["expect"]` lists; None (after reporting) when it holds a mistake.

    `bad_polarity(finding)` reports a polarity that is not support, oppose or neutral, in the
    words of the file it is written in.
    """
    raw = owner["expect"]
    if raw is None:
        return ()
    if not isinstance(raw, LocatedList):
        where = owner.value_locations["expect"] if syntax.at_value else owner.key_locations["expect"]
        report(codes.WRONG_TYPE, "'expect' must be a list of findings", where, syntax.list_hint)
        return None
    found: list[ExpectedFinding] = []
    ok = True
    for value, location in zip(raw, raw.item_locations, strict=True):
        expected = _read_one(value, location, syntax, report, bad_polarity)
        if expected is None:
            if not syntax.report_all:
                return None
            ok = False
        else:
            found.append(expected)
    return tuple(found) if ok else None


def _read_one(
    value: Any, location: Location, syntax: ExpectSyntax, report: Report, bad_polarity: Callable[[LocatedDict], None]
) -> ExpectedFinding | None:
    """One expected finding; None (after reporting) when it holds a mistake."""
    if not isinstance(value, LocatedDict):
        message = f"an expected finding must be a mapping such as {syntax.mapping_example}"
        report(codes.WRONG_TYPE, message, location, None)
        return None
    ok = _known_keys(value, syntax.keys, report) or not syntax.report_all
    fields: dict[str, Any] = {}
    for key in ("actor", "topic", "rule"):
        if key not in value or key not in syntax.keys:
            continue
        text = value[key]
        if key in syntax.text_keys and (text is None or isinstance(text, (list, dict))):
            report(codes.WRONG_TYPE, f"'{key}' must be a text", value.value_locations[key], None)
            ok = False
        elif text is not None:
            fields[key] = str(text)
    if "polarity" in value:
        if value["polarity"] not in POLARITIES:
            bad_polarity(value)
            if not syntax.report_all:
                return None
            ok = False
        else:
            fields["polarity"] = str(value["polarity"])
    if "kind" in value:
        kind = value["kind"]
        if kind not in KINDS:
            written = "" if kind is None else str(kind)
            report(
                codes.BAD_KIND,
                f"expected kind must be one of {', '.join(KINDS)}, not '{written}'",
                value.value_locations["kind"],
                (did_you_mean(written, KINDS) if written else None) or f"write one of {', '.join(KINDS)}",
            )
            if not syntax.report_all:
                return None
            ok = False
        else:
            fields["kind"] = str(kind)
    for flag in FLAGS:
        if flag not in value:
            continue
        if not isinstance(value[flag], bool):
            where = value.value_locations[flag] if syntax.at_value else value.key_locations[flag]
            report(codes.WRONG_TYPE, f"'{flag}' must be true or false", where, None)
            if not syntax.report_all:
                return None
            ok = False
        else:
            fields[flag] = value[flag]
    if "rule" in fields:
        fields["rule_location"] = value.value_locations["rule"]
    return ExpectedFinding(**fields) if ok else None


def _known_keys(mapping: LocatedDict, allowed: tuple[str, ...], report: Report) -> bool:
    """Whether every key of `mapping` is allowed; each one that is not is reported."""
    ok = True
    for key in mapping:
        if key not in allowed:
            ok = False
            hint = did_you_mean(key, allowed) or f"allowed: {', '.join(allowed)}"
            report(codes.UNKNOWN_KEY, f"unknown expected-finding key '{key}'", mapping.key_locations.get(key), hint)
    return ok
