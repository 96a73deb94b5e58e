"""The averaged perceptron: a linear model over string features, trained one mistake at a time.

Averaging (Collins 2002) keeps, for every weight, the sum of its values over all training
steps, so the final weights are the average over training rather than the last values: far
less sensitive to the order of the last sentences seen. Sums are updated lazily, with the
step each weight last changed, so an update costs as many operations as there are features.

Classes are small integers (indices into the tag set): scores are a list, not a dict.

Tagging, which reads the weights many times and never changes them, adds them up packed into
integers (see `PackedWeights`), a few times faster than adding floats one class at a time.
Once packed, the weights are kept only packed, in a third of the memory, and made again as
floats when asked for (to train on or to save).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping

#: The most features a packed sum may add up (its start's included); a tagger adds a few
#: dozen. `PackedWeights.of` packs only weights whose sums of that many are exact.
MAX_TERMS = 1000
#: Bits each class has in a packed sum (read back as struct's `I`).
FIELD_BITS = 32
#: The most decimal places a weight may have to be packed (a trained model's have 3).
MAX_DIGITS = 6
#: The bias of each field of a packed sum: its sum reads field - _HALF_FIELD.
_HALF_FIELD = 1 << (FIELD_BITS - 1)


class AveragedPerceptron:
    """Weights `feature -> {class index: weight}` and the running sums that average them."""

    def __init__(self, n_classes: int):
        self.n_classes = n_classes
        self._weights: dict[str, dict[int, float]] | None = {}  # None: only packed
        self._totals: dict[tuple[str, int], float] = {}
        self._stamps: dict[tuple[str, int], int] = {}
        self.instances = 0
        self._packed: PackedWeights | None = None
        self._packed_stale = True

    @property
    def weights(self) -> dict[str, dict[int, float]]:
        """Each feature's weights, by class (only the classes it has a weight for). Whoever
        takes them may change them, so they are packed again before tagging reads them."""
        if self._weights is None:
            assert self._packed is not None
            self._weights = self._packed.unpacked()
        self._packed_stale = True
        return self._weights

    @weights.setter
    def weights(self, weights: dict[str, dict[int, float]]) -> None:
        self._weights = weights
        self._packed_stale = True

    def packed(self) -> PackedWeights | None:
        """The weights packed for tagging, packed again on the first call after they change;
        None when they cannot be (see `PackedWeights.of`): then `scores` it is."""
        if self._packed_stale:
            assert self._weights is not None  # only a packing leaves them out, and it is fresh
            self._packed = PackedWeights.of(self._weights, self.n_classes)
            self._packed_stale = False
            if self._packed is not None:
                self._weights = None
        return self._packed

    def scores(self, features: Iterable[str], start: list[float] | None = None) -> list[float]:
        """The score of each class: the sum of the features' weights (added to `start`'s)."""
        if self._weights is None:
            assert self._packed is not None
            return self._packed.float_scores(features, start)
        scores = [0.0] * self.n_classes if start is None else start.copy()
        get = self._weights.get
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


class PackedWeights:
    """A perceptron's weights for tagging: each feature's weights as whole units (thousandths,
    for a trained model), all its classes packed in one integer, `FIELD_BITS` bits each, so
    that adding up a word's features takes one integer addition each, where floats take one
    per class. A packed sum starts from a bias of half a field in every class, so that no
    class's sum borrows from the next.

    The class with the best packed sum is the one the float sums of `AveragedPerceptron.scores`
    give: a float sum of n weights of at most W is off the sum of the weights' decimal values
    by less than n(n+1)W/2**53 (each weight is the float nearest its decimal value, and each
    of the n additions rounds a sum of at most nW), which `of` checks is less than half a unit
    for `MAX_TERMS` features; so classes whose sums differ by a unit are in the same order as
    floats. Where classes share the best sum, the floats' rounding breaks the tie: `best`
    says so, and the floats decide."""

    __slots__ = ("_bias", "_bytes", "_n_classes", "_rows", "_unit", "_unpack")

    def __init__(self, rows: dict[str, int], n_classes: int, unit: int):
        self._rows = rows
        self._n_classes = n_classes
        self._unit = unit
        self._bias = sum(_HALF_FIELD << (FIELD_BITS * cls) for cls in range(n_classes))
        self._bytes = FIELD_BITS // 8 * n_classes
        self._unpack = struct.Struct(f"<{n_classes}I").unpack

    def __reduce__(self) -> tuple:
        return (PackedWeights, (self._rows, self._n_classes, self._unit))  # a struct.Struct does not pickle

    @classmethod
    def of(cls, weights: Mapping[str, Mapping[int, float]], n_classes: int) -> PackedWeights | None:
        """`weights` packed, or None if they cannot be exactly: some weight is not a whole
        number of units for up to `MAX_DIGITS` decimal places, or so large that a sum of
        `MAX_TERMS` might not fit in a field or keep the floats' order."""
        values = [w for row in weights.values() for w in row.values()]
        largest = max(map(abs, values), default=0.0)
        unit = _unit(values)
        if unit is None:
            return None
        largest_units = round(largest * unit)
        if MAX_TERMS * largest_units >= _HALF_FIELD:
            return None
        if MAX_TERMS * (MAX_TERMS + 1) * largest * unit >= 2.0**52:  # twice the error < one unit
            return None
        rows = {feature: _packed_row(row, unit) for feature, row in weights.items()}
        return cls(rows, n_classes, unit)

    def sum(self, features: Iterable[str], start: int | None = None) -> int:
        """The packed sum of the features' weights, added to `start` (a packed sum) if given.
        Integers add up exactly in any order, so the builtin `sum` will do."""
        return sum(filter(None, map(self._rows.get, features)), self._bias if start is None else start)

    def best(self, total: int) -> int | None:
        """The class with the best packed sum `total`; None if classes share it."""
        sums = self._unpack(total.to_bytes(self._bytes, "little"))
        top = max(sums)
        return sums.index(top) if sums.count(top) == 1 else None

    def float_scores(self, features: Iterable[str], start: list[float] | None = None) -> list[float]:
        """`AveragedPerceptron.scores` from the packed rows: each weight is made again as the
        float it was packed from (whole units over the unit, the float nearest them) and added
        in the same order, so the sums are the same floats."""
        scores = [0.0] * self._n_classes if start is None else start.copy()
        unit = self._unit
        for row in filter(None, map(self._rows.get, features)):
            for cls, units in self._classes(row):
                scores[cls] += units / unit
        return scores

    def unpacked(self) -> dict[str, dict[int, float]]:
        """The float weights the rows were packed from."""
        unit = self._unit
        classes = self._classes
        return {feature: {cls: units / unit for cls, units in classes(row)} for feature, row in self._rows.items()}

    def _classes(self, row: int) -> list[tuple[int, int]]:
        """(class, whole units) for each class a packed row has a weight for."""
        fields = self._unpack((row + self._bias).to_bytes(self._bytes, "little"))
        return [(cls, field - _HALF_FIELD) for cls, field in enumerate(fields) if field != _HALF_FIELD]


def _unit(values: list[float]) -> int | None:
    """The fewest units in 1.0 (1, 10, ... 10**MAX_DIGITS) such that every value is the float
    nearest a whole number of them; None if there is none."""
    for digits in range(MAX_DIGITS + 1):
        unit = 10**digits
        if all(round(v * unit) / unit == v for v in values):
            return unit
    return None


def _packed_row(row: Mapping[int, float], unit: int) -> int:
    return sum(round(weight * unit) << (FIELD_BITS * cls) for cls, weight in row.items())


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
