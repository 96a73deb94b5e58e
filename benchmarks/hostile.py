"""Hostile inputs: how long a scan (or a check) takes on them, and how much memory it holds.

    python benchmarks/hostile.py                 # all cases: about 20 minutes at 50 MB
    python benchmarks/hostile.py --mb 2          # smaller single-line documents
    python benchmarks/hostile.py --case alias-bomb   # one case (repeatable)

Builds, under benchmarks/.work/hostile/:
- one sentence of 100,000 tokens: a scraped table with no full stop, between two ordinary
  stance sentences;
- a 50 MB document on a single line: a stance sentence, 50 MB of table cells without a full
  stop, a stance sentence;
- a 50 MB document on a single line of ordinary news sentences;
- a rule file with nested YAML aliases (nine levels of nine, the "billion laughs").

Each is run as `stancekit scan` (or `stancekit check`) in a subprocess of its own, which
reports the wall time and the peak resident memory of the command. For the documents, the
script checks that the stance sentences around the garbage are still found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work" / "hostile"
STANCE_BEFORE = "The mayor opposes the new tax."
STANCE_AFTER = "The council supports the plan."
#: Cells of a scraped table: names, numbers, and words some rules trigger on.
CELLS = "| 2016 | Smith | 42.5 | council budget | vote against | backs | the mayor | tax plan | 7% | Ward 3 ".split()
NEWS = (
    "The finance minister said on Tuesday that the budget would be published next month. "
    "Opposition parties oppose the new fuel duty, arguing it would hurt rural drivers. "
    '"We will not support a plan that punishes commuters," said Ana Reyes, a council member. '
    "Turnout was low in the northern districts, officials said. "
)
#: What a case must stay under, from the issue: seconds and MB of peak memory (None: not set).
TARGETS = {
    "sentence-100k-tokens": (5, None),
    "single-line-50mb-table": (60, 500),
    "single-line-50mb-news": (60, 500),
    "alias-bomb": (1, None),
}


@dataclass
class Outcome:
    name: str
    seconds: float
    peak_mb: float
    exit_code: int
    note: str


def table_text(chars: int, seed: int = 1) -> str:
    """Table cells in a random order, about `chars` characters, with no full stop."""
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(CELLS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def table_tokens(tokens: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(CELLS) for _ in range(tokens))


def build(mb: float) -> dict[str, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    size = int(mb * 1_000_000)
    files = {
        "sentence-100k-tokens": (
            WORK / "sentence-100k-tokens.txt",
            lambda: f"{STANCE_BEFORE}\n\n{table_tokens(100_000)}\n\n{STANCE_AFTER}\n",
        ),
        f"single-line-{mb:g}mb-table": (
            WORK / f"single-line-{mb:g}mb-table.txt",
            lambda: f"{STANCE_BEFORE} {table_text(size)}. {STANCE_AFTER}",
        ),
        f"single-line-{mb:g}mb-news": (
            WORK / f"single-line-{mb:g}mb-news.txt",
            lambda: f"{STANCE_BEFORE} {NEWS * (size // len(NEWS))}{STANCE_AFTER}",
        ),
        "alias-bomb": (WORK / "alias-bomb.yaml", alias_bomb),
    }
    built = {}
    for name, (path, make) in files.items():
        if not path.exists():
            path.write_text(make(), encoding="utf-8")
        built[name] = path
    return built


def alias_bomb() -> str:
    """Nine levels of nine aliases: 9**9 strings once expanded."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("rules:")
    lines.append("  - id: bomb")
    lines.append("    polarity: support")
    lines.append("    pattern: '{actor:ACTOR} backs {topic:TOPIC}'")
    lines.append("    examples: *a9")
    return "\n".join(lines) + "\n"


#: Runs the command line in a fresh interpreter, as the installed `stancekit` script does.
STANCEKIT = [sys.executable, "-c", "import sys; from stancekit.cli import main; sys.exit(main())"]

_MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
seconds = time.perf_counter() - began
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{seconds} {peak_kb} {code}")
"""


def measure(command: list[str], timeout: float) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of `command`, run in a fresh process. A case
    past its `timeout` is stopped with the process that measures it: both run in a process
    group of their own, killed whole (killing the measuring process alone left the scan
    running on, taking a core from every case after it)."""
    measuring = subprocess.Popen(
        [sys.executable, "-c", _MEASURE, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = measuring.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(measuring.pid, signal.SIGKILL)
        measuring.communicate()
        return timeout, float("nan"), -1
    if measuring.returncode != 0:
        raise subprocess.CalledProcessError(measuring.returncode, command, out, err)
    seconds, peak_kb, code = out.split()
    return float(seconds), int(peak_kb) / 1024, int(code)


def scan_case(name: str, path: Path, timeout: float) -> Outcome:
    output = WORK / f"{name}.jsonl"
    command = [*STANCEKIT, "scan", str(path), "-f", "jsonl", "-o", str(output), "-q"]
    seconds, peak_mb, code = measure(command, timeout)
    sentences = set()
    if output.exists():
        with output.open(encoding="utf-8") as stream:
            sentences = {json.loads(line)["sentence"]["text"] for line in stream}
        found = [s for s in (STANCE_BEFORE, STANCE_AFTER) if s in sentences]
        note = f"{len(sentences)} sentences with findings; stance sentences around the garbage found: {len(found)}/2"
    else:
        note = "no output"
    return Outcome(name, seconds, peak_mb, code, note)


def check_case(name: str, path: Path, timeout: float) -> Outcome:
    command = [*STANCEKIT, "check", str(path)]
    seconds, peak_mb, code = measure(command, timeout)
    return Outcome(name, seconds, peak_mb, code, "timed out" if code == -1 else f"check exited with {code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50, help="size of the single-line documents (default 50)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case is stopped")
    parser.add_argument("--case", action="append", help="run only this case (repeatable), e.g. --case alias-bomb")
    args = parser.parse_args()
    cases = build(args.mb)
    unknown = set(args.case or ()) - set(cases)
    if unknown:
        parser.error(f"no case {', '.join(sorted(unknown))}; the cases are {', '.join(cases)}")
    outcomes = []
    for name, path in cases.items():
        if args.case and name not in args.case:
            continue
        size = path.stat().st_size / 1_000_000
        print(f"{name} ({size:.1f} MB) ...", file=sys.stderr, flush=True)
        run = check_case if path.suffix == ".yaml" else scan_case
        outcomes.append(run(name, path, args.timeout))
    print(f"{'case':<26} {'seconds':>8} {'peak MB':>8}  exit  target  notes")
    failed = False
    for o in outcomes:
        seconds_target, mb_target = TARGETS.get(o.name, (None, None))
        met = (seconds_target is None or o.seconds < seconds_target) and (mb_target is None or o.peak_mb < mb_target)
        target = "" if seconds_target is None else f"<{seconds_target}s" + (f",<{mb_target}MB" if mb_target else "")
        verdict = "" if seconds_target is None else (" ok" if met else " MISSED")
        failed = failed or (seconds_target is not None and not met)
        print(f"{o.name:<26} {o.seconds:8.2f} {o.peak_mb:8.0f}  {o.exit_code:>4}  {target + verdict:<6}  {o.note}")
    return 1 if failed else 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - started:.0f} s in all)", file=sys.stderr)
    sys.exit(code)
