"""Scoring a tagger against gold tags, on the gold's own tokens.

Tokenisation is taken from the gold file, so the score measures tagging alone; the same
function scores the bundled model, a plugin's tagger and the held-out checks of training.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stancekit.tagging.protocol import Tagger
from stancekit.tagging.tags import UPOS_TAGS


@dataclass(frozen=True, slots=True)
class TagScore:
    """One tag: how often gold has it, how often the tagger gave it, and how often both agree.

    `recall` (correct / gold) is the tag's accuracy in the `--eval` table; `precision`
    (correct / predicted) shows which tags the tagger hands out too freely."""

    tag: str
    gold: int
    predicted: int
    correct: int

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TagScores:
    """Overall accuracy and token count, and a `TagScore` per tag seen in gold or output."""

    tokens: int
    correct: int
    per_tag: tuple[TagScore, ...]
    sentences: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.tokens if self.tokens else 0.0

    def score(self, tag: str) -> TagScore:
        for entry in self.per_tag:
            if entry.tag == tag:
                return entry
        return TagScore(tag, 0, 0, 0)


def evaluate(tagger: Tagger, sentences: Iterable[Sequence[tuple[str, str]]]) -> TagScores:
    """Tag the words of each gold sentence ((word, UPOS) pairs) and compare with the gold tags."""
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    n_sentences = 0
    for sentence in sentences:
        n_sentences += 1
        words = [w for w, _ in sentence]
        guesses = tagger.tag(words)
        if len(guesses) != len(words):
            raise ValueError(f"tagger {tagger.name!r} gave {len(guesses)} tags for {len(words)} words")
        for guess, (_, tag) in zip(guesses, sentence, strict=True):
            gold[tag] += 1
            predicted[guess] += 1
            if guess == tag:
                correct[tag] += 1
    order = {tag: i for i, tag in enumerate(UPOS_TAGS)}
    tags = sorted(set(gold) | set(predicted), key=lambda t: (order.get(t, len(order)), t))
    per_tag = tuple(TagScore(t, gold[t], predicted[t], correct[t]) for t in tags)
    return TagScores(sum(gold.values()), sum(correct.values()), per_tag, n_sentences)
