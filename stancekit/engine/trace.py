"""What a scan did, step by step, for whoever asks: the match trace.

A `Matcher` given an observer (any callable taking one event) reports each step of its scan
as a frozen event: a candidate sentence and the rules the prefilter runs on it, each rule
tried there, each match a reading or capture test dropped, each match that became a
candidate finding, each candidate overlap resolution dropped (and the reading that won), and
each finding made. `stancekit explain`, `stancekit test --coverage` and the test runner read
the scan through these events rather than replaying it, so they cannot drift from it. A
scan without an observer builds no event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stancekit.compiler.ruleset import CompiledRule
from stancekit.engine.rule_progress import RuleProgress, trace_rule
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.vm import RawMatch
from stancekit.findings import Finding
from stancekit.text.documents import Document
from stancekit.text.segment import Sentence
from stancekit.text.tokens import Token

if TYPE_CHECKING:
    from stancekit.engine.matcher import Candidate


@dataclass(frozen=True)
class SentenceScanned:
    """A sentence holding a trigger word (or any sentence, without the prefilter), with the
    indices of the rules run on it, in rule order."""

    document: Document
    sentence: Sentence
    tokens: tuple[Token, ...]
    rules: tuple[int, ...]


@dataclass(frozen=True)
class RuleTried:
    """One rule run on one sentence, and the matches it found (none when a word it needs is
    missing from the sentence)."""

    sentence: Sentence
    rule: CompiledRule
    matches: tuple[RawMatch, ...]
    context: SentenceContext

    def progress(self) -> RuleProgress:
        """How far the rule got: the furthest pattern element it matched and the one it failed
        on. Worked out when asked, so that a trace that does not need it costs nothing."""
        return trace_rule(self.rule, self.context)


@dataclass(frozen=True)
class MatchRejected:
    """A match that gives no candidate finding; `reason` is a key of `matcher.REJECTIONS`
    (no actor, no topic, a reading of the words that drops it)."""

    sentence: Sentence
    rule: CompiledRule
    match: RawMatch
    reason: str


@dataclass(frozen=True)
class CandidateFound:
    """A match that became a candidate finding: what the rule would report if it were the
    only rule."""

    sentence: Sentence
    candidate: Candidate
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class CandidateDropped:
    """A candidate overlap resolution dropped: `winner` reads the same evidence and ranks
    higher; None when its topic is the same actor's next stance (another finding's cue)."""

    sentence: Sentence
    candidate: Candidate
    winner: Candidate | None
    #: Why, when no winner says it (a holder left unresolved by a rule that wants one named).
    why: str | None = None


@dataclass(frozen=True)
class FindingMade:
    """A candidate that survived overlap resolution, and its finding (before repeats of the
    same sentence are counted into one)."""

    sentence: Sentence
    candidate: Candidate
    finding: Finding


TraceEvent = SentenceScanned | RuleTried | MatchRejected | CandidateFound | CandidateDropped | FindingMade

#: What a `Matcher` reports its trace to.
Observer = Callable[[TraceEvent], None]


class TraceRecorder:
    """An observer that keeps every event, for a consumer that reads the trace after the scan."""

    def __init__(self) -> None:
        self.events: list[TraceEvent] = []

    def __call__(self, event: TraceEvent) -> None:
        self.events.append(event)

    def of_type(self, kind: type) -> list:
        """The events of one type, in the order the scan made them."""
        return [e for e in self.events if isinstance(e, kind)]

    def clear(self) -> None:
        self.events.clear()
