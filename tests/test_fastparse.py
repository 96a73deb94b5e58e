"""The quick pattern reader and Lark read every pattern the same way, or the quick one steps
aside: it never accepts what Lark rejects, and never builds a different tree."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancekit.dsl.fastparse import read_pattern
from stancekit.dsl.parser import PatternSyntaxError, _ToAst, _Typist, parse_pattern, parse_with_lark

ROOT = Path(__file__).resolve().parent.parent

PIECES = [
    "support",
    "U.S.",
    "non-committal",
    "'s",
    "'torn'",
    "','",
    "'--'",
    '"stand behind"',
    '"n\'t"',
    '"a\\"b"',
    "/back(s|ed)?/",
    "/[A-Z]{2,}/i",
    "/x/q",
    "@support_verbs",
    "@a.b-c",
    "$NEG",
    "$",
    "^",
    "{actor:ACTOR}",
    "{ topic : TOPIC }",
    "[cap]",
    "[any]",
    "(",
    ")",
    "|",
    "!",
    "?",
    "*",
    "+",
    "{2}",
    "{1,3}",
    "{,4}",
    "{3,1}",
    "{}",
    "{0}",
    "{99}",
    '""',
    "//",
    "@",
    "{actor:}",
    "[",
    "]",
    "’s",
]


def both(pattern: str):
    quick = read_pattern(pattern, _ToAst(pattern, _Typist(None)))
    try:
        reference = parse_with_lark(pattern)
    except PatternSyntaxError:
        reference = None
    return quick, reference


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.sampled_from([" ", "", "  ", "\t", "\n"]))
def test_generated_patterns_read_alike(pieces, gap):
    pattern = gap.join(pieces)
    if not pattern.strip():
        return
    quick, reference = both(pattern)
    if quick is not None:
        assert reference is not None, f"quick reader accepted what Lark rejects: {pattern!r}"
        assert quick == reference, pattern


def _bundled_patterns() -> list[str]:
    found = []
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            found += [r["pattern"] for r in data.get("rules") or [] if isinstance(r, dict)]
            found += [m for m in (data.get("macros") or {}).values() if isinstance(m, str)]
    return found


def test_bundled_patterns_read_alike_and_almost_all_quickly():
    patterns = _bundled_patterns()
    quick_count = 0
    for pattern in patterns:
        quick, reference = both(pattern)
        assert reference is not None
        if quick is not None:
            quick_count += 1
            assert quick == reference, pattern
    assert quick_count >= 0.9 * len(patterns)


def test_errors_still_come_from_lark_with_their_explanation():
    for broken in ["{actor:ACTOR} (back | endorse {topic:TOPIC}", "support{3,1}", "/back(s/ x"]:
        assert read_pattern(broken, _ToAst(broken, _Typist(None))) is None
        try:
            parse_pattern(broken)
        except PatternSyntaxError as exc:
            assert exc.hint
        else:
            raise AssertionError(f"{broken!r} parsed")
