"""This checkout against another one (an earlier commit), side by side in one run.

On a machine shared with other jobs only ratios measured in the same run mean anything, so
each measurement is made for both checkouts in turn, `--rounds` times, and the CPU seconds
of each command (user + system of the child process) are reported with the wall time::

    git worktree add ../base COMMIT && python -m venv ../venv-base && ../venv-base/bin/pip install -e ../base
    python benchmarks/versus.py --base-python ../venv-base/bin/python

Measured: the bundled pack end to end (`stancekit scan CORPUS -o findings.jsonl`, rules from a
warm cache) on the BBC corpus of `../shared/data` and on the generated corpus of 5 MB, and a
cold compile of 10,000 generated rules (`compile_rules` into an empty cache folder). The
findings of both checkouts are compared: the same count is printed, and a difference is said.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate as gen

HERE = Path(__file__).resolve().parent
SHARED_DATA = HERE.parent.parent / "shared" / "data"

COLD_COMPILE = """
import sys, tempfile, pathlib
from stancekit.compiler.cache import compile_rules
with tempfile.TemporaryDirectory() as folder:
    compile_rules([sys.argv[1]], cache_dir=pathlib.Path(folder))
"""


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one command run to its end, in `cwd`: a folder outside
    both checkouts, or `python -m` would import the package of the one it is run in."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*.txt")) if corpus.is_dir() else corpus.stat().st_size


def scan_argv(python: str, corpus: Path, out: Path, cache: Path) -> list[str]:
    return [python, "-m", "stancekit", "scan", str(corpus), "-o", str(out), "-q", "--cache-dir", str(cache)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-python", required=True, help="the Python of the other checkout's environment")
    parser.add_argument("--python", default=sys.executable, help="the Python of this checkout (default: this one)")
    parser.add_argument("--work", default=str(HERE / ".work"), help="where generated rules and corpora are kept")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rules = work / "bench-rules-10000.yaml"
    if not rules.exists():
        gen.write_rules(work, 10000)
    corpora = [("generated 5 MB", gen.write_corpus(work / "corpus-5mb.jsonl", int(5e6)))]
    if (SHARED_DATA / "bbc").is_dir():
        corpora.insert(0, ("BBC news", SHARED_DATA / "bbc"))
    sides = {"base": args.base_python, "this": args.python}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        warm = folder / "warm.txt"
        warm.write_text("The council backed the plan.\n", encoding="utf-8")
        for side, python in sides.items():  # warm each side's own rule cache
            timed(scan_argv(python, warm, folder / "warm.jsonl", folder / side), folder)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for name, corpus in corpora:
                size = corpus_bytes(corpus)
                for side, python in sides.items():
                    out = folder / f"{side}-{name.split()[0]}.jsonl"
                    took = timed(scan_argv(python, corpus, out, folder / side), folder)
                    results.setdefault((name, side), []).append((took[0], size / 1e6))
            for side, python in sides.items():
                took = timed([python, "-c", COLD_COMPILE, str(rules)], folder)
                results.setdefault(("compile 10,000 rules cold", side), []).append((took[0], 0.0))
        print(f"{args.rounds} rounds, each side in turn; CPU seconds (user + system); load {os.getloadavg()[0]:.1f}")
        for name, _ in [*corpora, ("compile 10,000 rules cold", None)]:
            base = [t for t, _ in results[(name, "base")]]
            this = [t for t, _ in results[(name, "this")]]
            size = results[(name, "base")][0][1]
            line = f"  {name:<26} base {min(base):6.2f} s   this {min(this):6.2f} s   = {min(base) / min(this):.2f}x"
            if size:
                line += f"   ({size / min(base):.2f} -> {size / min(this):.2f} MB/s)"
            print(line)
        for name, _ in corpora:
            a = (folder / f"base-{name.split()[0]}.jsonl").read_text(encoding="utf-8").count("\n")
            b = (folder / f"this-{name.split()[0]}.jsonl").read_text(encoding="utf-8").count("\n")
            print(f"  findings on {name}: base {a}, this {b}" + ("" if a == b else "  DIFFERENT"))


if __name__ == "__main__":
    main()
