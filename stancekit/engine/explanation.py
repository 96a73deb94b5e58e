"""Why a sentence gave (or did not give) a finding: the analysis `stancekit explain` renders.

For each sentence explained: its tokens, tags and phrases, which rules the prefilter let
through, how far each of those rules got (the furthest top-level pattern element it matched
and the one it failed on), what became of each match (a finding, or why none came of it,
read from the scan's trace, `engine.trace`), and for each finding the steps that named its
actor and decided its polarity. Plain functions returning frozen dataclasses: rendering them
is the command's business, and the pytest plugin reads them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from stancekit.compiler.ruleset import CompiledRule, CompiledRuleSet
from stancekit.engine.discourse import DocumentDiscourse
from stancekit.engine.matcher import REJECTIONS, UNLESS, Candidate, Matcher, explain_rejection
from stancekit.engine.rule_progress import RuleProgress, trace_rule
from stancekit.engine.sentence import Phrase
from stancekit.engine.trace import (
    CandidateDropped,
    FindingMade,
    MatchRejected,
    RuleTried,
    SentenceScanned,
    TraceEvent,
    TraceRecorder,
)
from stancekit.findings import Finding
from stancekit.text.documents import Document
from stancekit.text.segment import Segmentation, Sentence, segment
from stancekit.text.tokens import Token, normalise, tokenize

# --------------------------------------------------------------------------- the analysis


@dataclass(frozen=True)
class Outcome:
    """What became of one match of a rule: a finding (`finding` is its id), or why none came of it."""

    start: int  # token span of the match
    end: int
    finding: str | None = None
    reason: str = ""
    winner: str | None = None  # the rule whose reading of the same evidence was kept


@dataclass(frozen=True)
class RuleTrace:
    """One rule run over one sentence."""

    rule: CompiledRule
    candidate: bool  # whether the prefilter let it through
    progress: RuleProgress
    outcomes: tuple[Outcome, ...] = ()

    @property
    def matched(self) -> bool:
        return bool(self.progress.matches)


@dataclass(frozen=True)
class ExplainedFinding:
    finding: Finding
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SentenceExplanation:
    sentence: Sentence
    tokens: tuple[Token, ...]
    quotes: tuple[tuple[int, int], ...]
    candidates: tuple[CompiledRule, ...]
    not_tried: tuple[CompiledRule, ...]
    traces: tuple[RuleTrace, ...]
    findings: tuple[ExplainedFinding, ...]
    #: Each token's part-of-speech tag and lemma, and every phrase the phrase stage found.
    tags: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    phrases: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Explanation:
    doc: str
    ruleset: str
    rules: int
    sentences: tuple[SentenceExplanation, ...]
    #: Rule ids asked for with --rule (empty: every candidate rule is traced).
    selected: tuple[str, ...] = ()


def explain_document(
    compiled: CompiledRuleSet,
    document: Document,
    *,
    span: tuple[int, int] | None = None,
    rule_ids: Sequence[str] = (),
) -> Explanation:
    """Explain the sentences of `document` that overlap `span` (all of them when None).

    The whole document is scanned, so quotes and pronouns before the span are known, and
    what each rule did is read from the scan's trace. With `rule_ids`, only those rules are
    traced, whether or not the prefilter let them through.
    """
    text = document.text
    recorder = TraceRecorder()
    matcher = Matcher(compiled, notes=True, observer=recorder)
    findings = matcher.scan(document)
    notes = matcher.notes or {}
    segmentation = segment(text, compiled.profile)
    traced = _SentenceTraces.of(recorder.events)
    by_id = {rule.id: rule for rule in compiled.rules}
    selected = [by_id[i] for i in dict.fromkeys(rule_ids)]
    sentences = [s for s in segmentation.sentences if span is None or (s.start < span[1] and span[0] < s.end)]
    discourse = DocumentDiscourse(normalise(text))

    def untried(rule: CompiledRule) -> str:
        return discourse.shortfall(rule.options) or "the prefilter does not run this rule here"

    explained = [
        _explain_sentence(
            matcher, text, segmentation, s, traced.get(s.index, _SentenceTraces()), selected, findings, notes, untried
        )
        for s in sentences
    ]
    return Explanation(document.id, compiled.hash, len(compiled.rules), tuple(explained), tuple(r.id for r in selected))


def _key(rule: CompiledRule, match) -> tuple:
    return (rule.order, match.start, match.end, match.cue)


@dataclass
class _SentenceTraces:
    """The trace of one sentence of a scan, sorted for explaining."""

    scanned: SentenceScanned | None = None
    tried: dict[int, RuleTried] = field(default_factory=dict)  # rule order -> its run
    rejected: dict[tuple, str] = field(default_factory=dict)  # match key -> the reason's key
    dropped: dict[tuple, CandidateDropped] = field(default_factory=dict)
    kept: dict[tuple, Candidate] = field(default_factory=dict)

    @staticmethod
    def of(events: Sequence[TraceEvent]) -> dict[int, _SentenceTraces]:
        """The trace of a document, by sentence index."""
        by_sentence: dict[int, _SentenceTraces] = {}
        for event in events:
            found = by_sentence.setdefault(event.sentence.index, _SentenceTraces())
            if isinstance(event, SentenceScanned):
                found.scanned = event
            elif isinstance(event, RuleTried):
                found.tried[event.rule.order] = event
            elif isinstance(event, MatchRejected):
                found.rejected[_key(event.rule, event.match)] = event.reason
            elif isinstance(event, CandidateDropped):
                found.dropped[_key(event.candidate.rule, event.candidate.match)] = event
            elif isinstance(event, FindingMade):
                found.kept[_key(event.candidate.rule, event.candidate.match)] = event.candidate
        return by_sentence


def _explain_sentence(
    matcher: Matcher,
    text: str,
    segmentation: Segmentation,
    sentence: Sentence,
    trace: _SentenceTraces,
    selected: Sequence[CompiledRule],
    findings: Sequence[Finding],
    notes: dict[str, list[str]],
    untried: Callable[[CompiledRule], str],
) -> SentenceExplanation:
    compiled = matcher.compiled
    wanted = trace.scanned.rules if trace.scanned is not None else ()
    tokens = (
        trace.scanned.tokens
        if trace.scanned is not None
        else tuple(tokenize(text, sentence.start, sentence.end, compiled.profile))
    )
    tried = next(iter(trace.tried.values()), None)
    context = tried.context if tried is not None else matcher.sentence_context(tokens, segmentation, sentence)
    candidates = [compiled.rules[i] for i in wanted]
    not_tried = [rule for rule in compiled.rules if rule.order not in wanted]
    progress = {
        rule.order: trace.tried[rule.order].progress() if rule.order in trace.tried else trace_rule(rule, context)
        for rule in [*candidates, *selected]
    }
    own = [f for f in findings if f.sentence.start == sentence.start and f.sentence.end == sentence.end]
    outcomes = _outcomes(compiled, set(wanted), progress, trace, tokens, own, untried) if tokens else {}
    traced = selected or candidates
    traces = [
        RuleTrace(rule, rule.order in wanted, progress[rule.order], outcomes.get(rule.order, ())) for rule in traced
    ]
    if not selected:
        traces.sort(key=lambda t: (not any(o.finding for o in t.outcomes), not t.matched, t.rule.order))
    quotes = tuple((q.start, q.end) for q in segmentation.quotes if q.start < sentence.end and sentence.start < q.end)
    return SentenceExplanation(
        sentence,
        tuple(tokens),
        quotes,
        tuple(candidates),
        tuple(not_tried),
        tuple(traces),
        tuple(ExplainedFinding(f, tuple(notes.get(f.id, ()))) for f in own),
        tuple(context.tags) if tokens else (),
        tuple(context.lemmas) if tokens else (),
        tuple(phrase for _, phrase in context.all_phrases()) if tokens else (),
    )


def _outcomes(
    compiled: CompiledRuleSet,
    tried: Collection[int],
    progress: dict[int, RuleProgress],
    trace: _SentenceTraces,
    tokens: Sequence[Token],
    findings: Sequence[Finding],
    untried: Callable[[CompiledRule], str],
) -> dict[int, tuple[Outcome, ...]]:
    """What became of every match of every rule traced, as the scan's trace tells it: a
    finding, no candidate (and why), or dropped by overlap resolution (and for which rule)."""
    outcomes: dict[int, list[Outcome]] = {}
    for order, rule_progress in progress.items():
        for match in rule_progress.matches:
            key = _key(rule_progress.rule, match)
            if order not in tried:
                outcome = Outcome(match.start, match.end, reason=untried(rule_progress.rule))
            elif key in trace.kept:
                finding = _finding_of(trace.kept[key], tokens, findings)
                if finding is not None:
                    outcome = Outcome(match.start, match.end, finding=finding.id)
                else:
                    outcome = Outcome(
                        match.start, match.end, reason="reported at an earlier occurrence of the same sentence"
                    )
            elif key in trace.dropped:
                outcome = _dropped(trace.dropped[key], tokens)
            elif trace.rejected.get(key) == UNLESS:
                reason = f"no finding: {REJECTIONS[UNLESS]} (unless: {rule_progress.rule.unless_pattern})"
                outcome = Outcome(match.start, match.end, reason=reason)
            else:
                reason = _no_candidate_reason(match, tokens, compiled, rule_progress.rule)
                outcome = Outcome(match.start, match.end, reason=reason)
            outcomes.setdefault(order, []).append(outcome)
    return {order: tuple(found) for order, found in outcomes.items()}


def _dropped(dropped: CandidateDropped, tokens: Sequence[Token]) -> Outcome:
    candidate, winner = dropped.candidate, dropped.winner
    start, end = candidate.match.start, candidate.match.end
    if dropped.why is not None:
        return Outcome(start, end, reason=dropped.why)
    if winner is None:
        return Outcome(start, end, reason="dropped: its topic is the same actor's next stance (another finding's cue)")
    cue = f" ({_cue_text(winner, tokens)})" if winner.match.cue else ""
    reason = (
        f"dropped by overlap resolution: {winner.rule.id} reads the same evidence{cue} "
        f"and {_rank_reason(candidate, winner)}"
    )
    return Outcome(start, end, reason=reason, winner=winner.rule.id)


def _no_candidate_reason(match, tokens: Sequence[Token], compiled: CompiledRuleSet, rule: CompiledRule) -> str:
    """Why a match gave no candidate; for a reading, the language entry that made it, and where
    that entry is written, so that a wrong drop can be fixed in the pack."""
    why, found = explain_rejection(match, tokens, compiled.profile, rule.options)
    reason = f"no finding: {why}"
    if found is not None:
        slot, entry = found
        where = compiled.profile_sources.get((slot, entry))
        reason += f"; made by {entry!r} in language.{slot}" + (f" ({where})" if where else "")
    return reason


def _rank_reason(loser: Candidate, winner: Candidate) -> str:
    if winner.rule.priority != loser.rule.priority:
        return f"has the higher priority ({winner.rule.priority} > {loser.rule.priority})"
    if winner.match.literal_tokens != loser.match.literal_tokens:
        return f"matched more literal words ({winner.match.literal_tokens} > {loser.match.literal_tokens})"
    return "comes first in the rule set"


def _cue_text(c: Candidate, tokens: Sequence[Token]) -> str:
    start, end = c.match.cue
    return "cue " + repr(" ".join(t.text for t in tokens[start:end]))


def _finding_of(c: Candidate, tokens: Sequence[Token], findings: Sequence[Finding]) -> Finding | None:
    """The finding a kept candidate became: same rule, same cue (or same actor and topic)."""
    for finding in findings:
        if finding.rule.id != c.rule.id:
            continue
        if c.match.cue and finding.cue:
            if finding.cue.start == tokens[c.match.cue[0]].start:
                return finding
        elif (finding.actor.start, finding.topic.start) == (tokens[c.actor[0]].start, tokens[c.topic[0]].start):
            return finding
    return None


# --------------------------------------------------------------------------- how far a rule got


_OPTIONAL_RE = re.compile(r"(?:[?*]|\{0?,\d*\}|\{0\})\s*$")


def is_optional(element: str) -> bool:
    """Whether a top-level element may match nothing, as written (`x?`, `x*`, `x{0,2}`, `x{,3}`)."""
    return _OPTIONAL_RE.search(element) is not None


def pattern_marks(progress: RuleProgress) -> tuple[str, str]:
    """The rule's pattern and a line under it: `~` under the elements up to the furthest one
    that matched, `^` under the element it failed on."""
    rule = progress.rule
    pattern = rule.pattern
    marks = [" "] * len(pattern)
    if progress.matches:
        matched = rule.elements
    else:
        matched = rule.elements[: progress.reached + 1] if progress.reached is not None else ()
    for start, end in matched:
        marks[start:end] = "~" * (end - start)
    if progress.failed is not None and not progress.matches:
        start, end = rule.elements[progress.failed]
        marks[start:end] = "^" * (end - start)
    return pattern, "".join(marks).rstrip()


def _token_words(tokens: Sequence[Token], index: int) -> str:
    if not 0 <= index < len(tokens):
        return "the end of the sentence"
    return f"token {index} {tokens[index].text!r}"


def sentence_words(tokens: Sequence[Token], sentence: Sentence, start: int, end: int) -> str:
    """The words of tokens[start:end] as the sentence writes them."""
    if start >= end:
        return ""
    return sentence.text[tokens[start].start - sentence.start : tokens[end - 1].end - sentence.start]


def progress_summary(progress: RuleProgress, tokens: Sequence[Token], sentence: Sentence) -> str:
    """How far a rule got, in words: the furthest element it matched and the one it failed on."""
    total = len(progress.rule.elements)
    if progress.matches:
        spans = "; ".join(
            f"tokens {m.start}-{m.end - 1}: {sentence_words(tokens, sentence, m.start, m.end)}"
            for m in progress.matches
        )
        return f"matched {spans}"
    if progress.reached is None:
        return f"failed on its first element `{progress.element_text(0)}`: it matches nowhere in the sentence"
    reached = progress.element_text(progress.reached)
    got = (
        f"got as far as `{reached}` (element {progress.reached + 1} of {total}), "
        f"ending at {_token_words(tokens, progress.position - 1)}"
    )
    if progress.failed is None:
        return got + "; the pattern ends there but the match did not complete"
    failed = progress.element_text(progress.failed)
    note = " (optional, and what follows it did not match either)" if is_optional(failed) else ""
    return f"{got}; failed on `{failed}`{note} at {_token_words(tokens, progress.position)}"
