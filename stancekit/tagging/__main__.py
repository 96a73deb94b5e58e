"""`python -m stancekit.tagging train`: retrain the bundled tagger from UD English EWT.

    python -m stancekit.tagging train [--train PATH] [--dev PATH] [--iterations N] [--seed N] [--second-pass] [-o MODEL]

Defaults: the EWT files in `../shared/data/ud-ewt/` beside the repository and the bundled
model path. Prints the dev accuracy after each iteration and the time taken; the whole run
takes about 3 minutes on one core (see README.md). Same data and seed, same
model file, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from stancekit.tagging.conllu import ConlluError, read_conllu, read_conllu_sentences
from stancekit.tagging.tag_scores import evaluate
from stancekit.tagging.tagger import BUNDLED_MODEL, save_model
from stancekit.tagging.training import DEFAULT_ITERATIONS, DEFAULT_SEED, IterationReport, train

REPO_ROOT = Path(__file__).resolve().parents[2]
EWT = REPO_ROOT.parent / "shared" / "data" / "ud-ewt"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stancekit.tagging", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    trainer = commands.add_parser("train", help="train a tagger model from CoNLL-U files")
    trainer.add_argument("--train", default=str(EWT / "en_ewt-ud-train.conllu"), help="training CoNLL-U file")
    trainer.add_argument("--dev", default=str(EWT / "en_ewt-ud-dev.conllu"), help="dev CoNLL-U file ('' for none)")
    trainer.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS, help="passes over the training data")
    trainer.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the shuffling before each pass")
    trainer.add_argument(
        "--second-pass",
        action="store_true",
        help="also train a second pass that sees the first pass's tags to the right",
    )
    trainer.add_argument("-o", "--output", default=str(BUNDLED_MODEL), help="where to write the model")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        sentences = list(read_conllu_sentences(args.train))
        dev = list(read_conllu(args.dev)) if args.dev else None
    except ConlluError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    words = sum(len(s.words) for s in sentences)
    print(f"training on {len(sentences)} sentences ({words} words) from {args.train}", flush=True)

    def report(step: IterationReport) -> None:
        dev_part = f", dev accuracy {step.dev_accuracy:.4f}" if step.dev_accuracy is not None else ""
        stage = "" if step.stage == 1 else "second pass, "
        print(f"{stage}iteration {step.iteration}/{args.iterations}: {step.seconds:.1f} s{dev_part}", flush=True)

    tagger = train(
        sentences,
        iterations=args.iterations,
        seed=args.seed,
        dev=dev,
        report=report,
        second_pass=args.second_pass or None,
    )
    tagger.info.update({"train": Path(args.train).name, "sentences": len(sentences), "words": words})
    save_model(tagger, args.output)
    if dev is not None:
        print(f"dev accuracy {evaluate(tagger, dev).accuracy:.4f}", flush=True)
    size = Path(args.output).stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
