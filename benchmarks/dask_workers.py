"""`stancekit scan --engine dask` with 1, 2 and 4 workers beside the single-process scan
and the local `--jobs 2` one.

    pip install '.[bench,dask]'
    python benchmarks/dask_workers.py              # 100 MB generated corpus, 1,000 generated rules
    python benchmarks/dask_workers.py --size-mb 500 --workers 1 2 4 8

Each run is the command line a user types (`python -m stancekit scan CORPUS ... -o OUT`),
timed from start to exit: with --engine dask that includes starting the local cluster,
shipping the compiled rules to the workers and tearing the cluster down, which is what a
user pays. Rules come from a warm cache for every run. Every run's findings file must be
byte for byte the single-process one; the table says so in its last column.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import generate as gen

HERE = Path(__file__).resolve().parent


def run_scan(corpus: Path, rules: Path, out: Path, cache: Path, *extra: str) -> float:
    """Seconds for one `stancekit scan` run in its own process."""
    command = [sys.executable, "-m", "stancekit", "scan", str(corpus), "--rules", str(rules), "-q"]
    command += ["--cache-dir", str(cache), "-f", "jsonl", "-o", str(out), *extra]
    began = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - began


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(HERE / ".work"), help="where generated rules and corpora are kept")
    parser.add_argument("--size-mb", type=float, default=100, help="size of the generated corpus (default 100 MB)")
    parser.add_argument("--rules", type=int, default=1000, help=f"generated rules (at most {gen.MAX_RULES})")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4], help="worker counts to run")
    args = parser.parse_args()

    work = Path(args.work)
    corpus = gen.write_corpus(work / f"corpus-{args.size_mb:g}mb.jsonl", int(args.size_mb * 1_000_000))
    rules = gen.write_rules(work / f"rules-{args.rules}", args.rules)
    cache, out = work / "cache", work / "dask-out"
    out.mkdir(parents=True, exist_ok=True)
    size_mb = corpus.stat().st_size / 1_000_000
    print(f"corpus {corpus.name}: {size_mb:.1f} MB; {args.rules} rules; {os.cpu_count()} cores")

    baseline = out / "single.jsonl"
    run_scan(corpus, rules, baseline, cache, "--jobs", "1")  # fills the rule cache; its output is the reference
    runs = [("single process (--jobs 1)", ("--jobs", "1")), ("local processes (--jobs 2)", ("--jobs", "2"))]
    runs += [
        (f"--engine dask, {n} worker{'s' * (n > 1)}", ("--engine", "dask", "--jobs", str(n))) for n in args.workers
    ]
    expected = digest(baseline)
    first = None
    print(f"  {'run':<32} {'seconds':>8} {'MB/s':>7} {'vs single':>9}  same findings")
    for name, extra in runs:
        target = out / "run.jsonl"
        seconds = run_scan(corpus, rules, target, cache, *extra)
        first = first or seconds
        same = "yes" if digest(target) == expected else "NO"
        print(f"  {name:<32} {seconds:>8.1f} {size_mb / seconds:>7.2f} {first / seconds:>8.2f}x  {same}")


if __name__ == "__main__":
    main()
