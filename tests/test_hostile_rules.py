"""Rule files written to hang, exhaust or crash `stancekit check`: each is refused quickly with a
located error, never a traceback. The golden texts of these errors are in `tests/broken_rules/`
(see test_rule_errors.py); this file checks the timing, the limits themselves and the command line."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stancekit import rule_limits
from stancekit.cli import cli
from stancekit.dsl.errors import Diagnostic, RuleError
from stancekit.dsl.firstread import refused_at_first_reading
from stancekit.dsl.loader import load_rules
from stancekit.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken_rules"

RULE = """\
stancekit: 1
rules:
  - id: en.verb.back
    pattern: "{actor:ACTOR} back {topic:TOPIC}"
    polarity: support
"""


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": each level lists the level below `width` times."""
    lines = ["stancekit: 1", "lexicons:", "  l0: &a0 [lol]"]
    for level in range(1, levels + 1):
        lines.append(f"  l{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


#: Expanding the bomb, or checking a huge lexicon in quadratic time, takes minutes: these tests
#: fail on a return of that. How fast refusal is (under a second) is measured by
#: benchmarks/hostile.py, not here, where a busy machine would make the figure flaky.
PROMPTLY = 5.0


def _errors(path: Path) -> tuple[Diagnostic, ...]:
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    return caught.value.errors


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "stancekit", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


# -- YAML aliases and nesting -------------------------------------------------------------------


def test_the_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    path = _write(tmp_path, alias_bomb())
    started = time.perf_counter()
    (error,) = _errors(path)
    assert time.perf_counter() - started < PROMPTLY
    assert error.code == "yaml-aliases"
    assert (error.location.line, error.location.col) == (6, 12)


def test_a_much_larger_bomb_is_refused_as_promptly(tmp_path: Path) -> None:
    path = _write(tmp_path, alias_bomb(levels=40, width=40))
    started = time.perf_counter()
    assert [e.code for e in _errors(path)] == ["yaml-aliases"]
    assert time.perf_counter() - started < PROMPTLY


def test_aliases_up_to_the_limit_load(tmp_path: Path) -> None:
    def uses(n: int) -> str:
        return f"stancekit: 1\nlexicons:\n  a: &words [back]\n  b: [{', '.join(['*words'] * n)}]\n"

    def codes(n: int) -> set[str]:
        with pytest.raises(RuleError) as caught:  # a list of lists is no lexicon, but it was read
            load_rules([_write(tmp_path, uses(n))])
        return {d.code for d in caught.value.errors}

    assert "yaml-aliases" not in codes(rule_limits.MAX_YAML_ALIASES)
    assert "yaml-aliases" in codes(rule_limits.MAX_YAML_ALIASES + 1)


def test_aliases_nested_past_the_depth_limit(tmp_path: Path) -> None:
    depth = rule_limits.MAX_YAML_ALIAS_DEPTH + 1
    lines = ["stancekit: 1", "lexicons:", "  l0: &a0 [back]"]
    lines += [f"  l{i}: &a{i} [*a{i - 1}]" for i in range(1, depth + 1)]
    (error,) = _errors(_write(tmp_path, "\n".join(lines) + "\n"))
    assert error.code == "yaml-aliases"
    assert f"more than {rule_limits.MAX_YAML_ALIAS_DEPTH} deep" in error.message
    assert error.location.line == depth + 3


def test_deeply_nested_lists_are_refused_not_a_recursion_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "stancekit: 1\ndescription: " + "[" * 5000 + "]" * 5000 + "\n")
    started = time.perf_counter()
    (error,) = _errors(path)
    assert time.perf_counter() - started < PROMPTLY
    assert error.code == "yaml-nesting"
    assert (error.location.line, error.location.col) == (2, 13 + rule_limits.MAX_YAML_NESTING)


def test_a_rule_file_that_is_one_string_is_not_a_mapping(tmp_path: Path) -> None:
    # It once crashed with "AttributeError: 'function' object has no attribute 'file'": the
    # string's `location` method was taken for its location.
    (error,) = _errors(_write(tmp_path, "root:x:0:0:root:/root:/bin/bash\n"))
    assert error.code == "not-a-mapping"
    assert (error.location.line, error.location.col) == (1, 1)


# -- the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "yaml_alias_bomb",
        "yaml_deep_nesting",
        "import_outside_tree",
        "import_absolute",
        "import_cycle/a",
        "top_level_string",
    ],
)
def test_check_exits_with_rule_error_and_no_traceback(name: str) -> None:
    path = BROKEN / f"{name}.yaml"
    result = check(str(path.relative_to(ROOT)))
    assert result.returncode == ExitCode.RULE_ERROR
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert path.with_suffix(".expected").read_text(encoding="utf-8").split("\n")[0] in result.stdout


#: Each hostile rule file of tests/broken_rules/ -> the limit lowered for it, as test_rule_errors.py does.
HOSTILE_GOLDEN = {
    "yaml_alias_bomb": None,
    "yaml_deep_nesting": None,
    "import_outside_tree": None,
    "import_absolute": None,
    "import_cycle/a": None,
    "import_cycle/b": None,
    "oversize_file": ("MAX_RULE_FILE_BYTES", 2048),
    "oversize_lexicon": ("MAX_LEXICON_ENTRIES", 10),
    "pattern_too_large": None,
}
HEADER = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (error|warning)\[[a-z-]+\]: \S")
SOURCE = re.compile(r"^   (?P<line>\d+) \| ")
CARET = re.compile(r"^   (?P<gutter> +) \| *\^+$")


@pytest.mark.parametrize("name", HOSTILE_GOLDEN)
def test_check_shows_the_golden_error_with_its_place_caret_and_hint(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `stancekit check FILE` prints starts with the golden errors of the file (its
    `.expected`, written by loading); the warnings `check` adds (a rule without examples) come
    after, then its summary line. Each problem has its file:line:col, its line, a caret under
    it and a hint."""
    monkeypatch.chdir(ROOT)
    if HOSTILE_GOLDEN[name] is not None:
        monkeypatch.setattr(rule_limits, *HOSTILE_GOLDEN[name])
    path = BROKEN / f"{name}.yaml"
    result = CliRunner().invoke(cli, ["check", path.relative_to(ROOT).as_posix()])
    assert result.exit_code == ExitCode.RULE_ERROR and "Traceback" not in result.output
    *blocks, summary = result.output.rstrip("\n").split("\n\n")
    *golden, _ = path.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert blocks[: len(golden)] == golden  # errors first; the warnings check adds come after
    assert all(": warning[" in block for block in blocks[len(golden) :])
    assert re.fullmatch(r"\d+ errors?, \d+ warnings? in \d+ files? \(\d+ rules?\)", summary), summary
    for block in blocks:
        header, source, caret, hint = block.split("\n")
        assert HEADER.match(header) and SOURCE.match(source), block
        assert (under := CARET.match(caret)) and len(under["gutter"]) == len(SOURCE.match(source)["line"]), block
        assert hint.startswith("  hint: ") and len(hint) > 20, block


#: The rule files of tests/broken_rules/ that are refused as data, before any rule is read.
REFUSED_AS_DATA = [
    "yaml_alias_bomb",
    "yaml_deep_nesting",
    "yaml_python_tag",
    "yaml_unquoted_colon",
    "yaml_tab_indentation",
    "checked/yaml_recursive_alias",
    "checked/yaml_second_document",
]

#: What a check of a file refused as data has no need of: loading any of it takes most of a second.
RULE_LANGUAGE_MODULES = ("stancekit.dsl.loader", "stancekit.dsl.parser", "stancekit.engine.matcher", "lark", "numpy")


def _check_output(args: list[str], monkeypatch: pytest.MonkeyPatch, first_reading: bool) -> tuple[str, int]:
    if not first_reading:
        monkeypatch.setattr("stancekit.commands.check.refused_at_first_reading", lambda paths: None)
    result = CliRunner().invoke(cli, ["check", *args])
    monkeypatch.undo()
    return result.output, result.exit_code


@pytest.mark.parametrize("name", REFUSED_AS_DATA)
def test_a_file_refused_as_data_is_reported_as_the_full_check_reports_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    path = (BROKEN / f"{name}.yaml").relative_to(ROOT).as_posix()
    assert refused_at_first_reading([path]) is not None
    args = [path, "--format", "text"]
    quick = _check_output(args, monkeypatch, first_reading=True)
    assert quick == _check_output(args, monkeypatch, first_reading=False)
    assert quick[1] == ExitCode.RULE_ERROR and "(0 rules)" in quick[0]


def test_an_oversize_file_is_refused_as_the_full_check_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_limits, "MAX_RULE_FILE_BYTES", 100)
    path = _write(tmp_path, RULE + "# " + "padding " * 20 + "\n")
    assert refused_at_first_reading([str(path)]) is not None
    output = _check_output([str(path)], monkeypatch, first_reading=True)
    monkeypatch.setattr(rule_limits, "MAX_RULE_FILE_BYTES", 100)
    assert output == _check_output([str(path)], monkeypatch, first_reading=False)
    assert "error[file-too-large]" in output[0]


def test_the_full_check_still_runs_when_anything_else_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test file beside the refused file, or a second file that loads, is read by the full check."""
    bomb = _write(tmp_path, alias_bomb(), "rules/bomb.yaml")
    _write(tmp_path, "- text: The union backs the wage law.\n  expect: nothing\n", "rules/bomb.test.yaml")
    good = _write(tmp_path, RULE, "rules/good.yaml")
    assert refused_at_first_reading([str(bomb)]) is None
    for args in ([str(bomb)], [str(bomb), str(good)], [str(tmp_path / "rules")], [str(bomb), str(bomb)]):
        output = _check_output(args, monkeypatch, first_reading=True)
        assert output == _check_output(args, monkeypatch, first_reading=False)
        assert output[1] == ExitCode.RULE_ERROR and "yaml-aliases" in output[0]


def test_check_refuses_the_alias_bomb_without_loading_the_rule_language(tmp_path: Path) -> None:
    """`stancekit check` in CI on a hostile rule file answers at once: none of the rule language
    (parser, taggers and their word models, matcher) is imported to refuse it."""
    path = _write(tmp_path, alias_bomb())
    program = (
        "import sys; from stancekit.cli import main; code = main(['check', sys.argv[1]]);"
        f" print(code, [m for m in {RULE_LANGUAGE_MODULES!r} if m in sys.modules])"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.stdout.splitlines()[-1] == f"{int(ExitCode.RULE_ERROR)} []", result.stdout + result.stderr
    assert "error[yaml-aliases]" in result.stdout
    assert elapsed < PROMPTLY, f"{elapsed:.2f} s"


# -- imports --------------------------------------------------------------------------------------

COMMON = "stancekit: 1\nlexicons:\n  backing: [back, support]\n"


def _importing(tmp_path: Path, item: str, folder: str = "rules") -> Path:
    return _write(tmp_path, RULE.replace("rules:\n", f"imports: ['{item}']\nrules:\n", 1), f"{folder}/main.yaml")


def test_an_import_may_climb_within_the_folder_the_rules_were_given_as(tmp_path: Path) -> None:
    _write(tmp_path, COMMON, "pack/shared/common.yaml")
    _importing(tmp_path, "../shared/common.yaml", "pack/mine")
    assert [r.id for r in load_rules([tmp_path / "pack"]).rules] == ["en.verb.back"]
    (error,) = _errors(tmp_path / "pack" / "mine" / "main.yaml")  # the file alone: its folder is the tree
    assert error.code == "import-outside"
    assert error.message == "import '../shared/common.yaml' leads outside the rules folder " + str(
        tmp_path / "pack" / "mine"
    )


def test_a_symbolic_link_out_of_the_rules_folder_is_not_followed(tmp_path: Path) -> None:
    outside = _write(tmp_path, COMMON, "elsewhere/common.yaml")
    main = _importing(tmp_path, "common.yaml")
    (tmp_path / "rules" / "common.yaml").symlink_to(outside)
    (error,) = _errors(main)
    assert error.code == "import-outside"
    assert "is a symbolic link to a file outside the rules folder" in error.message
    (tmp_path / "rules" / "inside.yaml").symlink_to(tmp_path / "rules" / "main.yaml")
    (tmp_path / "rules" / "common.yaml").unlink()
    _write(tmp_path, COMMON, "rules/words/common.yaml")
    (tmp_path / "rules" / "common.yaml").symlink_to(tmp_path / "rules" / "words" / "common.yaml")
    assert [r.id for r in load_rules([main]).rules] == ["en.verb.back"]


def test_a_symbolic_link_loop_is_an_error_not_a_hang(tmp_path: Path) -> None:
    main = _importing(tmp_path, "loop.yaml")
    (tmp_path / "rules" / "loop.yaml").symlink_to(tmp_path / "rules" / "loop.yaml")
    (error,) = _errors(main)
    assert (error.code, error.message) == ("import-outside", "import 'loop.yaml' is a symbolic link that loops")


@pytest.mark.parametrize("item", ["stancekit:../../../../etc/passwd", "stancekit:en/../../../../../etc/passwd"])
def test_a_pack_import_stays_inside_the_pack(tmp_path: Path, item: str) -> None:
    (error,) = _errors(_importing(tmp_path, item))
    assert error.code == "import-outside"
    assert "leads outside the rules folder" in error.message


def test_the_bundled_pack_is_importable(tmp_path: Path) -> None:
    main = _importing(tmp_path, "stancekit:en/common.yaml")
    assert load_rules([main]).rules


# -- sizes ----------------------------------------------------------------------------------------


def test_a_rule_file_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    words = "".join(f"    - word{i}\n" for i in range(rule_limits.MAX_RULE_FILE_BYTES // 14 + 1))
    path = _write(tmp_path, "stancekit: 1\nlexicons:\n  many:\n" + words)
    assert path.stat().st_size > rule_limits.MAX_RULE_FILE_BYTES
    started = time.perf_counter()
    (error,) = _errors(path)
    assert time.perf_counter() - started < PROMPTLY
    assert error.code == "file-too-large"
    assert (error.location.line, error.location.col, error.location.line_text) == (1, 1, "stancekit: 1")
    path.write_text("stancekit: 1\n" + "#" * (rule_limits.MAX_RULE_FILE_BYTES - 13), encoding="utf-8")
    assert path.stat().st_size == rule_limits.MAX_RULE_FILE_BYTES
    assert load_rules([path]).rules == ()


def test_a_lexicon_over_the_entry_limit_is_refused(tmp_path: Path) -> None:
    entries = ", ".join(f"w{i}" for i in range(rule_limits.MAX_LEXICON_ENTRIES + 1))
    text = RULE.replace("rules:\n", f"lexicons:\n  many: [{entries}]\nrules:\n", 1)
    (error,) = _errors(_write(tmp_path, text))
    assert error.code == "lexicon-too-large"
    assert error.message == "lexicon 'many' has 100,001 entries, over the limit of 100,000"


def test_a_one_line_rule_file_over_the_limit_shows_only_the_start_of_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "x" * (rule_limits.MAX_RULE_FILE_BYTES + 1))
    (error,) = _errors(path)
    assert error.code == "file-too-large"
    assert len(error.render()) < 1000


def test_a_large_lexicon_loads_in_linear_time(tmp_path: Path) -> None:
    # Duplicates were once looked for in a list: 100,000 entries took 90 s to check.
    entries = "".join(f"    - word{i}\n" for i in range(30_000))
    path = _write(tmp_path, RULE.replace("back {topic", "@many {topic") + "lexicons:\n  many:\n" + entries)
    started = time.perf_counter()
    assert len(load_rules([path]).files[0].lexicons["many"].entries) == 30_000
    assert time.perf_counter() - started < 3.0
