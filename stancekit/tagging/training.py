"""Training the perceptron tagger from CoNLL-U sentences.

Deterministic: the sentences are shuffled before each iteration with a `random.Random(seed)`
of their own, and nothing else is random, so one seed and one corpus give one model.

The tag dictionary and the ambiguity classes are counted from the training sentences
before the perceptron sees them. The ambiguity classes the perceptron trains with are
jackknifed: the sentences are dealt into folds and each fold sees the classes counted on the
other folds only. Counted on all sentences, a rare word's class is exactly its gold tag in
training, and the model learns to trust the class of rare words far more than it deserves
on new text (measured: about 1.5 points of accuracy lost). The model keeps the classes counted
on all sentences, for tagging. A sentence and its hyphen-merged copy (below) always fall in
the same fold, so that neither tells the other's fold its words.

The second pass sees the tags the first pass gave the words to the right. It is trained on
the tags of first passes that never saw the sentence (stacking): the sentences are dealt
into `SECOND_PASS_FOLDS` folds, a first pass is trained on all folds but one and tags that
one, so the second pass learns from the mistakes a first pass makes on new text rather
than from the near-perfect tags it gives its own training sentences.

The treebank splits most hyphenated words (`long - term`) where stancekit keeps them whole,
so each training sentence with such a word is also given once more with the word merged
(`long-term`), tagged as the head of the merged words is, or ADJ where the merged word
modifies a noun (`long-term plan`, `state-run company`, `ill-fated trip`), as the Penn
Treebank tags such words and as they read when kept whole.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from stancekit.tagging.conllu import ConlluSentence
from stancekit.tagging.features import FeatureExtractor, normalise_word
from stancekit.tagging.perceptron import AveragedPerceptron, prune
from stancekit.tagging.tagger import PerceptronTagger
from stancekit.tagging.tags import UPOS_TAGS

#: Training settings of the bundled model.
DEFAULT_ITERATIONS = 8
DEFAULT_SEED = 7
#: A word goes into the tag dictionary when seen this often with one tag (or all but a
#: trace). Kept strict: a looser dictionary (Honnibal's 20 and 97%) measured worse on dev than
#: none, since the perceptron gets most of those words right and the others from context.
TAGDICT_MIN_COUNT = 50
TAGDICT_MIN_SHARE = 0.999
#: A word gets an ambiguity class when seen this often; a tag joins it at this share.
AMBIGUITY_MIN_COUNT = 1
AMBIGUITY_MIN_SHARE = 0.02
#: Folds of the jackknifed ambiguity classes.
FOLDS = 10
#: Whether to train a second pass, on how many folds the first passes that tag its training
#: sentences are trained, and for how many iterations each.
SECOND_PASS = False
SECOND_PASS_FOLDS = 5
SECOND_PASS_FOLD_ITERATIONS = 5
#: Weights smaller than this are dropped from the saved model, the rest rounded.
PRUNE_THRESHOLD = 0.01
PRUNE_DIGITS = 3


@dataclass(frozen=True, slots=True)
class IterationReport:
    """One pass over the training sentences: how long it took and the dev accuracy after it."""

    iteration: int
    seconds: float
    dev_accuracy: float | None
    stage: int = 1


Sentence = tuple[tuple[str, ...], tuple[str, ...]]  # normalised forms, gold tags


def merge_hyphens(sentence: ConlluSentence) -> list[tuple[str, str]] | None:
    """The sentence with words joined by hyphens written without spaces (`long`, `-`, `term`)
    merged into one word as stancekit's tokenizer keeps them; None when there are none."""
    words = sentence.words
    out: list[tuple[str, str]] = []
    merged = False
    i = 0
    while i < len(words):
        j = i
        while (
            j + 2 < len(words)
            and words[j + 1].form == "-"
            and not words[j].space_after
            and not words[j + 1].space_after
            and words[j].form[-1:].isalnum()
            and words[j + 2].form[:1].isalnum()
            and words[i].form[:1].isalpha()
        ):
            j += 2
        if j == i:
            out.append((words[i].form, words[i].upos))
            i += 1
            continue
        span = words[i : j + 1]
        inside = {w.index for w in span}
        heads = [w for w in span if w.head not in inside] or [span[-1]]
        head = heads[-1]
        upos = head.upos
        relation = head.deprel.split(":")[0]
        if relation == "amod" or (relation == "compound" and upos in ("NOUN", "ADJ", "VERB", "ADV")):
            upos = "ADJ"  # a merged modifier before a noun is an adjective, as in the Penn Treebank
        out.append(("".join(w.form for w in span), upos))
        merged = True
        i = j + 1
    return out if merged else None


def training_sentences(sentences: Iterable[ConlluSentence], hyphens: bool = True) -> list[Sentence]:
    """Normalised (forms, tags) of each sentence, plus the hyphen-merged copies."""
    return training_sentences_grouped(sentences, hyphens)[0]


def training_sentences_grouped(
    sentences: Iterable[ConlluSentence], hyphens: bool = True
) -> tuple[list[Sentence], list[int]]:
    """`training_sentences`, and for each the index of the treebank sentence it comes from, so
    that a sentence and its hyphen-merged copy always fall in the same fold."""
    out: list[Sentence] = []
    groups: list[int] = []
    for group, sentence in enumerate(sentences):
        pairs = [sentence.tagged()]
        if hyphens:
            merged = merge_hyphens(sentence)
            if merged:
                pairs.append(merged)
        for tagged in pairs:
            out.append((tuple(normalise_word(w) for w, _ in tagged), tuple(t for _, t in tagged)))
            groups.append(group)
    return out, groups


def count_tags(sentences: Iterable[Sentence]) -> tuple[dict[str, str], dict[str, str]]:
    """(tag dictionary, ambiguity classes) of the training sentences."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    lower_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for forms, tags in sentences:
        for form, tag in zip(forms, tags, strict=True):
            counts[form][tag] += 1
            lower_counts[form.lower()][tag] += 1
    tagdict = {}
    for form, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            tagdict[form] = tag
    ambiguity = {}
    for table in (lower_counts, counts):  # exact forms win over their lower case
        for form, tags in table.items():
            total = sum(tags.values())
            if total >= AMBIGUITY_MIN_COUNT:
                kept = sorted(t for t, n in tags.items() if n / total >= AMBIGUITY_MIN_SHARE)
                ambiguity[form] = "|".join(kept)
    return tagdict, ambiguity


def accuracy(tagger: PerceptronTagger, sentences: Iterable[Sequence[tuple[str, str]]]) -> float:
    right = total = 0
    for sentence in sentences:
        guesses = tagger.tag([w for w, _ in sentence])
        right += sum(g == t for g, (_, t) in zip(guesses, sentence, strict=True))
        total += len(sentence)
    return right / total if total else 0.0


def train(
    sentences: Iterable[ConlluSentence],
    iterations: int = DEFAULT_ITERATIONS,
    seed: int = DEFAULT_SEED,
    dev: Sequence[Sequence[tuple[str, str]]] | None = None,
    report: Callable[[IterationReport], None] | None = None,
    hyphens: bool = True,
    second_pass: bool | None = None,
) -> PerceptronTagger:
    """A tagger trained on `sentences`, its weights averaged and pruned.

    With `dev` (gold (word, tag) sentences), the accuracy of the averaged weights on it is
    measured after each iteration and passed to `report` with the time the iteration took.
    With `second_pass` (the default: `SECOND_PASS`), a second pass is trained after the first
    on the tags first passes trained without each sentence gave it (see the module's docstring).
    """
    data, groups = training_sentences_grouped(sentences, hyphens)
    second_pass = SECOND_PASS if second_pass is None else second_pass
    tagdict, ambiguity = count_tags(data)
    info = {"iterations": iterations, "seed": seed}
    first = _fit(data, groups, tagdict, ambiguity, info, iterations, seed, dev, report)
    if not second_pass:
        return first
    predicted: list[list[str]] = [[] for _ in data]
    for fold in range(SECOND_PASS_FOLDS):
        kept = [i for i in range(len(data)) if groups[i] % SECOND_PASS_FOLDS != fold]
        sub = [data[i] for i in kept]
        sub_tagdict, sub_ambiguity = count_tags(sub)
        model = _fit(
            sub, [groups[i] for i in kept], sub_tagdict, sub_ambiguity, info, SECOND_PASS_FOLD_ITERATIONS, seed
        )
        for i in range(len(data)):
            if groups[i] % SECOND_PASS_FOLDS == fold:
                predicted[i] = model.tag_forms(data[i][0])
    perceptron = AveragedPerceptron(len(UPOS_TAGS))
    folds = _fold_features(data, groups)

    def learn(i: int) -> None:
        forms, tags = data[i]
        first.second_pass(forms, predicted[i], folds[groups[i] % FOLDS].static(forms), tags, perceptron)

    def after(iteration: int, seconds: float) -> None:
        if report is not None:
            staged = _averaged(first, perceptron)
            report(IterationReport(iteration, seconds, accuracy(staged, dev) if dev is not None else None, 2))

    _epochs(len(data), iterations, seed + 1, learn, after)
    return _averaged(first, perceptron)


def _epochs(
    size: int, iterations: int, seed: int, learn: Callable[[int], None], after: Callable[[int, float], None]
) -> None:
    """`iterations` passes over sentences 0..size-1, in an order shuffled anew for each pass by
    a generator seeded with `seed` (so training is deterministic): `learn(i)` for each
    sentence, then `after(iteration, seconds)`."""
    shuffler = random.Random(seed)
    order = list(range(size))
    for iteration in range(1, iterations + 1):
        started = time.perf_counter()
        shuffler.shuffle(order)
        for i in order:
            learn(i)
        after(iteration, time.perf_counter() - started)


def _fold_features(data: Sequence[Sentence], groups: Sequence[int]) -> list[FeatureExtractor]:
    """One feature extractor per fold, its ambiguity classes counted without the fold."""
    folds = []
    for fold in range(FOLDS):
        _, held_out_ambiguity = count_tags(s for s, g in zip(data, groups, strict=True) if g % FOLDS != fold)
        folds.append(FeatureExtractor(held_out_ambiguity))
    return folds


def _fit(
    data: Sequence[Sentence],
    groups: Sequence[int],
    tagdict: dict[str, str],
    ambiguity: dict[str, str],
    info: dict,
    iterations: int,
    seed: int,
    dev: Sequence[Sequence[tuple[str, str]]] | None = None,
    report: Callable[[IterationReport], None] | None = None,
) -> PerceptronTagger:
    """The first pass trained on `data`, averaged and pruned."""
    perceptron = AveragedPerceptron(len(UPOS_TAGS))
    learner = PerceptronTagger(perceptron, tagdict, ambiguity, info=dict(info))
    folds = _fold_features(data, groups)

    def learn(i: int) -> None:
        forms, tags = data[i]
        learner.tag_forms(forms, gold=tags, features=folds[groups[i] % FOLDS])

    def after(iteration: int, seconds: float) -> None:
        if report is not None:
            dev_accuracy = accuracy(_averaged(learner), dev) if dev is not None else None
            report(IterationReport(iteration, seconds, dev_accuracy))

    _epochs(len(data), iterations, seed, learn, after)
    return _averaged(learner)


def _averaged(learner: PerceptronTagger, second: AveragedPerceptron | None = None) -> PerceptronTagger:
    """A tagger with the learner's averaged and pruned weights (the learner can go on training),
    and those of `second` as its second pass."""
    perceptron = AveragedPerceptron(len(learner.tags))
    perceptron.weights = prune(learner.perceptron.averaged(), PRUNE_THRESHOLD, PRUNE_DIGITS)
    averaged_second = None
    if second is not None:
        averaged_second = AveragedPerceptron(len(learner.tags))
        averaged_second.weights = prune(second.averaged(), PRUNE_THRESHOLD, PRUNE_DIGITS)
    return PerceptronTagger(
        perceptron, learner.tagdict, learner.ambiguity, learner.tags, learner.name, learner.info, averaged_second
    )
