"""Golden tests of the error text a rule author sees for a broken rule file.

Every `*.yaml` directly in `tests/broken_rules/` (and in its `import_cycle/` folder) is a small,
realistic rule file with one mistake; beside it, `<name>.expected` holds the exact text of
`RuleError.render()` for it: `file:line:col: error[code]: message`, the offending line, a caret
under the exact character, and a hint. `KINDS` below names the diagnostic code each file is about.

Paths in the text are shown relative to the current directory, so every test runs from the
project root and the text is the same wherever pytest is started.

To regenerate the expected files after a deliberate change to a message, run

    STANCEKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_rule_errors.py

then read `git diff tests/broken_rules/` as a rule author would before committing it.
To add a case, write `tests/broken_rules/<name>.yaml`, add `<name>` to `KINDS` and regenerate.
A case about a size limit runs with the limit lowered (`LOWERED_LIMITS`), so its file stays small.

The tests at the end pin down messages that were once wrong. A known wrong message can be
documented the same way with `@pytest.mark.xfail(strict=True)`: when it is fixed its test
passes and fails as XPASS; remove the marker then.

A tab in a source line is drawn as an arrow padded to the next tab stop (every 4 columns), so
that it can be seen and the caret under it still lines up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stancekit import rule_limits
from stancekit.dsl.errors import RuleError
from stancekit.dsl.loader import check_rules, load_rules
from stancekit.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken_rules"
UPDATE = os.environ.get("STANCEKIT_UPDATE_GOLDEN") == "1"

#: Each broken rule file (relative to tests/broken_rules, without .yaml) -> the code it is about.
KINDS = {
    "yaml_unquoted_colon": "yaml-syntax",
    "yaml_bad_indentation": "yaml-syntax",
    "yaml_python_tag": "yaml-tag",
    "duplicate_key": "duplicate-key",
    "top_level_not_mapping": "not-a-mapping",
    "unknown_top_level_key": "unknown-key",
    "unknown_rule_key": "unknown-key",
    "missing_pattern": "missing-key",
    "bad_polarity": "bad-polarity",
    "bad_kind": "bad-kind",
    "bad_rule_id": "bad-rule-id",
    "unknown_tag": "unknown-tag",
    "unknown_tag_lowercase_family": "unknown-tag",
    "phrase_before_definition": "phrase-before-definition",
    "undefined_phrase": "unknown-capture-type",
    "phrase_element_undefined": "undefined-phrase",
    "conjunction_sequence": "conjunction-sequence",
    "capture_test_sequence": "capture-test-sequence",
    "capture_in_phrase": "capture-in-phrase",
    "unknown_tagger": "unknown-tagger",
    "unclosed_group": "pattern-syntax",
    "unclosed_group_block_scalar": "pattern-syntax",
    "unexpected_rparen": "pattern-syntax",
    "unexpected_rparen_block_scalar": "pattern-syntax",
    "nothing_to_repeat": "pattern-syntax",
    "unclosed_quoted_word": "pattern-syntax",
    "unclosed_regex": "pattern-syntax",
    "invalid_regex": "pattern-syntax",
    "slow_regex": "pattern-syntax",
    "repeat_bounds_reversed": "pattern-syntax",
    "repeat_too_large": "pattern-syntax",
    "meaningless_character": "pattern-syntax",
    "unknown_language_slot": "unknown-language-slot",
    "unknown_option": "unknown-option",
    "capture_without_type": "pattern-syntax",
    "undefined_lexicon": "undefined-lexicon",
    "undefined_macro": "undefined-macro",
    "macro_cycle": "macro-cycle",
    "unknown_capture_type": "unknown-capture-type",
    "unknown_token_class": "unknown-token-class",
    "negated_multiword_lexicon": "negated-sequence",
    "no_actor_capture": "no-actor",
    "no_topic_capture": "no-topic",
    "empty_match": "empty-match",
    "duplicate_rule_id": "duplicate-rule-id",
    "missing_import": "missing-import",
    "import_cycle/a": "import-cycle",
    "import_cycle/b": "import-cycle",
    "example_without_expect": "example-without-expect",
    "three_mistakes": "pattern-syntax",
    "yaml_tab_indentation": "yaml-syntax",
    "yaml_unclosed_quote": "yaml-syntax",
    "yaml_unquoted_pattern": "yaml-syntax",
    "bad_polarity_boolean": "bad-polarity",
    "meaningless_character_after_escape": "pattern-syntax",
    "unclosed_quoted_word_double": "pattern-syntax",
    "lone_slash": "pattern-syntax",
    "capture_with_empty_type": "pattern-syntax",
    "broken_macro": "pattern-syntax",
    "misspelt_section": "undefined-lexicon",
    "every_error_of_a_rule": "bad-rule-id",
    "missing_polarity_no_id": "missing-key",
    "yaml_alias_bomb": "yaml-aliases",
    "yaml_deep_nesting": "yaml-nesting",
    "top_level_string": "not-a-mapping",
    "import_outside_tree": "import-outside",
    "import_absolute": "import-outside",
    "oversize_file": "file-too-large",
    "oversize_lexicon": "lexicon-too-large",
    "pattern_too_large": "pattern-too-large",
}

#: Cases about a limit of `stancekit.rule_limits`, run with the limit lowered so that the file that
#: crosses it stays small enough to read (test_hostile_rules.py crosses the real limits).
LOWERED_LIMITS = {
    "oversize_file": ("MAX_RULE_FILE_BYTES", 2048),
    "oversize_lexicon": ("MAX_LEXICON_ENTRIES", 10),
}

CASES = sorted(BROKEN.glob("*.yaml")) + sorted((BROKEN / "import_cycle").glob("*.yaml"))


def _name(path: Path) -> str:
    return path.relative_to(BROKEN).with_suffix("").as_posix()


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(ROOT)
    callspec = getattr(request.node, "callspec", None)
    path = callspec.params.get("path") if callspec is not None else None
    if path is not None and _name(path) in LOWERED_LIMITS:
        monkeypatch.setattr(rule_limits, *LOWERED_LIMITS[_name(path)])


def _rule_error(path: Path) -> RuleError:
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    return caught.value


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_case_is_named() -> None:
    assert sorted(_name(p) for p in CASES) == sorted(KINDS)


@pytest.mark.parametrize("path", CASES, ids=_name)
def test_golden_error_text(path: Path) -> None:
    rendered = _rule_error(path).render() + "\n"
    expected_path = path.with_suffix(".expected")
    if UPDATE:
        expected_path.write_text(rendered, encoding="utf-8")
    assert expected_path.is_file(), f"no {expected_path.name}; run with STANCEKIT_UPDATE_GOLDEN=1"
    assert rendered == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=_name)
def test_reports_its_kind(path: Path) -> None:
    error = _rule_error(path)
    assert KINDS[_name(path)] in {d.code for d in error.errors}
    _, diagnostics = check_rules([path])
    assert sorted(d.render() for d in diagnostics) == sorted(d.render() for d in error.diagnostics)


HEADER = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning)\[(?P<code>[a-z]+(?:-[a-z]+)*)\]: \S"
)
SOURCE = re.compile(r"^   (?P<line>\d+) \| (?P<text>.*)$")
CARET = re.compile(r"^   (?P<gutter> +) \| (?P<pad> *)(?P<carets>\^+)$")


@pytest.mark.parametrize("path", CASES, ids=_name)
def test_error_layout(path: Path) -> None:
    error = _rule_error(path)
    *blocks, summary = error.render().split("\n\n")
    assert len(blocks) == len(error.diagnostics)
    n, w = len(error.errors), len(error.diagnostics) - len(error.errors)
    counts = f"{n} error{'s' if n != 1 else ''}" + (f", {w} warning{'s' if w != 1 else ''}" if w else "")
    assert summary == f"{counts} in rules"
    for block in blocks:
        lines = block.split("\n")
        header = HEADER.match(lines[0])
        assert header, f"not 'path:line:col: error[code]: message': {lines[0]!r}"
        line, col = int(header["line"]), int(header["col"])
        source = SOURCE.match(lines[1])
        assert source, f"no source line after {lines[0]!r}"
        assert int(source["line"]) == line
        file_line = Path(header["file"]).read_text(encoding="utf-8").splitlines()[line - 1]
        # A tab is drawn as an arrow padded to the next stop of 4 columns; all else as written.
        assert source["text"].replace("\u2192", " ") == file_line.expandtabs(4)
        assert source["text"].count("\u2192") == file_line.count("\t")
        caret = CARET.match(lines[2])
        assert caret, f"no caret line after {lines[1]!r}"
        assert len(caret["gutter"]) == len(source["line"])
        assert len(caret["pad"]) == len(file_line[: col - 1].expandtabs(4))
        assert len(caret["pad"]) + len(caret["carets"]) <= max(1, len(source["text"]))
        if header["severity"] == "error":
            assert len(lines) == 4 and lines[3].startswith("  hint: ") and len(lines[3]) > len("  hint: ")


def test_all_independent_mistakes_are_reported() -> None:
    error = _rule_error(BROKEN / "three_mistakes.yaml")
    found = [(d.code, d.location.line) for d in error.errors]
    assert found == [("bad-polarity", 6), ("pattern-syntax", 9), ("unknown-key", 15)]
    assert error.render().endswith("\n3 errors in rules")
    assert [d.code for d in error.diagnostics if not d.is_error] == []


def test_cli_scan_prints_errors_and_exits_with_rule_error(tmp_path: Path) -> None:
    text = tmp_path / "news.txt"
    text.write_text("The union backs the new wage law.\n", encoding="utf-8")
    broken = BROKEN / "three_mistakes.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "stancekit", "scan", "--rules", str(broken), str(text)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == ExitCode.RULE_ERROR == 3
    assert result.stderr == broken.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.stdout == ""


# -- messages that were once wrong --------------------------------------------------------------


def test_caret_after_yaml_escape(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "stancekit: 1\nrules:\n  - id: en.verb.back\n"
        '    pattern: "{actor:ACTOR} \\u2019s backing % {topic:TOPIC}"\n    polarity: support\n',
    )
    (diagnostic,) = _rule_error(path).errors
    assert diagnostic.location.line_text[diagnostic.location.col - 1] == "%"


def test_tab_indentation_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, "stancekit: 1\nrules:\n\t- id: en.verb.back\n")
    (diagnostic,) = _rule_error(path).errors
    assert diagnostic.hint == "YAML indents with spaces, never tabs"
    assert diagnostic.message == "this line is indented with a tab"
    assert "\n   3 | \u2192   - id: en.verb.back\n" in diagnostic.render()


def test_unclosed_yaml_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'stancekit: 1\nrules:\n  - id: en.verb.back\n    pattern: "{actor:ACTOR} back {topic:TOPIC}\n'
        "    polarity: support\n",
    )
    (diagnostic,) = _rule_error(path).errors
    assert (diagnostic.location.line, diagnostic.location.col) == (4, 14)
    assert diagnostic.message == "quoted string is never closed"


def test_broken_macro_is_not_reported_as_undefined(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'stancekit: 1\nmacros:\n  ASIDE: "(, [any]{1,4} ,)"\nrules:\n  - id: en.verb.back\n'
        '    pattern: "{actor:ACTOR} $ASIDE? back {topic:TOPIC}"\n    polarity: support\n',
    )
    assert [(d.code, d.location.line) for d in _rule_error(path).errors] == [("pattern-syntax", 3)]


def test_no_unused_warning_for_lexicon_of_a_broken_rule(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "stancekit: 1\nlexicons:\n  support: [support, back]\nrules:\n  - id: en.verb.support\n"
        '    pattern: "{actor:ACTOR} @support {topic:TOPIC}"\n    polarity: suport\n',
    )
    assert [d.code for d in _rule_error(path).diagnostics] == ["bad-polarity"]


def test_pattern_checked_even_when_polarity_is_bad(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "stancekit: 1\nrules:\n  - id: en.verb.support\n"
        '    pattern: "{actor:ACTOR} @suport {topic:TOPIC}"\n    polarity: suport\n',
    )
    assert sorted(d.code for d in _rule_error(path).errors) == ["bad-polarity", "undefined-lexicon"]
