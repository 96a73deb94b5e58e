"""The documentation does what it says: the tutorial's commands give the output it shows,
the README's Python example runs, and every relative link between the pages leads to a page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Step:
    """One fenced block of a page: a file to write (its first line names it) or a command with its output."""

    kind: str
    body: str


def steps(page: Path) -> list[Step]:
    return [Step(kind, body) for kind, body in FENCE.findall(page.read_text(encoding="utf-8"))]


def commands(block: str) -> list[tuple[str, list[str]]]:
    """Each `$ command` of a console block with the output lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found and line.strip():
            found[-1][1].append(line.strip())
    return found


def printed(shown: str, output: list[str]) -> bool:
    """Whether a line shown in the docs was printed; one ending in "..." shows the start of a line."""
    if shown.endswith("..."):
        return any(line.startswith(shown[:-3].rstrip()) for line in output)
    return shown in output


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    program, *args = command.split(" ", 1)
    assert program == "stancekit", command
    env = {**os.environ, "STANCEKIT_NO_PLUGINS": "1"}  # the test run's rule cache, shared with other tests
    return subprocess.run(
        f"{sys.executable} -m stancekit {args[0] if args else ''}",
        shell=True,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tutorial_runs_as_written(tmp_path):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    ran = 0
    for step in steps(DOCS / "tutorial.md"):
        if step.kind == "yaml":
            first = step.body.partition("\n")[0]
            target = tmp_path / first.removeprefix("# ").strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.body, encoding="utf-8")
        elif step.kind == "console":
            for command, shown in commands(step.body):
                result = run(command, tmp_path)
                output = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
                for line in shown:
                    assert printed(line, output), f"{command!r} did not print {line!r}:\n{result.stdout}{result.stderr}"
                failing = any(line.startswith("FAILED") for line in shown)
                assert result.returncode == (1 if failing else 0), (command, result.stderr)
                ran += 1
    assert ran >= 7


def test_the_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    python = [body for kind, body in FENCE.findall(readme) if kind == "python"]
    assert python, "the README has no Python example"
    lines: list[str] = []

    def capture(*values: object) -> None:
        lines.append(" ".join(str(v) for v in values))

    exec(compile(python[0], "README.md", "exec"), {"print": capture})
    shown = [line.partition("# ")[2] for line in python[0].splitlines() if line.lstrip().startswith("print(")]
    assert lines and lines[0] == shown[0]


@pytest.mark.parametrize("page", sorted([*DOCS.glob("*.md"), ROOT / "README.md"]), ids=lambda p: p.name)
def test_relative_links_lead_to_pages(page):
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
        assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


def test_the_readme_rule_example_passes_its_own_tests(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rule_file = next(body for kind, body in FENCE.findall(readme) if kind == "yaml")
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "rules.yaml").write_text(rule_file, encoding="utf-8")
    result = run("stancekit test pack/", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout
