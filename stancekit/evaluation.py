"""Scoring findings against gold annotations: recall, two precisions, F1, and what was missed.

Gold records are JSONL, one object a line::

    {"doc", "split", "date", "publisher", "polarity": "support" | "oppose",
     "cue", "actor": {"text", "start", "end"}, "topic": {"text", "start", "end"}}

with character offsets into the document's text. Findings are `Finding` objects or their
records (`Finding.to_dict()`, the lines of `stancekit scan --format jsonl`).

When a finding matches a gold record
------------------------------------
All of these must hold:

- **document**: the finding's `doc`, reduced to a file name (the part after the last ``/`` or
  ``\\``, without a final ``.txt``, ``.json``, ``.jsonl`` or ``.csv``), equals the gold
  record's `doc` as written. Gold documents are expected in that reduced form already; one
  that is not can never be matched, and `Evaluation.unreachable_docs` lists it;
- **sentence**: the finding's sentence span overlaps the gold record's *region*, which runs
  from the smaller of the actor and topic starts to the larger of their ends (the cue lies
  between them). Spans are half-open: touching ends do not overlap;
- **polarity**: the finding's polarity, in lower case, equals the gold polarity; for a finding
  on a concept, its `agreement` (its side on the concept) stands for its polarity;
- **actor**: the finding's actor span overlaps the gold actor span, or the finding's actor
  text, name and id together share a content word with the gold actor text;
- **topic**: the same test between the finding's topic and the gold topic.

A *content word* is a run of ASCII letters and digits, in lower case, that is not one of a
few function words and titles (`STOP_WORDS`: "the", "of", "he", "its", "mr" ...). So
"Sen. Warren" and "Warren" share a word, and "the plan" and "the vote" do not.

The figures
-----------
- **recall**: gold records matched by at least one finding, over all gold records;
- **judged** findings: those whose sentence overlaps the region of some gold record of their
  document, whatever its polarity. Only these can be told right or wrong with confidence;
- **correct** findings: judged findings that match a gold record (several findings may match
  the same record, and each counts);
- **precision_judged** = correct / judged: an upper estimate, blind to stances the gold
  does not cover;
- **precision_strict** = correct / findings in annotated documents (documents with at least
  one gold record): a lower bound, since the gold only covers some kinds of cue;
- **f1_strict**: the harmonic mean of precision_strict and recall.

Empty ratios are 0.0. These are the rules of the scorer that came with the PolNeAR gold
(`score_gold.py`); both print the same closing line, so their results can be compared by a
script: ``recall=R precision_judged=P precision_strict=S f1_strict=F``.
"""

from __future__ import annotations

import bisect
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from stancekit.findings import Finding, TextSpan
from stancekit.text.segment import Segmentation, segment

#: Words that never count as shared between a found mention and a gold one.
STOP_WORDS = frozenset(
    "the a an of to in on for and or with by at as is are was were be been that this "
    "he she it they we i you his her its their our my your who which mr mrs ms dr".split()
)
GOLD_POLARITIES = ("support", "oppose", "neutral")

_WORD_RE = re.compile(r"[a-z0-9]+")
_DOC_SUFFIX_RE = re.compile(r"\.(?:txt|json|jsonl|csv)$")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_NO_RULE = "(no rule)"


class EvaluationInputError(ValueError):
    """A gold or findings file that cannot be read: says which file and line."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}" if line is not None else f"{path}: {message}")


# --------------------------------------------------------------------------- matching rules


def doc_key(doc: Any) -> str:
    """The name a finding's document is compared by: the file name, without folders and
    without a final .txt/.json/.jsonl/.csv. ``"dev/text/a1.txt"`` and ``"a1"`` are both ``"a1"``."""
    name = str(doc or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _DOC_SUFFIX_RE.sub("", name)


def content_words(text: Any) -> frozenset[str]:
    """The lower-case letter-and-digit runs of `text` that are not in `STOP_WORDS`."""
    return frozenset(w for w in _WORD_RE.findall(str(text or "").lower()) if w not in STOP_WORDS)


def spans_overlap(start: int | None, end: int | None, other_start: int, other_end: int) -> bool:
    """Whether the half-open span [start, end) shares a position with [other_start, other_end).

    An unknown span (a missing start or end) overlaps nothing."""
    return start is not None and end is not None and start < other_end and other_start < end


def _names(mention: Mapping[str, Any] | None) -> str:
    mention = mention or {}
    return " ".join(str(mention.get(key) or "") for key in ("text", "name", "id"))


#: The actor or topic of a gold record: a piece of the document, as a finding's sentence is.
GoldMention = TextSpan


@dataclass(frozen=True)
class GoldRecord:
    """One annotated stance. `line` is where it was read (0 when built in Python)."""

    doc: str
    polarity: str
    actor: GoldMention
    topic: GoldMention
    cue: str | None = None
    date: str | None = None
    split: str | None = None
    publisher: str | None = None
    line: int = 0

    @property
    def region(self) -> tuple[int, int]:
        """From the first start to the last end of actor and topic: where the cue must be."""
        return min(self.actor.start, self.topic.start), max(self.actor.end, self.topic.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "split": self.split,
            "date": self.date,
            "publisher": self.publisher,
            "polarity": self.polarity,
            "cue": self.cue,
            "actor": self.actor.to_dict(),
            "topic": self.topic.to_dict(),
        }


def mention_matches(found: Mapping[str, Any] | None, gold: GoldMention) -> bool:
    """A found actor or topic names the gold one: the spans overlap, or the found text, name
    and id share a content word with the gold text."""
    found = found or {}
    if spans_overlap(found.get("start"), found.get("end"), gold.start, gold.end):
        return True
    return bool(content_words(_names(found)) & content_words(gold.text))


def _as_record(finding: Finding | Mapping[str, Any]) -> Mapping[str, Any]:
    return finding.to_dict() if isinstance(finding, Finding) else finding


def _span_of(part: Any) -> tuple[Any, Any]:
    part = part or {}
    return part.get("start"), part.get("end")


def sentence_covers(finding: Finding | Mapping[str, Any], gold: GoldRecord) -> bool:
    """The finding's sentence overlaps the gold record's region (same document assumed)."""
    start, end = _span_of(_as_record(finding).get("sentence"))
    return spans_overlap(start, end, *gold.region)


def polarity_of(finding: Finding | Mapping[str, Any]) -> str:
    """The finding's polarity as compared with gold, in lower case: its agreement when it is on
    a concept (a coder codes the side on the concept), else its polarity."""
    record = _as_record(finding)
    return str(record.get("agreement") or record.get("polarity", "")).lower()


def finding_matches(finding: Finding | Mapping[str, Any], gold: GoldRecord) -> bool:
    """All the conditions of the module documentation, the document included."""
    record = _as_record(finding)
    return (
        doc_key(record.get("doc")) == gold.doc
        and sentence_covers(record, gold)
        and polarity_of(record) == gold.polarity
        and mention_matches(record.get("actor"), gold.actor)
        and mention_matches(record.get("topic"), gold.topic)
    )


# --------------------------------------------------------------------------- reading files


def _numbered_lines(path: str | Path, stream: TextIO | None = None) -> Iterator[tuple[int, str]]:
    """(line number, line) of a UTF-8 file, streamed. Lines end at \\n, \\r\\n or \\r, as Python's
    text files count them; a byte that is not UTF-8 is an error naming its line."""
    where = str(path)
    if stream is not None:
        for number, line in enumerate(stream, 1):
            yield number, line.rstrip("\r\n")
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, and errors must name the file
    except OSError as exc:
        raise EvaluationInputError(where, None, f"cannot read: {exc.strerror or exc}") from None
    number = 0
    with handle:
        try:
            for raw in handle:
                try:
                    text = raw.decode("utf-8-sig" if number == 0 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise EvaluationInputError(
                        where, number + 1, f"not UTF-8 (byte {raw[exc.start]:#04x} at column {exc.start + 1})"
                    ) from None
                pieces = _LINE_BREAK_RE.split(text)
                if pieces[-1] == "":
                    pieces.pop()
                for piece in pieces:
                    number += 1
                    yield number, piece
        except OSError as exc:
            raise EvaluationInputError(where, number + 1, f"cannot read: {exc.strerror or exc}") from None


def _json_objects(path: str | Path, what: str, stream: TextIO | None = None) -> Iterator[tuple[int, dict]]:
    for number, line in _numbered_lines(path, stream):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationInputError(str(path), number, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
        if isinstance(value, list) and what == "finding":
            raise EvaluationInputError(
                str(path),
                number,
                "a JSON array; findings are read as JSONL, one object a line (stancekit scan --format jsonl)",
            )
        if not isinstance(value, dict):
            raise EvaluationInputError(str(path), number, f"a {what} must be a JSON object, not {type(value).__name__}")
        yield number, value


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _gold_mention(record: dict, key: str) -> GoldMention | str:
    mention = record.get(key)
    if not isinstance(mention, dict):
        return f"'{key}' must be an object with text, start and end"
    text, start, end = mention.get("text"), mention.get("start"), mention.get("end")
    if not isinstance(text, str):
        return f"'{key}.text' must be a string"
    if not _is_offset(start) or not _is_offset(end):
        return f"'{key}.start' and '{key}.end' must be character offsets (integers from 0)"
    if start > end:
        return f"'{key}' starts after it ends ({start} > {end})"
    return GoldMention(text, start, end)


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def gold_record(record: Mapping[str, Any], line: int = 0) -> GoldRecord:
    """A gold record from its JSON object; `ValueError` says what is wrong with it."""
    record = dict(record)
    doc = record.get("doc")
    if not isinstance(doc, str) or not doc:
        raise ValueError("'doc' must be a non-empty string (the document's file name without extension)")
    polarity = record.get("polarity")
    if polarity not in GOLD_POLARITIES:
        raise ValueError(f"'polarity' must be one of {', '.join(GOLD_POLARITIES)}, not {polarity!r}")
    mentions = {}
    for key in ("actor", "topic"):
        mention = _gold_mention(record, key)
        if isinstance(mention, str):
            raise ValueError(mention)
        mentions[key] = mention
    cue = record.get("cue")
    if cue is not None and not isinstance(cue, str):
        raise ValueError("'cue' must be a string")
    return GoldRecord(
        doc=doc,
        polarity=polarity,
        actor=mentions["actor"],
        topic=mentions["topic"],
        cue=cue,
        date=_optional_str(record.get("date")),
        split=_optional_str(record.get("split")),
        publisher=_optional_str(record.get("publisher")),
        line=line,
    )


def iter_gold(path: str | Path) -> Iterator[GoldRecord]:
    """Stream the gold records of a JSONL file; blank lines are skipped.

    Raises `EvaluationInputError` (with the file and line) for a line that is not a JSON
    object or misses a field the matching needs."""
    for number, value in _json_objects(path, "gold record"):
        try:
            yield gold_record(value, number)
        except ValueError as exc:
            raise EvaluationInputError(str(path), number, str(exc)) from None


def load_gold(path: str | Path) -> list[GoldRecord]:
    return list(iter_gold(path))


def check_finding(record: Mapping[str, Any]) -> None:
    """Raise `ValueError` when a finding record has a part the matching cannot read.

    Parts may be missing (such a finding matches nothing), but sentence, actor and topic must
    be objects when present, and their offsets integers."""
    for key in ("sentence", "actor", "topic", "rule"):
        part = record.get(key)
        if part is None:
            continue
        if not isinstance(part, dict):
            raise ValueError(f"'{key}' must be an object, not {type(part).__name__}")
        if key == "rule":
            continue
        for end in ("start", "end"):
            value = part.get(end)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError(f"'{key}.{end}' must be an integer offset, not {value!r}")


def iter_findings(path: str | Path, stream: TextIO | None = None) -> Iterator[dict[str, Any]]:
    """Stream the finding records of a JSONL file (as `stancekit scan --format jsonl` writes
    them); `stream` reads an open text stream instead, `path` then only names it."""
    for number, value in _json_objects(path, "finding", stream):
        try:
            check_finding(value)
        except ValueError as exc:
            raise EvaluationInputError(str(path), number, str(exc)) from None
        yield value


# --------------------------------------------------------------------------- results


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class _Precision:
    """Precision over the judged findings and over all findings in annotated documents, from
    the counts `correct`, `judged` and `in_annotated`: the same for the whole run, for one
    polarity and for one rule."""

    @property
    def precision_judged(self) -> float:
        return _ratio(self.correct, self.judged)  # type: ignore[attr-defined]

    @property
    def precision_strict(self) -> float:
        return _ratio(self.correct, self.in_annotated)  # type: ignore[attr-defined]


class _Recall:
    """Recall of the gold records, from the counts `matched_gold` and `gold`."""

    @property
    def recall(self) -> float:
        return _ratio(self.matched_gold, self.gold)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Scores(_Recall, _Precision):
    """The overall figures."""

    gold: int
    matched_gold: int
    findings: int
    in_annotated: int
    judged: int
    correct: int

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision_strict, self.recall)

    def summary_line(self) -> str:
        return (
            f"recall={self.recall:.3f} precision_judged={self.precision_judged:.3f} "
            f"precision_strict={self.precision_strict:.3f} f1_strict={self.f1_strict:.3f}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "matched_gold": self.matched_gold,
            "findings": self.findings,
            "in_annotated": self.in_annotated,
            "judged": self.judged,
            "correct": self.correct,
            "recall": self.recall,
            "precision_judged": self.precision_judged,
            "precision_strict": self.precision_strict,
            "f1_strict": self.f1_strict,
        }


@dataclass(frozen=True)
class PolarityScores(_Recall, _Precision):
    """One polarity: recall of its gold records, precision of the findings that claim it."""

    polarity: str
    gold: int
    matched_gold: int
    findings: int
    in_annotated: int
    judged: int
    correct: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "polarity": self.polarity,
            "gold": self.gold,
            "matched_gold": self.matched_gold,
            "findings": self.findings,
            "in_annotated": self.in_annotated,
            "judged": self.judged,
            "correct": self.correct,
            "recall": self.recall,
            "precision_judged": self.precision_judged,
            "precision_strict": self.precision_strict,
        }


@dataclass(frozen=True)
class RuleScores(_Precision):
    """One rule: its findings (all, and in annotated documents), how many were judged and
    correct, and how many gold records at least one of its findings matched."""

    rule: str
    findings: int
    in_annotated: int
    judged: int
    correct: int
    matched_gold: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "findings": self.findings,
            "in_annotated": self.in_annotated,
            "judged": self.judged,
            "correct": self.correct,
            "matched_gold": self.matched_gold,
            "precision_judged": self.precision_judged,
            "precision_strict": self.precision_strict,
        }


@dataclass(frozen=True)
class Miss:
    """A gold record no finding matched, with its sentence when the document text was given
    (from the start of the sentence where its region starts to the end of the one where it ends)."""

    gold: GoldRecord
    sentence: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.gold.to_dict(),
            "line": self.gold.line,
            "sentence": self.sentence.to_dict() if self.sentence else None,
        }


@dataclass(frozen=True)
class FalseFinding:
    """A judged finding that matches no gold record. `doc` is its document key."""

    doc: str
    record: Mapping[str, Any] = field(hash=False, compare=False)

    @property
    def sentence(self) -> str:
        return str((self.record.get("sentence") or {}).get("text") or "")

    def to_dict(self) -> dict[str, Any]:
        return dict(self.record)


@dataclass(frozen=True)
class Evaluation:
    """Everything `evaluate` measured. Misses are in gold order, false findings in the order
    of their documents' first findings, then of the findings."""

    scores: Scores
    by_polarity: tuple[PolarityScores, ...]
    by_rule: tuple[RuleScores, ...]
    misses: tuple[Miss, ...]
    false_findings: tuple[FalseFinding, ...]
    unreachable_docs: tuple[str, ...] = ()

    def summary_line(self) -> str:
        """``recall=R precision_judged=P precision_strict=S f1_strict=F``, three decimals."""
        return self.scores.summary_line()

    def to_dict(self, misses: int | None = None, false: int | None = None) -> dict[str, Any]:
        """The result as JSON-ready data; `misses` and `false` cap those lists (None: all)."""
        return {
            **self.scores.to_dict(),
            "by_polarity": [p.to_dict() for p in self.by_polarity],
            "by_rule": [r.to_dict() for r in self.by_rule],
            "misses_total": len(self.misses),
            "false_findings_total": len(self.false_findings),
            "misses": [m.to_dict() for m in self.misses[:misses]],
            "false_findings": [f.to_dict() for f in self.false_findings[:false]],
            "unreachable_docs": list(self.unreachable_docs),
            "summary": self.summary_line(),
        }


# --------------------------------------------------------------------------- evaluation


class _Found:
    """A finding record with what the matching reads from it, computed once."""

    __slots__ = ("actor", "key", "polarity", "record", "rule", "sentence", "topic")

    def __init__(self, record: Mapping[str, Any]):
        self.record = record
        self.key = doc_key(record.get("doc"))
        self.polarity = polarity_of(record)
        self.sentence = _span_of(record.get("sentence"))
        self.actor = _FoundMention(record.get("actor"))
        self.topic = _FoundMention(record.get("topic"))
        rule = record.get("rule") or {}
        self.rule = str(rule.get("id") or _NO_RULE)

    def covers(self, gold: GoldRecord) -> bool:
        return spans_overlap(*self.sentence, *gold.region)

    def matches(self, gold: GoldRecord, gold_words: tuple[frozenset[str], frozenset[str]]) -> bool:
        return (
            self.covers(gold)
            and self.polarity == gold.polarity
            and self.actor.matches(gold.actor, gold_words[0])
            and self.topic.matches(gold.topic, gold_words[1])
        )


class _FoundMention:
    __slots__ = ("end", "start", "words")

    def __init__(self, mention: Mapping[str, Any] | None):
        self.start, self.end = _span_of(mention)
        self.words = content_words(_names(mention))

    def matches(self, gold: GoldMention, gold_words: frozenset[str]) -> bool:
        return spans_overlap(self.start, self.end, gold.start, gold.end) or bool(self.words & gold_words)


class _Tally:
    """Findings, those in annotated documents, judged, correct."""

    __slots__ = ("annotated", "correct", "findings", "judged")

    def __init__(self):
        self.findings = self.annotated = self.judged = self.correct = 0

    def add(self, annotated: bool, judged: bool, correct: bool) -> None:
        self.findings += 1
        self.annotated += annotated
        self.judged += judged
        self.correct += correct

    def counts(self) -> tuple[int, int, int, int]:
        return self.findings, self.annotated, self.judged, self.correct


def _sentence_around(segmentation: Segmentation, text: str, region: tuple[int, int]) -> TextSpan | None:
    """The sentences the region overlaps, as one span of the text."""
    sentences = segmentation.sentences
    i = bisect.bisect_right([s.end for s in sentences], region[0])
    chosen = []
    while i < len(sentences) and sentences[i].start < region[1]:
        chosen.append(sentences[i])
        i += 1
    if not chosen:
        return None
    start, end = chosen[0].start, chosen[-1].end
    return TextSpan(text[start:end], start, end)


def _polarity_order(polarity: str) -> tuple[int, str]:
    known = ("support", "oppose", "neutral")
    return (known.index(polarity) if polarity in known else len(known), polarity)


def evaluate(
    gold: Iterable[GoldRecord],
    findings: Iterable[Finding | Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> Evaluation:
    """Score `findings` against `gold` (see the module documentation for the rules).

    `texts` maps document ids (or file names) to their texts; misses in those documents get
    their sentence. Finding records given as mappings are checked with `check_finding`."""
    gold = list(gold)
    gold_words = [(content_words(g.actor.text), content_words(g.topic.text)) for g in gold]
    gold_by_doc: dict[str, list[tuple[GoldRecord, tuple[frozenset[str], frozenset[str]]]]] = defaultdict(list)
    for record, words in zip(gold, gold_words, strict=True):
        gold_by_doc[record.doc].append((record, words))

    found_by_doc: dict[str, list[_Found]] = defaultdict(list)
    for finding in findings:
        record = _as_record(finding)
        if not isinstance(finding, Finding):
            check_finding(record)
        found = _Found(record)
        found_by_doc[found.key].append(found)

    # Gold side: which records some finding matches, and the rules of those findings.
    hit: list[bool] = []
    rule_hits: dict[str, int] = defaultdict(int)
    for record, words in zip(gold, gold_words, strict=True):
        rules = {f.rule for f in found_by_doc.get(record.doc, ()) if f.matches(record, words)}
        hit.append(bool(rules))
        for rule in rules:
            rule_hits[rule] += 1

    # Findings side: in annotated documents, judged, correct; overall, by polarity, by rule.
    overall = _Tally()
    by_polarity: dict[str, _Tally] = defaultdict(_Tally)
    by_rule: dict[str, _Tally] = defaultdict(_Tally)
    false_findings: list[FalseFinding] = []
    for key, found_list in found_by_doc.items():
        annotations = gold_by_doc.get(key)
        for found in found_list:
            covering = [(g, words) for g, words in annotations or () if found.covers(g)]
            is_correct = any(found.matches(g, words) for g, words in covering)
            for tally in (overall, by_polarity[found.polarity], by_rule[found.rule]):
                tally.add(annotated=annotations is not None, judged=bool(covering), correct=is_correct)
            if covering and not is_correct:
                false_findings.append(FalseFinding(key, found.record))

    gold_tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, was_hit in zip(gold, hit, strict=True):
        gold_tally[record.polarity][0] += 1
        gold_tally[record.polarity][1] += was_hit
    polarities = sorted(set(gold_tally) | set(by_polarity), key=_polarity_order)
    polarity_scores = tuple(
        PolarityScores(p, *gold_tally.get(p, (0, 0)), *by_polarity.get(p, _Tally()).counts()) for p in polarities
    )
    rule_scores = tuple(
        sorted(
            (RuleScores(rule, *t.counts(), matched_gold=rule_hits.get(rule, 0)) for rule, t in by_rule.items()),
            key=lambda r: (-r.findings, r.rule),
        )
    )

    keyed_texts = {doc_key(k): v for k, v in (texts or {}).items()}
    segmentations: dict[str, Segmentation] = {}
    misses = []
    for record, was_hit in zip(gold, hit, strict=True):
        if was_hit:
            continue
        sentence = None
        text = keyed_texts.get(record.doc)
        if text is not None:
            if record.doc not in segmentations:
                segmentations[record.doc] = segment(text)
            sentence = _sentence_around(segmentations[record.doc], text, record.region)
        misses.append(Miss(record, sentence))

    scores = Scores(len(gold), sum(hit), *overall.counts())
    unreachable = tuple(sorted({r.doc for r in gold if doc_key(r.doc) != r.doc}))
    return Evaluation(scores, polarity_scores, rule_scores, tuple(misses), tuple(false_findings), unreachable)


# --------------------------------------------------------------------------- the report


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _quoted_sentence(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, initial_indent="    > ", subsequent_indent="      ")


def _first(shown: int, total: int) -> str:
    return f" (the first {shown})" if shown < total else ""


def _fraction(part: int, whole: int) -> str:
    return f"{_ratio(part, whole):.3f} ({part}/{whole})"


def format_report(evaluation: Evaluation, misses: int = 10, false: int = 10, width: int = 100) -> str:
    """The evaluation as a plain-text report whose last line is `Evaluation.summary_line()`."""
    s = evaluation.scores
    lines = [
        f"gold records        {s.gold:>6}   matched {s.matched_gold}",
        f"findings            {s.findings:>6}   in annotated documents {s.in_annotated}, "
        f"judged {s.judged}, correct {s.correct}",
        f"recall              {_fraction(s.matched_gold, s.gold)}",
        f"precision judged    {_fraction(s.correct, s.judged)}",
        f"precision strict    {_fraction(s.correct, s.in_annotated)}",
        f"f1 strict           {s.f1_strict:.3f}",
        "",
        f"{'polarity':<10} {'gold':>6} {'matched':>8} {'recall':>7}   {'findings':>8} {'annotated':>9} "
        f"{'judged':>7} {'correct':>7} {'p_judged':>8} {'p_strict':>8}",
    ]
    for p in evaluation.by_polarity:
        recall = f"{p.recall:.3f}" if p.gold else "-"
        lines.append(
            f"{p.polarity:<10} {p.gold:>6} {p.matched_gold:>8} {recall:>7}   {p.findings:>8} {p.in_annotated:>9} "
            f"{p.judged:>7} {p.correct:>7} {p.precision_judged:>8.3f} {p.precision_strict:>8.3f}"
        )
    if evaluation.by_rule:
        name_width = max(24, *(len(r.rule) for r in evaluation.by_rule))
        lines += [
            "",
            f"{'rule':<{name_width}} {'findings':>8} {'annotated':>9} {'judged':>7} {'correct':>7} "
            f"{'p_judged':>8} {'p_strict':>8} {'gold matched':>12}",
        ]
        for r in evaluation.by_rule:
            lines.append(
                f"{r.rule:<{name_width}} {r.findings:>8} {r.in_annotated:>9} {r.judged:>7} {r.correct:>7} "
                f"{r.precision_judged:>8.3f} {r.precision_strict:>8.3f} {r.matched_gold:>12}"
            )
    shown = evaluation.misses[: max(misses, 0)]
    if shown:
        lines += ["", f"missed gold records: {len(evaluation.misses)}{_first(len(shown), len(evaluation.misses))}"]
        for miss in shown:
            g = miss.gold
            lines.append(
                f"  {g.doc} [{g.polarity}] {_clip(g.actor.text, 40)!r} {g.cue or '?'!r} {_clip(g.topic.text, 60)!r}"
            )
            if miss.sentence is not None:
                lines += _quoted_sentence(miss.sentence.text, width)
    shown_false = evaluation.false_findings[: max(false, 0)]
    if shown_false:
        total = len(evaluation.false_findings)
        lines += ["", f"false findings: {total}{_first(len(shown_false), total)}"]
        for item in shown_false:
            r = item.record
            actor = str((r.get("actor") or {}).get("text") or "")
            topic = str((r.get("topic") or {}).get("text") or "")
            rule = str((r.get("rule") or {}).get("id") or _NO_RULE)
            lines.append(f"  {item.doc} [{polarity_of(r)}] {_clip(actor, 40)!r} / {_clip(topic, 60)!r} ({rule})")
            lines += _quoted_sentence(item.sentence, width)
    lines += ["", evaluation.summary_line()]
    return "\n".join(lines) + "\n"
