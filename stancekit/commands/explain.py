"""`stancekit explain`: why a sentence gave (or did not give) a finding.

For each sentence explained it shows the tokens, which rules the prefilter let through, how
far each of those rules got (the furthest top-level pattern element it matched and the one it
failed on, with a mark under the pattern), and for each finding the steps that named its actor
and decided its polarity. Matches that overlap resolution dropped are shown with the rule that
won.

The analysis is plain functions returning frozen dataclasses (`explain_document`); the Click
command only loads rules, reads the input and renders.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from stancekit.commands.common import RULES_HELP, dictionary_options
from stancekit.compiler.ruleset import CompiledRule, CompiledRuleSet
from stancekit.engine.explain import RuleProgress, trace_rule
from stancekit.engine.matcher import Candidate, Matcher, explain_rejection
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
from stancekit.exitcodes import ExitCode
from stancekit.findings import Finding
from stancekit.text.documents import Document, looks_binary
from stancekit.text.segment import Segmentation, Sentence, segment
from stancekit.text.tokens import Token, tokenize

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
    explained = [
        _explain_sentence(
            matcher, text, segmentation, s, traced.get(s.index, _SentenceTraces()), selected, findings, notes
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
    rejected: set[tuple] = field(default_factory=set)  # match keys
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
                found.rejected.add(_key(event.rule, event.match))
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
    outcomes = _outcomes(compiled, set(wanted), progress, trace, tokens, own) if tokens else {}
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
) -> dict[int, tuple[Outcome, ...]]:
    """What became of every match of every rule traced, as the scan's trace tells it: a
    finding, no candidate (and why), or dropped by overlap resolution (and for which rule)."""
    outcomes: dict[int, list[Outcome]] = {}
    for order, rule_progress in progress.items():
        for match in rule_progress.matches:
            key = _key(rule_progress.rule, match)
            if order not in tried:
                outcome = Outcome(match.start, match.end, reason="the prefilter does not run this rule here")
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
            else:
                reason = _no_candidate_reason(match, tokens, compiled, rule_progress.rule)
                outcome = Outcome(match.start, match.end, reason=reason)
            outcomes.setdefault(order, []).append(outcome)
    return {order: tuple(found) for order, found in outcomes.items()}


def _dropped(dropped: CandidateDropped, tokens: Sequence[Token]) -> Outcome:
    candidate, winner = dropped.candidate, dropped.winner
    start, end = candidate.match.start, candidate.match.end
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


def _source(tokens: Sequence[Token], sentence: Sentence, start: int, end: int) -> str:
    """The words of tokens[start:end] as the sentence writes them."""
    if start >= end:
        return ""
    return sentence.text[tokens[start].start - sentence.start : tokens[end - 1].end - sentence.start]


def progress_summary(progress: RuleProgress, tokens: Sequence[Token], sentence: Sentence) -> str:
    """How far a rule got, in words: the furthest element it matched and the one it failed on."""
    total = len(progress.rule.elements)
    if progress.matches:
        spans = "; ".join(
            f"tokens {m.start}-{m.end - 1}: {_source(tokens, sentence, m.start, m.end)}" for m in progress.matches
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


# --------------------------------------------------------------------------- rendering


def _finding_headline(f: Finding) -> str:
    flags = [f.polarity]
    if f.negated:
        flags.append("negated")
    if f.modality != "asserted":
        flags.append(f.modality)
    if f.quoted:
        flags.append("quoted")
    return f"{f.actor.shown} [{', '.join(flags)}] {f.topic.name}"


def _named(text: str, name: str | None, ident: str | None) -> str:
    shown = repr(text)
    if name is None:
        shown += " (unresolved)"
    elif name != text:
        shown += f" = {name}"
    if ident:
        shown += f" ({ident})"
    return shown


def _wrap(joined: str, indent: str, width: int = 100) -> list[str]:
    return textwrap.wrap(
        joined,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def render_text(explanation: Explanation) -> str:
    lines: list[str] = []
    if not explanation.sentences:
        return "no sentence to explain\n"
    for number, part in enumerate(explanation.sentences):
        s = part.sentence
        if number:
            lines.append("")
        lines.append(click.style(f"sentence {s.index + 1} [{s.start}:{s.end}]", bold=True))
        lines.extend(textwrap.wrap(s.text, width=100, initial_indent="  ", subsequent_indent="  "))
        if part.quotes:
            lines.append("  quotes: " + ", ".join(f"[{a}:{b}]" for a, b in part.quotes))
        lines.append("  tokens (with part-of-speech tags):" if part.tags else "  tokens:")
        tags = part.tags or ("",) * len(part.tokens)
        words = [
            f"{i}:{t.text}" + (f"/{tag}" if tag else "")
            for i, (t, tag) in enumerate(zip(part.tokens, tags, strict=True))
        ]
        lines.extend(_wrap("  ".join(words), "    "))
        if part.phrases:
            lines.append("  phrases:")
            lines.extend(f"    {_phrase_text(p, part.tokens)}" for p in part.phrases)
        lines.append(
            f"  prefilter: {len(part.candidates)} of {explanation.rules} rules have a trigger word in this sentence"
        )
        if not explanation.selected and part.not_tried:
            lines.append(f"  not tried (none of their trigger words is here): {len(part.not_tried)} rules")
            lines.extend(_wrap(", ".join(r.id for r in part.not_tried), "    "))
        lines.append("")
        lines.append("  rules:" if part.traces else "  rules: none tried")
        for trace in part.traces:
            lines.extend(_render_trace(trace, part.tokens, part.sentence))
        lines.append("")
        if part.findings:
            lines.append("  findings:")
            for item in part.findings:
                lines.extend(_render_finding(item))
        else:
            lines.append("  findings: none")
    return "\n".join(lines) + "\n"


def _render_trace(trace: RuleTrace, tokens: Sequence[Token], sentence: Sentence) -> list[str]:
    rule = trace.rule
    where = f"{rule.file}:{rule.line}"
    gave = [o for o in trace.outcomes if o.finding]
    if gave:
        status = click.style("finding", fg="green")
    elif trace.matched:
        status = click.style("matched, no finding", fg="yellow")
    else:
        status = click.style("no match", fg="red")
    lines = [f"  {rule.id} ({where}): {status}"]
    if not trace.candidate:
        words = sorted(rule.triggers or ())
        triggers = ", ".join(words[:8]) + (", ..." if len(words) > 8 else "")
        lines.append(f"    not a candidate: none of its trigger words ({triggers}) is in the sentence; traced anyway")
    pattern, marks = pattern_marks(trace.progress)
    lines.append(f"    {pattern}")
    if marks.strip():
        lines.append(f"    {marks}")
    lines.append(f"    {progress_summary(trace.progress, tokens, sentence)}")
    lines.extend(f"    refused by a capture test: {note}" for note in trace.progress.refused)
    for match in trace.progress.matches:
        used = [c for c in match.captures if c.phrase]
        if used:
            lines.append(
                "    phrases captured: "
                + ", ".join(f"{c.name} = <{c.type}> {_source(tokens, sentence, c.start, c.end)!r}" for c in used)
            )
    for outcome in trace.outcomes:
        if outcome.finding:
            lines.append(f"    -> finding {outcome.finding}")
        else:
            lines.append(f"    -> {outcome.reason}")
    return lines


def _phrase_text(phrase: Phrase, tokens: Sequence[Token]) -> str:
    """`<NP> 3-6 [the new plan] (head plan)`: a phrase as explain lists it."""
    words = " ".join(t.text for t in tokens[phrase.start : phrase.end])
    return f"<{phrase.type}> {phrase.start}-{phrase.end} [{words}] (head {tokens[phrase.head].text})"


def _render_finding(item: ExplainedFinding) -> list[str]:
    f = item.finding
    lines = [f"    {_finding_headline(f)}  (id {f.id})"]
    lines.append(f"      actor:    {_named(f.actor.text, f.actor.name, f.actor.id)} via {f.actor.via}")
    lines.append(f"      polarity: {f.polarity} (negated: {str(f.negated).lower()}, modality: {f.modality})")
    lines.append(f"      topic:    {_named(f.topic.text, f.topic.name, f.topic.id)}")
    if f.cue:
        lines.append(f"      cue:      {f.cue.text!r} [{f.cue.start}:{f.cue.end}]")
    if f.speaker:
        lines.append(f"      speaker:  {_named(f.speaker.text, f.speaker.name, f.speaker.id)}")
    lines.append(f"      rule:     {f.rule.id} ({f.rule.file}:{f.rule.line})")
    if item.notes:
        lines.append("      steps:")
        lines.extend(f"        - {note}" for note in item.notes)
    return lines


def to_dict(explanation: Explanation) -> dict[str, Any]:
    """The explanation as one JSON object (for tools)."""
    return {
        "doc": explanation.doc,
        "ruleset": explanation.ruleset,
        "rules": explanation.rules,
        "selected": list(explanation.selected),
        "sentences": [_sentence_dict(part) for part in explanation.sentences],
    }


def _element(progress: RuleProgress, index: int | None) -> dict[str, Any] | None:
    if index is None:
        return None
    return {"index": index, "text": progress.element_text(index)}


def _trace_dict(trace: RuleTrace, tokens: Sequence[Token], sentence: Sentence) -> dict[str, Any]:
    p = trace.progress
    stopped = None
    if not p.matches:
        stopped = {"index": p.position, "text": tokens[p.position].text if p.position < len(tokens) else None}
    return {
        "rule": trace.rule.id,
        "file": trace.rule.file,
        "line": trace.rule.line,
        "candidate": trace.candidate,
        "matched": trace.matched,
        "pattern": trace.rule.pattern,
        "elements": [trace.rule.pattern[a:b] for a, b in trace.rule.elements],
        "reached": _element(p, p.reached),
        "failed": _element(p, p.failed),
        "stopped_at": stopped,
        "summary": progress_summary(p, tokens, sentence),
        "refused": list(p.refused),
        "matches": [
            {"start": o.start, "end": o.end, "finding": o.finding, "reason": o.reason or None, "winner": o.winner}
            for o in trace.outcomes
        ],
    }


def _sentence_dict(part: SentenceExplanation) -> dict[str, Any]:
    s = part.sentence
    return {
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "paragraph": s.paragraph,
        "text": s.text,
        "quotes": [{"start": a, "end": b} for a, b in part.quotes],
        "tokens": [
            {"index": i, "text": t.text, "start": t.start, "end": t.end}
            | ({"tag": part.tags[i], "lemma": part.lemmas[i]} if part.tags else {})
            for i, t in enumerate(part.tokens)
        ],
        "phrases": [{"type": p.type, "start": p.start, "end": p.end, "head": p.head} for p in part.phrases],
        "candidates": [r.id for r in part.candidates],
        "not_tried": [{"rule": r.id, "triggers": sorted(r.triggers or ())} for r in part.not_tried],
        "traces": [_trace_dict(t, part.tokens, s) for t in part.traces],
        "findings": [{**item.finding.to_dict(), "notes": list(item.notes)} for item in part.findings],
    }


# --------------------------------------------------------------------------- the command


def _fail(message: str, code: ExitCode):
    from stancekit.commands.common import CommandFailed

    click.echo(f"error: {message}", err=True)
    raise CommandFailed(code)


def _read_file(path: Path) -> Document:
    from stancekit.text.documents import decode

    if path.is_dir():
        _fail(f"{path} is a folder; give a text file", ExitCode.INPUT_ERROR)
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}", ExitCode.INPUT_ERROR)
    if looks_binary(data):
        _fail(f"{path} is not a text file", ExitCode.INPUT_ERROR)
    text = decode(data, str(path), lambda problem: click.echo(f"warning: {problem}", err=True))
    return Document(id=path.stem, text=text, source=str(path))


def text_lines(text: str) -> list[str]:
    """The lines of `text` as an editor numbers them (a final line break opens no new line)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def line_span(text: str, line: int) -> tuple[int, int] | None:
    """The character span of 1-based line `line` of `text` (without its line break), or None."""
    lines = text_lines(text)
    if not 1 <= line <= len(lines):
        return None
    start = sum(len(x) + 1 for x in lines[: line - 1])
    return start, start + len(lines[line - 1])


@click.command(name="explain")
@click.argument("text", required=False)
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH", help=RULES_HELP)
@dictionary_options
@click.option(
    "--rule",
    "rule_ids",
    multiple=True,
    metavar="ID",
    help="Trace only this rule (repeatable), even where the prefilter would not run it.",
)
@click.option("--file", "file", metavar="F", help="Explain a text file (with --line: only that line's sentences).")
@click.option("--line", type=click.IntRange(min=1), metavar="N", help="With --file: the 1-based line to explain.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def command(text, rules, actors, topics, rule_ids, file, line, fmt):
    """Show why TEXT (or line N of file F) gives the findings it gives: sentences, tokens,
    the rules the prefilter let through, how far each rule got, and how each finding's actor,
    speaker and polarity were decided."""
    from stancekit.commands.common import load_ruleset as _load

    if text is not None and file is not None:
        raise click.UsageError("give either TEXT or --file F, not both")
    if text is None and file is None:
        raise click.UsageError("give the TEXT to explain, or --file F (with --line N for one line)")
    if line is not None and file is None:
        raise click.UsageError("--line needs --file")
    ruleset = _load(rules, actors, topics)
    compiled = ruleset.compile()
    known = {rule.id for rule in compiled.rules}
    for rule_id in rule_ids:
        if rule_id not in known:
            from stancekit.dsl.errors import did_you_mean

            hint = did_you_mean(rule_id, known)
            raise click.BadParameter(
                f"no rule '{rule_id}' in the loaded rules" + (f"; {hint}" if hint else ""), param_hint="--rule"
            )
    span = None
    if file is not None:
        path = Path(file)
        if not path.exists():
            _fail(f"{file}: no such file", ExitCode.INPUT_ERROR)
        document = _read_file(path)
        if line is not None:
            span = line_span(document.text, line)
            if span is None:
                count = len(text_lines(document.text))
                _fail(f"{file}: line {line} is out of range (the file has {count} lines)", ExitCode.INPUT_ERROR)
    else:
        document = Document(id="text", text=text)
    explanation = explain_document(compiled, document, span=span, rule_ids=rule_ids)
    if fmt == "json":
        click.echo(json.dumps(to_dict(explanation), ensure_ascii=False))
        return
    if file is not None and line is not None and not explanation.sentences:
        click.echo(f"line {line} of {file} holds no sentence")
        return
    click.echo(render_text(explanation), nl=False)
