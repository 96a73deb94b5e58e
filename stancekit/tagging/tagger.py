"""The perceptron tagger and its model file.

Tagging is greedy, left to right: each word is tagged seeing the tags already given to the
words before it. A second pass (when the model has one) tags the sentence again, left to
right, seeing also the tags the first pass gave the word and the two words after it.
Frequent words that (nearly) always had one tag in training take it from a tag dictionary
without being scored, which is both faster and at least as accurate. A word's own features
(its spelling, classes, suffixes) are scored once per word form and the sums kept.

The model file is gzipped JSON (never pickle: loading it runs no code), with the weights of
each feature as a flat list `[class, weight, class, weight, ...]` to keep it small.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stancekit.tagging.features import (
    END,
    START,
    FeatureExtractor,
    Position,
    normalise_word,
    with_first_pass,
    with_history,
)
from stancekit.tagging.perceptron import AveragedPerceptron
from stancekit.tagging.tags import UPOS_TAGS

#: The `format` field of a model file; a reader refuses other formats rather than misread them.
MODEL_FORMAT = "stancekit-perceptron-tagger/2"
#: Windows of words whose tags a tagger keeps, per pass (about 200 bytes each).
KNOWN_WINDOWS_KEPT = 30_000
#: Word forms whose own features' sums a tagger keeps, per pass (about 200 bytes each).
OWN_SUMS_KEPT = 30_000
#: Where the bundled model lives, inside the package so that it ships in the wheel.
BUNDLED_MODEL = Path(__file__).resolve().parent / "model" / "en-ewt-upos.json.gz"


class _Scorer:
    """What one pass of a tagger picks tags with: its weights, packed for adding up when they
    can be (see `PackedWeights`), and the sums of each word form's own features (its spelling,
    classes, suffixes), which do not change once trained, for up to `OWN_SUMS_KEPT` forms."""

    __slots__ = ("own_scores", "own_sums", "perceptron")

    def __init__(self, perceptron: AveragedPerceptron):
        self.perceptron = perceptron
        self.own_sums: dict[str, int] = {}
        self.own_scores: dict[str, list[float]] = {}
        perceptron.packed()  # packed now, so that a pickled tagger keeps them packed

    def best(self, form: str, own: Sequence[str], features: Sequence[str]) -> int:
        """The index of the best tag for a word of that `form`, `own` features and other
        `features`: from the packed sums, or the float ones where those tie or cannot be had."""
        packed = self.perceptron.packed()
        if packed is not None:
            base = self.own_sums.get(form)
            if base is None:
                base = packed.sum(own)
                if len(self.own_sums) < OWN_SUMS_KEPT:
                    self.own_sums[form] = base
            best = packed.best(packed.sum(features, base))
            if best is not None:
                return best
        scores = self.perceptron.scores(features, self._own_scores(form, own))
        return scores.index(max(scores))

    def _own_scores(self, form: str, own: Sequence[str]) -> list[float]:
        found = self.own_scores.get(form)
        if found is None:
            found = self.perceptron.scores(own)
            if len(self.own_scores) < OWN_SUMS_KEPT:
                self.own_scores[form] = found
        return found


class ModelError(ValueError):
    """A model file that is missing, unreadable or not a tagger model of this format."""


class PerceptronTagger:
    """A greedy averaged-perceptron UPOS tagger (satisfies the `Tagger` protocol)."""

    def __init__(
        self,
        perceptron: AveragedPerceptron,
        tagdict: Mapping[str, str],
        ambiguity: Mapping[str, str],
        tags: Sequence[str] = UPOS_TAGS,
        name: str = "perceptron",
        info: Mapping[str, Any] | None = None,
        second: AveragedPerceptron | None = None,
    ):
        self.name = name
        self.tags = tuple(tags)
        self.perceptron = perceptron
        self.second = second
        self.tagdict = dict(tagdict)
        self.ambiguity = dict(ambiguity)
        self.info = dict(info or {})
        self.features = FeatureExtractor(self.ambiguity)
        self._scorer = _Scorer(perceptron)
        self._scorer_second = _Scorer(second) if second is not None else None
        self._index = {tag: i for i, tag in enumerate(self.tags)}
        # The tag each pass gave a word in a known window of five words and with known tags
        # before it (and, in the second pass, after it): they are all its features see.
        self._known_windows: dict[tuple, str] = {}
        self._known_windows_second: dict[tuple, str] = {}

    def tag(self, words: Sequence[str]) -> list[str]:
        """One UPOS tag per word."""
        if not words:
            return []
        return self.tag_forms([normalise_word(w) for w in words])

    def tag_forms(
        self, forms: Sequence[str], gold: Sequence[str] | None = None, features: FeatureExtractor | None = None
    ) -> list[str]:
        """Tag words already normalised: the first pass, then the second if the model has one.
        With `gold`, train the first pass on the sentence as it goes (one perceptron update per
        word not in the tag dictionary). Training passes the `features` of the sentence's fold
        (see training.py)."""
        if gold is None and features is None:
            return self._tag_with_known_windows(forms)
        positions = (features or self.features).static(forms)
        first = self._tag(forms, positions, self.perceptron, self._scorer, gold)
        if self.second is None or gold is not None:
            return first
        return self._tag(forms, positions, self.second, self._scorer_second, None, first)

    def second_pass(
        self,
        forms: Sequence[str],
        first: Sequence[str],
        positions: list[Position],
        gold: Sequence[str],
        perceptron: AveragedPerceptron,
    ) -> list[str]:
        """Train the second-pass `perceptron` on a sentence, given the tags a first pass gave it."""
        return self._tag(forms, positions, perceptron, None, gold, first)

    def _tag_with_known_windows(self, forms: Sequence[str]) -> list[str]:
        """Tag words already normalised, as `tag_forms` does, without scoring a word again in a
        window of five words and after tags it has been scored in before: a word's features
        are those of the window and of the tags around it, so the tag is the same. Repeated
        text (tables, boilerplate, a page dumped again and again) is then tagged at the cost
        of a look-up; the features of a position are only worked out when it is scored."""
        return _Stretches(self, forms).tags(0, len(forms))

    def tags_read_lazily(self, words: Sequence[str]) -> Sequence[str]:
        """The tags `tag(words)` gives, each stretch of them worked out when first read.

        The tagger reads a word's neighbours up to two words away and the two tags before it,
        and a word of the tag dictionary always takes its one tag: after two such words ("of
        the") the tags that follow are the same whatever came before. A stretch is tagged
        from the last such pair before it, so reading a few tags of a long text (a document
        searched back from a finding) costs the stretches read, not the whole text."""
        return LazyTags(_Stretches(self, [normalise_word(w) for w in words]))

    def _known_pass(
        self,
        forms: Sequence[str],
        window: list,
        positions: list[Position | None],
        padded: tuple,
        scorer: _Scorer,
        known: dict[tuple, str],
        first: Sequence[str | None] | None,
        stretch: tuple[int, int, tuple[str, str]] | None = None,
    ) -> list[str]:
        """One greedy pass of `_tag_with_known_windows` (the second when given the `first` pass's
        tags, by position), over the `stretch` (start, stop, the two tags before start) of
        `forms`, all of them when None (a stretch's `first` holds the end's stand-ins after
        the last word's tag)."""
        tagdict = self.tagdict
        names = self.tags
        position_of = self.features.position
        best_of = scorer.best
        # a stretch is given the first pass's tags with the end's stand-ins after them already
        ahead = first if stretch is not None else [*first, *END] if first is not None else None
        start, stop, (prev, prev2) = stretch or (0, len(forms), START)
        out: list[str] = []
        for i in range(start, stop):
            form = forms[i]
            tag = tagdict.get(form)
            if tag is None:
                # one flat tuple: a window nested in the key took a third more memory
                key = (
                    (*padded[i : i + 5], prev, prev2)
                    if ahead is None
                    else (*padded[i : i + 5], prev, prev2, ahead[i], ahead[i + 1], ahead[i + 2])
                )
                tag = known.get(key)
                if tag is None:
                    position = positions[i]
                    if position is None:
                        position = positions[i] = position_of(window, i)
                    own, *rest = position
                    if ahead is None:
                        features = with_history(*rest, prev, prev2)
                    else:
                        features = with_first_pass(*rest, prev, prev2, ahead[i], ahead[i + 1], ahead[i + 2])
                    tag = names[best_of(form, own, features)]
                    if len(known) >= KNOWN_WINDOWS_KEPT:
                        known.clear()  # windows met again are mostly near each other: keep the latest
                    known[key] = tag
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def _tag(
        self,
        forms: Sequence[str],
        positions: list[Position],
        perceptron: AveragedPerceptron,
        scorer: _Scorer | None,
        gold: Sequence[str] | None,
        first: Sequence[str] | None = None,
    ) -> list[str]:
        """One greedy pass (the second when given the `first` pass's tags). Tagging (no `gold`)
        picks tags with the `scorer` of the pass; training, with the `perceptron` it updates."""
        tagdict = self.tagdict
        names = self.tags
        ahead = [*first, *END] if first is not None else None
        prev, prev2 = START
        out: list[str] = []
        for i, form in enumerate(forms):
            tag = tagdict.get(form)
            if tag is None:
                own, *rest = positions[i]
                if ahead is None:
                    features = with_history(*rest, prev, prev2)
                else:
                    features = with_first_pass(*rest, prev, prev2, ahead[i], ahead[i + 1], ahead[i + 2])
                if gold is not None or scorer is None:
                    features += own
                    guess = perceptron.predict(features)
                    if gold is not None:
                        perceptron.update(self._index[gold[i]], guess, features)
                else:
                    guess = scorer.best(form, own, features)
                tag = names[guess]
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def to_json(self, weights: Mapping[str, Mapping[int, float]] | None = None) -> dict[str, Any]:
        """The model file's content; `weights` default to the perceptron's current ones."""
        weights = self.perceptron.weights if weights is None else weights
        data = {
            "format": MODEL_FORMAT,
            "name": self.name,
            "tags": list(self.tags),
            "info": self.info,
            "tagdict": dict(sorted(self.tagdict.items())),
            "ambiguity": dict(sorted(self.ambiguity.items())),
            "weights": _flatten(weights),
        }
        if self.second is not None:
            data["second_weights"] = _flatten(self.second.weights)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PerceptronTagger:
        if not isinstance(data, Mapping) or data.get("format") != MODEL_FORMAT:
            raise ModelError(f"not a tagger model of format {MODEL_FORMAT}")
        tags = tuple(data["tags"])
        perceptron = AveragedPerceptron(len(tags))
        perceptron.weights = _unflatten(data["weights"])
        second = None
        if "second_weights" in data:
            second = AveragedPerceptron(len(tags))
            second.weights = _unflatten(data["second_weights"])
        name = data.get("name", "perceptron")
        return cls(perceptron, data["tagdict"], data["ambiguity"], tags, name, data["info"], second)


def _flatten(weights: Mapping[str, Mapping[int, float]]) -> dict[str, list[float]]:
    """Each feature's weights as `[class, weight, class, weight, ...]`, in a fixed order."""
    return {
        feature: [x for cls in sorted(weights[feature]) for x in (cls, weights[feature][cls])]
        for feature in sorted(weights)
    }


def _unflatten(flat_weights: Mapping[str, list[float]]) -> dict[str, dict[int, float]]:
    return {
        feature: {int(flat[i]): float(flat[i + 1]) for i in range(0, len(flat), 2)}
        for feature, flat in flat_weights.items()
    }


def save_model(tagger: PerceptronTagger, path: str | Path, weights: Mapping[str, Mapping[int, float]] | None = None):
    """Write the model as gzipped JSON, without a time or file name in the gzip header, so that
    the same model gives the same bytes."""
    text = json.dumps(tagger.to_json(weights), ensure_ascii=False, separators=(",", ":"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as stream,
    ):
        stream.write(text.encode("utf-8"))


def load_model(path: str | Path = BUNDLED_MODEL) -> PerceptronTagger:
    """Read a model written by `save_model`."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read the tagger model {path}: {exc}") from None
    try:
        return PerceptronTagger.from_json(data)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"{path}: not a valid tagger model ({exc})") from None


#: How many tags past the one read a stretch of `LazyTags` works out at once.
STRETCH = 64


class _Stretches:
    """One text's words, normalised, and the tags of both passes worked out so far (None where
    not yet), with what tagging stretches of them shares: the window of each word's lexical
    entries and the static features of the positions scored so far."""

    def __init__(self, tagger: PerceptronTagger, forms: Sequence[str]):
        self.tagger = tagger
        self.forms = forms
        self.window = tagger.features.window(forms)
        self.positions: list[Position | None] = [None] * len(forms)
        self.padded = (0, 1, *forms, 2, 3)  # the stand-ins around a sentence are no word form
        self.first: list[str | None] = [*([None] * len(forms)), *END]
        self.final: list[str | None] = [None] * len(forms)

    def tags(self, start: int, stop: int) -> list[str]:
        """The tags of forms[start:stop]; `start` is 0 or a `_known_state`."""
        self._tag(start, stop)
        return self.final[start:stop]  # type: ignore[return-value]

    def tag_around(self, position: int) -> None:
        """Work out the tags from the last known state before `position` to `STRETCH` after it."""
        self._tag(self._known_state(position), min(len(self.forms), position + STRETCH))

    def _known_state(self, position: int) -> int:
        """The last position at or before `position` after which both passes' tags are what a
        tagging of the whole text gives them: the start; after two tags worked out already;
        after two words of the tag dictionary (each pass gives those their one tag)."""
        tagdict = self.tagger.tagdict
        forms, first, final = self.forms, self.first, self.final
        for i in range(position, 1, -1):
            if None not in (final[i - 1], final[i - 2], first[i - 1], first[i - 2]):
                return i
            if forms[i - 1] in tagdict and forms[i - 2] in tagdict:
                return i
        return 0

    def _state(self, tags: list[str | None], start: int) -> tuple[str, str]:
        """(the tag before `start`, the one before it) in one pass, `start` being a `_known_state`."""
        if start == 0:
            return START
        tagdict, forms = self.tagger.tagdict, self.forms
        before = [tags[k] or tagdict[forms[k]] for k in (start - 1, start - 2)]
        return before[0], before[1]

    def _tag(self, start: int, stop: int) -> None:
        tagger, forms = self.tagger, self.forms
        # the second pass reads the first pass's tags up to two words on
        first_stop = stop if tagger.second is None else min(len(forms), stop + 2)
        common = (forms, self.window, self.positions, self.padded)
        self.first[start:first_stop] = tagger._known_pass(
            *common, tagger._scorer, tagger._known_windows, None, (start, first_stop, self._state(self.first, start))
        )
        if tagger._scorer_second is None:  # no second pass
            self.final[start:stop] = self.first[start:stop]
            return
        self.final[start:stop] = tagger._known_pass(
            *common,
            tagger._scorer_second,
            tagger._known_windows_second,
            self.first,
            (start, stop, self._state(self.final, start)),
        )


class LazyTags(Sequence[str]):
    """A text's tags, a stretch tagged when one of its tags is first read (see
    `PerceptronTagger.tags_read_lazily`)."""

    def __init__(self, stretches: _Stretches):
        self._stretches = stretches

    def __len__(self) -> int:
        return len(self._stretches.final)

    def __getitem__(self, position):  # an int or a slice, as a list takes
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        final = self._stretches.final
        tag = final[position]
        if tag is None:
            self._stretches.tag_around(position if position >= 0 else position + len(final))
            tag = final[position]
        return tag
