"""stancekit, spaCy's Matcher and the floor, side by side in one run.

    pip install '.[bench]'
    python benchmarks/compare.py                 # about ten minutes on 2 cores
    python benchmarks/compare.py --memory-gb 1   # adds the 1 GB streaming run (many minutes)
    python benchmarks/compare.py --pack-memory-mb 200  # the default pack's peak memory (11 minutes)
    python benchmarks/compare.py --base REV      # adds the default pack end to end with commit REV

Rule sets and the corpus are generated (see generate.py), the same for every tool:

- the floor: read the corpus file and run one compiled word regex over it;
- stancekit: the scan (sentences, trigger prefilter, matching, attribution, findings);
- spaCy: blank English tokenizer + Matcher with one token pattern per rule, on the same
  sentences. ACTOR and TOPIC are typed captures in stancekit; spaCy gets the closest token
  patterns (an actor-name token; one word of topic after a gap of up to three tokens). On
  this corpus both describe the same stances, and the run checks that they match the same
  (sentence, rule) pairs.

Every figure comes from this one process and this one machine: compare ratios, not seconds
from different runs. The targets are printed with each measured figure and whether it met.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import generate as gen

from stancekit.cli import main as stancekit_main
from stancekit.compiler.cache import compile_rules
from stancekit.compiler.inflect import inflections
from stancekit.engine.matcher import Matcher
from stancekit.text.documents import Document, iter_documents

HERE = Path(__file__).resolve().parent
SHARED_DATA = HERE.parent.parent / "shared" / "data"
RULE_COUNTS = (10, 100, 1000, 10000)


def seconds(fn: Callable[[], object], repeat: int = 1) -> float:
    """The best of `repeat` wall-clock timings of fn()."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    return best


def floor_mb_s(path: Path) -> float:
    word = re.compile(r"\w+")

    def run() -> None:
        word.findall(path.read_text(encoding="utf-8"))

    return path.stat().st_size / 1e6 / seconds(run, repeat=3)


def read_corpus(path: Path) -> list[Document]:
    return list(iter_documents([path]))


# -- stancekit -----------------------------------------------------------------------------


def compile_times(rules: Path, cache: Path) -> tuple[float, float]:
    """(cold, warm) seconds from rule file to ready matcher."""
    for old in cache.glob("*.pickle"):
        old.unlink()
    cold = seconds(lambda: compile_rules([rules], cache_dir=cache))
    warm = seconds(lambda: compile_rules([rules], cache_dir=cache), repeat=3)
    return cold, warm


def stancekit_scan(rules: Path | None, documents: list[Document], cache: Path) -> tuple[float, float, list]:
    """(first pass seconds, steady seconds, findings) of scanning `documents` in this process.

    The first pass also pays what is paid once per run: building the trigger automaton and
    unpickling, on first use, each rule of a cached set. The second pass is the throughput
    a long corpus sees."""
    matcher = Matcher(compile_rules([rules] if rules else None, cache_dir=cache).compiled)
    passes = []
    for _ in range(2):
        findings: list = []
        began = time.perf_counter()
        for document in documents:
            findings.extend(matcher.scan_document(document))
        passes.append(time.perf_counter() - began)
    return passes[0], passes[1], findings


def end_to_end(corpus: Path, out: Path, cache: Path, *extra: str) -> float:
    """Seconds for `stancekit scan CORPUS -o OUT.jsonl` run as the command line runs it."""
    argv = ["scan", str(corpus), "-o", str(out), "-q", "--cache-dir", str(cache), *extra]
    stancekit_main(argv)  # warm the cache: a CI job scans with a cached rule set
    return seconds(lambda: stancekit_main(argv))


def source_tree(revision: str, work: Path) -> Path:
    """The source of commit `revision`, unpacked once under `work` (`git archive`): the scan
    of the commit before a change is measured in the same run as the change's."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = work / f"source-{commit[:12]}"
    if not (tree / "stancekit").is_dir():
        unpacking = work / f"source-{commit[:12]}.partial"
        shutil.rmtree(unpacking, ignore_errors=True)  # what an interrupted run left
        unpacking.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=HERE.parent, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(unpacking)], input=archive, check=True)
        unpacking.rename(tree)
    return tree


def end_to_end_from(tree: Path, corpus: Path, out: Path, cache: Path) -> float:
    """Seconds for `stancekit scan CORPUS -o OUT.jsonl` with the package of the source tree
    `tree`, in a process of its own (start-up included), rules from the cache."""
    code = "import sys; from stancekit.cli import main; sys.argv[0] = 'stancekit'; sys.exit(main())"
    argv = [sys.executable, "-P", "-c", code, "scan", str(corpus), "-o", str(out), "-q", "--cache-dir", str(cache)]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run(argv, env=env, check=True)  # warm the cache
    return seconds(lambda: subprocess.run(argv, env=env, check=True))


def findings_in(path: Path) -> int:
    """How many findings a JSONL file of findings holds."""
    with open(path, encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


# -- spaCy ---------------------------------------------------------------------------------


def tagger_speed(treebank: Path) -> tuple[float, float, int]:
    """Seconds to load the bundled tagger's model, then tokens per second tagging the treebank's
    own sentences (its tokens, tagging only)."""
    from stancekit.tagging import default_tagger, read_conllu

    sentences = [[word for word, _ in sentence] for sentence in read_conllu(treebank)]
    began = time.perf_counter()
    tagger = default_tagger()
    tagger.tag(["warm", "up"])
    loaded = time.perf_counter() - began
    count = sum(len(s) for s in sentences)
    took = seconds(lambda: [tagger.tag(s) for s in sentences])
    return loaded, count / took, count


def spacy_patterns(n: int, vocab: gen.Vocabulary) -> list[tuple[str, list[dict]]]:
    """The token pattern of each generated rule, as close as spaCy's Matcher can say it."""
    actors = sorted({a.lower() for a in gen.ACTORS})
    patterns = []
    for i in range(n):
        verbs = sorted(set().union(*(inflections(v) for v in gen.verb_forms(vocab.verbs[i]))))
        patterns.append(
            (
                f"bench.r{i}",
                [
                    {"LOWER": {"IN": actors}},
                    {"LOWER": {"IN": ["do", "does", "did"]}, "OP": "?"},
                    {"LOWER": {"IN": ["not", "n't"]}, "OP": "?"},
                    {"LOWER": {"IN": verbs}},
                    {"OP": "{,3}"},
                    {"IS_ALPHA": True},
                ],
            )
        )
    return patterns


def spacy_scan(n: int, vocab: gen.Vocabulary, sentences: list[str]) -> tuple[float, set[tuple[int, str]]]:
    """(seconds, {(sentence number, rule id)}) for tokenizer + Matcher over `sentences`."""
    import spacy
    from spacy.matcher import Matcher as SpacyMatcher

    nlp = spacy.blank("en")
    matcher = SpacyMatcher(nlp.vocab)
    for rule_id, pattern in spacy_patterns(n, vocab):
        matcher.add(rule_id, [pattern])
    matched: set[tuple[int, str]] = set()
    began = time.perf_counter()
    for number, sentence in enumerate(sentences):
        for match_id, _, _ in matcher(nlp.make_doc(sentence)):
            matched.add((number, nlp.vocab.strings[match_id]))
    return time.perf_counter() - began, matched


def stancekit_pairs(findings: list, starts: dict[tuple[str, int], int]) -> set[tuple[int, str]]:
    """{(sentence number, rule id)} of stancekit's findings, numbered as `spacy_scan` numbers them."""
    return {(starts.get((f.doc, f.sentence.start), -1), f.rule.id) for f in findings}


# -- the run -------------------------------------------------------------------------------


class Report:
    """Lines of the printed report; `targets` collects (target, measured, met)."""

    def __init__(self) -> None:
        self.targets: list[tuple[str, str, bool | None]] = []

    def line(self, text: str = "") -> None:
        print(text, flush=True)

    def target(self, name: str, measured: str, met: bool | None) -> None:
        self.targets.append((name, measured, met))


def peak_memory_of_scan(corpus: Path, rules: Path | None, cache: Path) -> float:
    """Peak resident memory (MB) of a `stancekit scan` subprocess over `corpus`, with `rules`
    or with the default pack.

    Read from the process's own high-water mark (`VmHWM`) where Linux gives it: a child's
    `ru_maxrss` starts from the resident size of the process that started it, and this one,
    having run spaCy and the in-process scans, holds several hundred MB."""
    code = (
        "import resource, sys\n"
        "from stancekit.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "try:\n"
        "    with open('/proc/self/status') as status:\n"
        "        print(next(int(line.split()[1]) for line in status if line.startswith('VmHWM:')))\n"
        "except (OSError, StopIteration):\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    with_rules = ["-r", str(rules)] if rules is not None else []
    argv = ["scan", str(corpus), *with_rules, "-o", os.devnull, "-f", "jsonl", "-q", "--cache-dir", str(cache)]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KB on Linux


def run(args: argparse.Namespace) -> Report:
    report = Report()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    vocab = gen.vocabulary()
    rules = {n: gen.write_rules(work, n, vocab) for n in RULE_COUNTS}
    corpus = gen.write_corpus(work / f"corpus-{args.size_mb}mb.jsonl", int(args.size_mb * 1e6))
    documents = read_corpus(corpus)
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    sentence_count = sum(len(doc) for _, doc in gen.documents(int(args.size_mb * 1e6)))
    floor = floor_mb_s(corpus)
    report.line(f"corpus: {corpus.name}, {megabytes:.1f} MB, {len(documents)} documents, {sentence_count} sentences")
    report.line(f"floor (read + one \\w+ regex): {floor:.1f} MB/s")
    report.line()

    report.line("compile (seconds, rule file to ready matcher)")
    report.line(f"  {'rules':>6} {'cold':>8} {'cached':>8}")
    for n in RULE_COUNTS:
        cold, warm = compile_times(rules[n], cache)
        report.line(f"  {n:>6} {cold:>8.2f} {warm:>8.3f}")
        if n == 10000:
            report.target("compile 10,000 rules cold < 5 s", f"{cold:.2f} s", cold < 5)
            report.target("compile 10,000 rules from cache < 0.3 s", f"{warm:.3f} s", warm < 0.3)
    report.line()

    subset_docs = documents[: args.spacy_docs]
    subset_sentences: list[str] = []
    starts: dict[tuple[str, int], int] = {}
    for (doc_id, doc), document in zip(gen.documents(int(args.size_mb * 1e6)), subset_docs, strict=False):
        offset = 0
        for sentence in doc:
            starts[(document.id, offset)] = len(subset_sentences)
            subset_sentences.append(sentence)
            offset += len(sentence) + 1
        assert doc_id == document.id
    report.line(
        f"scan, in one process (full corpus for stancekit; first {len(subset_docs)} documents,"
        f" {len(subset_sentences)} sentences, for the spaCy comparison). MB/s and sent/s: a second pass;"
        " 1st: the first pass, which also builds the trigger automaton and loads the cached rules it meets"
    )
    report.line(
        f"  {'rules':>6} {'1st MB/s':>7} {'MB/s':>7} {'sent/s':>9} {'findings':>9} | {'subset: stancekit':>17}"
        f" {'spaCy':>8} {'ratio':>7}  same matches"
    )
    throughput: dict[int, float] = {}
    for n in RULE_COUNTS:
        first, took, findings = stancekit_scan(rules[n], documents, cache)
        throughput[n] = megabytes / took
        row = f"  {n:>6} {megabytes / first:>7.2f} {megabytes / took:>7.2f} {sentence_count / took:>9.0f}"
        row += f" {len(findings):>9} |"
        if n <= args.spacy_max_rules:
            _, mine_took, mine = stancekit_scan(rules[n], subset_docs, cache)
            theirs_took, theirs = spacy_scan(n, vocab, subset_sentences)
            ours = stancekit_pairs(mine, starts)
            same = ours == theirs
            ratio = theirs_took / mine_took
            mine_rate, theirs_rate = len(subset_sentences) / mine_took, len(subset_sentences) / theirs_took
            row += f" {mine_rate:>17.0f} {theirs_rate:>8.0f} {ratio:>6.1f}x  "
            row += "yes" if same else f"NO ({len(ours - theirs)} only stancekit, {len(theirs - ours)} only spaCy)"
            row += f" ({len(ours)} pairs)"
            if n == 1000:
                report.target(
                    "1,000 rules: stancekit >= 30x spaCy tokenizer+Matcher, same matches",
                    f"{ratio:.1f}x, same matches: {'yes' if same else 'no'}",
                    ratio >= 30 and same,
                )
        report.line(row)
    flat = throughput[10000] / throughput[10]
    report.target("throughput at 10,000 rules >= 70% of 10 rules", f"{flat:.0%}", flat >= 0.7)
    report.line()

    report.line("default pack, end to end (stancekit scan CORPUS -o findings.jsonl, cached rules)")
    out = work / "findings.jsonl"
    corpora = [("generated", corpus, megabytes)]
    bbc = SHARED_DATA / "bbc"
    if bbc.is_dir():
        corpora.append(("BBC news", bbc, sum(p.stat().st_size for p in bbc.rglob("*.txt")) / 1e6))
    for name, path, size in corpora:
        took = end_to_end(path, out, cache)
        share = (size / took) / floor
        report.line(f"  {name:<10} {size:>6.1f} MB {size / took:>6.2f} MB/s = {share:.1%} of the floor")
        report.target(f"default pack end to end >= 40% of the floor ({name})", f"{share:.1%}", share >= 0.4)
        if name == "BBC news":
            report.target("default pack end to end on BBC >= 1.1% of the floor", f"{share:.1%}", share >= 0.011)
    report.line()

    if args.base:
        base = source_tree(args.base, work)
        report.line(f"default pack, end to end, this tree and {args.base} ({base.name}), each in a process of its own")
        for name, path, size in corpora:
            took_base = end_to_end_from(base, path, work / "findings-base.jsonl", cache)
            took = end_to_end_from(HERE.parent, path, out, cache)
            speedup = took_base / took
            counts = f"{findings_in(work / 'findings-base.jsonl')} and {findings_in(out)} findings"
            times = f"{took_base:>7.1f} s -> {took:>6.1f} s = {speedup:.2f}x"
            report.line(f"  {name:<10} {size:>6.1f} MB {times} ({counts})")
            report.target(f"default pack end to end >= 5x {args.base} ({name})", f"{speedup:.2f}x", speedup >= 5)
        report.line()

    treebank = SHARED_DATA / "ud-ewt" / "en_ewt-ud-dev.conllu"
    if treebank.is_file():
        loaded, rate, count = tagger_speed(treebank)
        report.line(
            f"part-of-speech tagger (bundled), EWT dev text ({count} tokens): model loaded in {loaded:.2f} s,"
            f" then {rate:,.0f} tokens/s"
        )
        report.line()

    big = gen.write_corpus(work / f"corpus-{args.jobs_mb}mb.jsonl", int(args.jobs_mb * 1e6))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    one = end_to_end(big, out, cache, "-r", str(rules[1000]))
    two = end_to_end(big, out, cache, "-r", str(rules[1000]), "--jobs", "2")
    report.line(
        f"--jobs 2 ({cores} cores, {args.jobs_mb} MB, 1,000 rules): {one:.1f} s -> {two:.1f} s = {one / two:.2f}x"
    )
    speedup = one / two
    report.target("--jobs 2 >= 1.7x one process (corpus >= 20 MB)", f"{speedup:.2f}x on {cores} cores", speedup >= 1.7)

    examples = gen.write_rules(work / "with-examples", 1000, vocab, examples=True)
    argv = ["test", str(examples.parent), "--cache-dir", str(cache)]
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        cold = seconds(lambda: stancekit_main([*argv, "--no-cache"]))
        stancekit_main(argv)
        warm = seconds(lambda: stancekit_main(argv), repeat=3)
    summary = printed.getvalue().strip().splitlines()[-1]
    report.line(
        f"stancekit test, 1,000 rules with an example and a counter-example each ({summary}):"
        f" {cold:.2f} s compiling, {warm:.2f} s with the rules cached"
    )
    report.target("stancekit test over 1,000 rule examples < 3 s", f"{cold:.2f} s cold, {warm:.2f} s cached", cold < 3)

    if args.memory_gb:
        huge = gen.write_corpus(work / f"corpus-{args.memory_gb}gb.jsonl", int(args.memory_gb * 1e9))
        peak = peak_memory_of_scan(huge, rules[1000], cache)
        report.line(f"peak memory scanning {args.memory_gb} GB of JSONL (1,000 rules): {peak:.0f} MB")
        report.target(f"peak memory scanning {args.memory_gb} GB JSONL < 500 MB", f"{peak:.0f} MB", peak < 500)
    else:
        report.target("peak memory scanning 1 GB JSONL < 500 MB", "not run (use --memory-gb 1)", None)
    if args.pack_memory_mb:
        large = gen.write_corpus(work / f"corpus-{args.pack_memory_mb:g}mb.jsonl", int(args.pack_memory_mb * 1e6))
        one_line = work / "one-line.jsonl"
        line = json.dumps({"id": "one", "text": "The mayor opposes the new tax."})
        one_line.write_text(line + "\n", encoding="utf-8")
        peak_memory_of_scan(one_line, None, cache)  # the pack compiled into the cache first: scans read it from there
        fixed = peak_memory_of_scan(one_line, None, cache)
        peak = peak_memory_of_scan(large, None, cache)
        report.line(
            f"peak memory scanning {args.pack_memory_mb:g} MB of JSONL (default pack, cached): {peak:.0f} MB"
            f" ({fixed:.0f} MB for one line)"
        )
        report.target(
            f"default pack: peak memory over {args.pack_memory_mb:g} MB of JSONL < 150 MB", f"{peak:.0f} MB", peak < 150
        )
    else:
        not_run = "not run (use --pack-memory-mb 200)"
        report.target("default pack: peak memory over 200 MB of JSONL < 150 MB", not_run, None)
    report.line()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=str(HERE / ".work"), help="where generated rules and corpora are kept")
    parser.add_argument("--size-mb", type=float, default=5, help="size of the generated corpus (default 5 MB)")
    parser.add_argument("--jobs-mb", type=float, default=20, help="corpus size for the --jobs comparison")
    parser.add_argument("--spacy-docs", type=int, default=150, help="documents in the spaCy comparison subset")
    parser.add_argument("--spacy-max-rules", type=int, default=1000, help="largest rule set given to spaCy")
    parser.add_argument("--memory-gb", type=float, default=0, help="also measure peak memory on this many GB")
    parser.add_argument(
        "--pack-memory-mb", type=float, default=0, help="also measure the default pack's peak memory on this many MB"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the targets as JSON")
    parser.add_argument(
        "--base", metavar="REV", help="also time the default pack end to end with commit REV, in the same run"
    )
    args = parser.parse_args()
    report = run(args)
    print("targets")
    for name, measured, met in report.targets:
        verdict = "not run" if met is None else ("met" if met else "NOT met")
        print(f"  {name:<68} {measured:<28} {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.targets, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
