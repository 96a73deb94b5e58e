"""The averaged perceptron: a linear model over string features, trained one mistake at a time.

Averaging (Collins 2002) keeps, for every weight, the sum of its values over all training
steps, so the final weights are the average over training rather than the last values: far
less sensitive to the order of the last sentences seen. Sums are updated lazily, with the
step each weight last changed, so an update costs as many operations as there are features.

Classes are small integers (indices into the tag set): scores are a list, not a dict.
"""

from __future__ import annotations

from collections.abc import Iterable


class AveragedPerceptron:
    """Weights `feature -> {class index: weight}` and the running sums that average them."""

    def __init__(self, n_classes: int):
        self.n_classes = n_classes
        self.weights: dict[str, dict[int, float]] = {}
        self._totals: dict[tuple[str, int], float] = {}
        self._stamps: dict[tuple[str, int], int] = {}
        self.instances = 0

    def scores(self, features: Iterable[str], start: list[float] | None = None) -> list[float]:
        """The score of each class: the sum of the features' weights (added to `start`'s)."""
        scores = [0.0] * self.n_classes if start is None else start.copy()
        get = self.weights.get
        for feature in features:
            weights = get(feature)
            if weights:
                for cls, weight in weights.items():
                    scores[cls] += weight
        return scores

    def predict(self, features: Iterable[str]) -> int:
        """The best-scoring class; ties go to the lower index, so predictions are reproducible."""
        scores = self.scores(features)
        return scores.index(max(scores))

    def update(self, truth: int, guess: int, features: Iterable[str]) -> None:
        """One training step: move weight from the guessed class to the true one if they differ."""
        self.instances += 1
        if truth == guess:
            return
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row is None:
                row = weights[feature] = {}
            self._bump(feature, row, truth, 1.0)
            self._bump(feature, row, guess, -1.0)

    def _bump(self, feature: str, row: dict[int, float], cls: int, delta: float) -> None:
        key = (feature, cls)
        value = row.get(cls, 0.0)
        self._totals[key] = self._totals.get(key, 0.0) + (self.instances - self._stamps.get(key, 0)) * value
        self._stamps[key] = self.instances
        row[cls] = value + delta

    def averaged(self) -> dict[str, dict[int, float]]:
        """The averaged weights, leaving the training state as it is (to score dev sets between
        iterations and go on training)."""
        instances = max(self.instances, 1)
        totals = self._totals
        stamps = self._stamps
        out: dict[str, dict[int, float]] = {}
        for feature, row in self.weights.items():
            averaged = {}
            for cls, value in row.items():
                key = (feature, cls)
                total = totals.get(key, 0.0) + (instances - stamps.get(key, 0)) * value
                mean = total / instances
                if mean:
                    averaged[cls] = mean
            if averaged:
                out[feature] = averaged
        return out


def prune(weights: dict[str, dict[int, float]], threshold: float, digits: int) -> dict[str, dict[int, float]]:
    """Weights rounded to `digits` decimals without those smaller than `threshold`, and without
    features left with no weight: most features of a trained model are seen once or twice and
    barely move a score, so this shrinks the model file several times at no measurable cost."""
    out: dict[str, dict[int, float]] = {}
    for feature, row in weights.items():
        kept = {cls: round(w, digits) for cls, w in row.items() if abs(w) >= threshold}
        if kept:
            out[feature] = kept
    return out
