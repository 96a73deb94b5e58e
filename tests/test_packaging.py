"""The wheel carries the grammar and the English rule pack, and an installed stancekit runs on
them, away from the source tree.

Slow (a wheel build and a fresh virtual environment): `python -m pytest -m "not slow"` leaves
it out.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPENDENCIES = ("lark", "yaml", "click", "lemminflect", "ahocorasick")
#: What pip prints when it cannot fetch the build backend (no network, no index).
OFFLINE_SIGNS = (
    "No matching distribution found",
    "Could not find a version that satisfies",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "connection error",
)


def sh(*args: object, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )


def build_wheel(out: Path) -> Path:
    """Build the project's wheel into `out`: offline with the hatchling at hand if there is one,
    else with pip fetching hatchling (skipped when that needs a network there is not)."""
    have_hatchling = sh(sys.executable, "-c", "import hatchling").returncode == 0
    isolation = ["--no-build-isolation"] if have_hatchling else []
    done = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-w", out, ROOT, timeout=600)
    if done.returncode != 0:
        log = done.stdout + done.stderr
        if not have_hatchling and any(sign.lower() in log.lower() for sign in OFFLINE_SIGNS):
            pytest.skip("hatchling is not installed and pip could not fetch it (no network?)")
        pytest.fail(f"building the wheel failed:\n{log}")
    wheels = list(out.glob("stancekit-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def dependency_dirs() -> list[str]:
    """Where this interpreter finds stancekit's dependencies."""
    dirs = []
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin, f"{name} is not importable"
        origin = Path(spec.origin)
        folder = origin.parent.parent if origin.name == "__init__.py" else origin.parent
        if str(folder) not in dirs:
            dirs.append(str(folder))
    return dirs


def make_venv(where: Path, wheel: Path) -> Path:
    """A virtual environment with the wheel installed, that sees stancekit's dependencies but
    not the stancekit under test here.

    `--system-site-packages` gives the base interpreter's packages; when the dependencies live
    in another environment (this one), their folder is added with a .pth line, after the wheel
    is installed (pip would otherwise see the stancekit there and install nothing). Such a
    folder is only put on sys.path, after the new environment's site-packages; its own .pth
    files (an editable stancekit) are not read."""
    done = sh(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", where)
    assert done.returncode == 0, done.stderr
    python = where / "bin" / "python"
    done = sh(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    assert (purelib / "stancekit" / "__init__.py").is_file(), done.stdout
    (purelib / "stancekit-test-dependencies.pth").write_text("\n".join(dependency_dirs()) + "\n", encoding="utf-8")
    return python


@pytest.mark.slow
@pytest.mark.skipif(sysconfig.get_platform().startswith("win"), reason="uses the POSIX venv layout")
def test_installed_wheel_scans_with_the_bundled_pack(tmp_path):
    wheel = build_wheel(tmp_path / "dist")

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "stancekit/_data/grammar/pattern.lark" in names
    prefix = "stancekit/_data/rules/en/"
    packed = {n[len(prefix) :] for n in names if n.startswith(prefix) and n.endswith(".yaml")}
    assert packed, "no rule files in the wheel"
    assert packed == {p.relative_to(ROOT / "rules" / "en").as_posix() for p in (ROOT / "rules" / "en").rglob("*.yaml")}
    assert "stancekit/cli.py" in names and "stancekit/__main__.py" in names
    for shipped in ("en-ewt-upos.json.gz", "LICENSE.txt", "README.md"):
        assert f"stancekit/tagging/model/{shipped}" in names

    venv = tmp_path / "venv"
    python = make_venv(venv, wheel)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    # the installed package and its data resolve inside the environment, not to the source tree
    done = sh(
        python,
        "-c",
        "import stancekit, stancekit.resources as r; print(stancekit.__file__); print(r.grammar_path()); "
        "print(r.bundled_rules_dir())",
        cwd=elsewhere,
    )
    assert done.returncode == 0, done.stderr
    package, grammar, rules = (Path(line) for line in done.stdout.splitlines())
    purelib = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    for path in (package, grammar, rules):
        assert path.is_relative_to(purelib), path
        assert not path.is_relative_to(ROOT), path
    assert grammar == purelib / "stancekit" / "_data" / "grammar" / "pattern.lark"
    assert grammar.is_file() and rules.is_dir()

    # the console script scans the sample news with the bundled pack
    done = sh(venv / "bin" / "stancekit", "scan", ROOT / "samples" / "news", "--format", "jsonl", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    findings = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(findings) >= 10, done.stdout
    assert "findings" in done.stderr
    files = {f["rule"]["file"] for f in findings}
    assert all(f.startswith("rules/en/") and f.endswith(".yaml") for f in files), files
    assert {f.rsplit("/", 1)[1] for f in files} <= packed
    first = findings[0]
    source = (ROOT / "samples" / "news" / f"{first['doc']}.txt").read_text(encoding="utf-8")
    assert source[first["sentence"]["start"] : first["sentence"]["end"]] == first["sentence"]["text"]

    # the installed tagger tags with the model that ships inside the wheel
    tagged = subprocess.run(
        [str(venv / "bin" / "stancekit"), "tag"],
        input="The senator has not endorsed the new bill.",
        cwd=elsewhere,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert tagged.returncode == 0, tagged.stderr
    rows = [line.split("\t") for line in tagged.stdout.splitlines()]
    assert [r[0] for r in rows] == ["The", "senator", "has", "not", "endorsed", "the", "new", "bill", "."]
    assert [r[2] for r in rows][2:] == ["AUX", "PART", "VERB", "DET", "ADJ", "NOUN", "PUNCT"]
    assert rows[4][1] == "endorse"
    located = sh(python, "-c", "import stancekit.tagging as t; print(t.BUNDLED_MODEL)", cwd=elsewhere)
    assert Path(located.stdout.strip()).is_relative_to(purelib), located.stdout + located.stderr

    # the HTML report inlines the style and script that ship beside its module
    (elsewhere / "findings.jsonl").write_text(done.stdout, encoding="utf-8")
    done = sh(venv / "bin" / "stancekit", "report", "findings.jsonl", "-o", "page.html", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    page = (elsewhere / "page.html").read_text(encoding="utf-8")
    for asset in ("report.css", "report.js"):
        assert "stancekit/reporting/" + asset in names
        assert (ROOT / "stancekit" / "reporting" / asset).read_text(encoding="utf-8") in page
