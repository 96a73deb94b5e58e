"""The catalogue of diagnostic codes (`stancekit/dsl/codes.py`): every code is declared there
once and reported somewhere, no module writes a code as a string, `stancekit check --list-codes`
and the docs list the catalogue, and every code has a golden file showing it.

The golden files of loading errors are tested in test_rule_errors.py. Those here are what
`stancekit check` prints for problems that loading alone does not show: warnings, dictionary and
test-file problems, and a few errors. Each case in `tests/broken_rules/checked/` is a rule file
`<name>.yaml` or a test file `tests/<name>.test.*` (checked against `tests/pay.yaml`, the rule
file beside it), with `<name>.expected` holding the exact output of `stancekit check <case>`.
To regenerate them after a deliberate change to a message, run

    STANCEKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_error_catalogue.py

then read `git diff tests/broken_rules/` as a rule author would before committing it.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit.commands.check import command as check_command
from stancekit.dsl import codes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "stancekit"
BROKEN = ROOT / "tests" / "broken_rules"
CHECKED = BROKEN / "checked"
UPDATE = os.environ.get("STANCEKIT_UPDATE_GOLDEN") == "1"

#: Each case of tests/broken_rules/checked/ (relative, as given to `check`) -> the code it shows.
CHECKED_CASES = {
    "yaml_recursive_alias.yaml": "yaml-recursive",
    "yaml_second_document.yaml": "yaml-multiple-documents",
    "yaml_number_key.yaml": "yaml-key",
    "format_version.yaml": "format-version",
    "bad_lexicon_name.yaml": "bad-name",
    "empty_lexicon_entry.yaml": "bad-entry",
    "duplicate_lexicon_entry.yaml": "duplicate-entry",
    "phrase_head_sequence.yaml": "head-not-one-token",
    "misplaced_anchor.yaml": "misplaced-anchor",
    "unused_lexicon.yaml": "unused-lexicon",
    "unused_macro.yaml": "unused-macro",
    "phrase_named_like_a_tag.yaml": "phrase-name-taken",
    "actor_bad_id.yaml": "bad-id",
    "actor_bad_gender.yaml": "bad-gender",
    "affiliation_bad_date.yaml": "bad-date",
    "topic_bad_pattern.yaml": "bad-topic-pattern",
    "topic_bad_agreement.yaml": "bad-topic-agreement",
    "duplicate_actor_id.yaml": "duplicate-actor-id",
    "duplicate_topic_id.yaml": "duplicate-topic-id",
    "unknown_actor_id.yaml": "unknown-actor-id",
    "unknown_topic_id.yaml": "unknown-topic-id",
    "shared_actor_name.yaml": "shared-actor-name",
    "affiliation_cycle.yaml": "affiliation-cycle",
    "topic_cycle.yaml": "topic-cycle",
    "nested_repeat.yaml": "slow-nested-repeat",
    "slow_pattern.yaml": "slow-pattern",
    "no_examples.yaml": "no-examples",
    "tests/unknown_rule.test.yaml": "unknown-rule",
    "tests/expect_syntax.test.txt": "expect-syntax",
    "tests/expect_none.test.txt": "expect-none",
    "tests/expect_without_text.test.txt": "expect-without-text",
    "tests/todo_without_expect.test.txt": "todo-without-expect",
    "tests/unknown_annotation.test.txt": "unknown-annotation",
}

#: Codes no file can show at a line; each says why in its catalogue entry (`no_golden_file`).
WITHOUT_GOLDEN_FILE = {
    "unreadable",
    "missing-rules",
    "no-rule-files",
    "missing-plugin",
    "conflicting-taggers",
    "missing-tests",
}

SHOWN_CODE = re.compile(r"^\S+:\d+:\d+: (?:error|warning)\[([a-z]+(?:-[a-z]+)*)\]: ", re.M)
HEADER = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (error|warning)\[[a-z-]+\]: \S")
SOURCE = re.compile(r"^   (?P<line>\d+) \| (?P<text>.*)$")
CARET = re.compile(r"^   (?P<gutter> +) \| (?P<pad> *)\^+$")


def _expected_path(case: str) -> Path:
    path = CHECKED / case
    return path.parent / (path.name.split(".")[0] + ".expected")


def _check_output(case: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(check_command, [(CHECKED / case).relative_to(ROOT).as_posix()])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output, result.exit_code


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def _is_catalogue(path: Path) -> bool:
    return path == PACKAGE / "dsl" / "codes.py"


# -- the catalogue itself -------------------------------------------------------------------------


def test_each_code_is_declared_once_under_its_own_name() -> None:
    names = [code.name for code in codes.CATALOGUE]
    assert len(names) == len(set(names))
    for code in codes.CATALOGUE:
        assert getattr(codes, code.name.upper().replace("-", "_")) is code
        assert code.severity in ("error", "warning")
        assert code.title and code.doc.endswith(".")


def test_no_module_writes_a_code_as_a_string() -> None:
    """A code is reported through its constant: a string equal to a code's name, or a
    Diagnostic built by hand (whose code could be any string), is refused outside the catalogue.
    A name compared with a reported code (`diagnostic.code not in (...)`) reports nothing."""
    found = []
    for path, tree in _modules():
        if _is_catalogue(path):
            continue
        compared = {id(n) for c in ast.walk(tree) if isinstance(c, ast.Compare) for n in ast.walk(c)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in codes.BY_NAME and id(node) not in compared:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
            called = getattr(node.func, "id", getattr(node.func, "attr", None)) if isinstance(node, ast.Call) else None
            if called == "Diagnostic":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: Diagnostic(...)")
    assert found == [], "report through stancekit.dsl.codes: " + ", ".join(found)


def _code_references() -> dict[str, list[str]]:
    """`codes.NAME` in every module but the catalogue -> where it is used."""
    used: dict[str, list[str]] = {}
    for path, tree in _modules():
        if _is_catalogue(path):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                used.setdefault(node.attr, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return used


def test_every_code_used_is_declared() -> None:
    undeclared = {name: where for name, where in _code_references().items() if not hasattr(codes, name)}
    assert undeclared == {}


def test_every_declared_code_is_reported_somewhere() -> None:
    used = _code_references()
    dead = [code.name for code in codes.CATALOGUE if code.name.upper().replace("-", "_") not in used]
    assert dead == [], "declared but never reported: remove them from stancekit/dsl/codes.py"


def test_a_code_gives_its_fixed_hint_unless_told_otherwise() -> None:
    diagnostic = codes.IMPORT_CYCLE.diagnostic("import cycle: a.yaml -> b.yaml -> a.yaml")
    assert diagnostic.hint == "move what both files need into a third file that imports neither"
    assert (diagnostic.severity, diagnostic.code) == ("error", "import-cycle")
    assert codes.UNUSED_MACRO.diagnostic("macro $GAP is never used", None, "remove it").severity == "warning"


# -- where the catalogue is shown -----------------------------------------------------------------


def test_list_codes_prints_every_code_with_its_severity_and_title() -> None:
    result = CliRunner().invoke(check_command, ["--list-codes"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(codes.CATALOGUE)
    for line, code in zip(lines, codes.CATALOGUE, strict=True):
        assert line.split(None, 2) == [code.name, code.severity, code.title]


def test_the_documented_table_is_the_catalogue() -> None:
    reference = (ROOT / "docs" / "rule-language.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- codes table[^>]*-->\n(.*?)<!-- end of codes table -->", reference, re.S)
    assert table is not None, "docs/rule-language.md has no generated codes table"
    assert table.group(1) == codes.catalogue_markdown(), "regenerate it from stancekit.dsl.codes.catalogue_markdown()"
    broken_rules = reference.index("### Broken rules")
    assert broken_rules < table.start() < reference.index("\n## ", broken_rules)


# -- golden files ---------------------------------------------------------------------------------


def test_every_case_is_named() -> None:
    on_disk = sorted(p.relative_to(CHECKED).as_posix() for p in CHECKED.rglob("*") if p.suffix in (".yaml", ".txt"))
    assert on_disk == sorted([*CHECKED_CASES, "tests/pay.yaml"])


@pytest.mark.parametrize("case", sorted(CHECKED_CASES))
def test_golden_check_output(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    output, exit_code = _check_output(case, monkeypatch)
    expected_path = _expected_path(case)
    if UPDATE:
        expected_path.write_text(output, encoding="utf-8")
    assert expected_path.is_file(), f"no {expected_path.name}; run with STANCEKIT_UPDATE_GOLDEN=1"
    assert output == expected_path.read_text(encoding="utf-8")
    assert CHECKED_CASES[case] in SHOWN_CODE.findall(output)
    assert exit_code == (3 if codes.BY_NAME[CHECKED_CASES[case]].is_error else 0)


@pytest.mark.parametrize("case", sorted(CHECKED_CASES))
def test_each_problem_has_its_place_a_caret_and_a_hint(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    output, _ = _check_output(case, monkeypatch)
    *blocks, summary = output.rstrip("\n").split("\n\n")
    assert "Traceback" not in output and re.match(r"^\d+ errors?, \d+ warnings? in \d+ files? ", summary)
    for block in blocks:
        header, source, caret, hint = block.split("\n")
        assert (found := HEADER.match(header)), header
        assert (shown := SOURCE.match(source)) and shown["line"] == found["line"], source
        assert (under := CARET.match(caret)) and len(under["gutter"]) == len(shown["line"]), caret
        assert hint.startswith("  hint: ") and len(hint) > len("  hint: ") + 10, hint


def test_every_code_has_a_golden_file() -> None:
    shown: set[str] = set()
    for expected in BROKEN.rglob("*.expected"):
        shown.update(SHOWN_CODE.findall(expected.read_text(encoding="utf-8")))
    assert shown <= set(codes.BY_NAME), "a golden file shows a code the catalogue does not declare"
    without = {code.name for code in codes.CATALOGUE if code.name not in shown}
    assert without == WITHOUT_GOLDEN_FILE
    assert {code.name for code in codes.CATALOGUE if code.no_golden_file} == WITHOUT_GOLDEN_FILE
