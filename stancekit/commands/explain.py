"""`stancekit explain`: why a sentence gave (or did not give) a finding.

For each sentence explained it shows the tokens, which rules the prefilter let through, how
far each of those rules got (the furthest top-level pattern element it matched and the one it
failed on, with a mark under the pattern), and for each finding the steps that named its actor
and decided its polarity. Matches that overlap resolution dropped are shown with the rule that
won.

The analysis is `stancekit.lib.explain_text` (`engine.explanation`: plain functions returning
frozen dataclasses); this command only loads rules, reads the input and renders.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from stancekit.commands.common import RULES_HELP, dictionary_options
from stancekit.engine.explanation import (
    ExplainedFinding,
    Explanation,
    RuleTrace,
    SentenceExplanation,
    pattern_marks,
    progress_summary,
    sentence_words,
)
from stancekit.engine.explanation import (
    explain_document as explain_document,  # where it was documented first; now `stancekit.explain_text`
)
from stancekit.engine.rule_progress import RuleProgress
from stancekit.engine.sentence import Phrase
from stancekit.exitcodes import ExitCode
from stancekit.lib import explain_text
from stancekit.output.table import headline
from stancekit.text.documents import Document, InputOptions, is_record_file, iter_documents, looks_binary
from stancekit.text.segment import Sentence
from stancekit.text.tokens import Token

# --------------------------------------------------------------------------- rendering


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
                + ", ".join(f"{c.name} = <{c.type}> {sentence_words(tokens, sentence, c.start, c.end)!r}" for c in used)
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
    lines = [f"    {headline(f)}  (id {f.id})"]
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


def _record_document(path: Path, doc_id: str | None, options: InputOptions) -> Document:
    """The document of a JSONL or CSV/TSV file that `--doc` names, read as `scan` reads it;
    a file of one document needs no `--doc`. An id that is absent is an input error naming
    the closest ids, so a mistyped id is found without opening the file."""
    problems: list[str] = []
    read = iter_documents([path], options, lambda problem: problems.append(str(problem)))
    documents = {document.id: document for document in read}
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if not documents:
        _fail(f"{path} holds no document", ExitCode.INPUT_ERROR)
    if doc_id is None:
        if len(documents) == 1:
            return next(iter(documents.values()))
        _fail(
            f"{path} holds {len(documents)} documents; name one with --doc ID ({_some_ids(documents)})",
            ExitCode.INPUT_ERROR,
        )
    if doc_id not in documents:
        _fail(f"{path}: no document '{doc_id}'; {_close_ids(doc_id, documents)}", ExitCode.INPUT_ERROR)
    return documents[doc_id]


def _close_ids(doc_id: str, ids: Iterable[str]) -> str:
    """'the closest ids: a, b' (by spelling), else a few of the ids the file holds."""
    import difflib

    known = list(ids)
    close = difflib.get_close_matches(doc_id, known, n=3, cutoff=0.5)
    if close:
        return "the closest ids: " + ", ".join(close)
    return _some_ids(known)


def _some_ids(ids: Iterable[str], shown: int = 5) -> str:
    known = list(ids)
    listed = ", ".join(known[:shown]) + (", ..." if len(known) > shown else "")
    return f"its ids: {listed}"


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
    "--doc",
    "doc_id",
    metavar="ID",
    help="With a JSONL or CSV/TSV --file: the id of the document to explain (read as scan reads it).",
)
@click.option("--id-field", default="id", show_default=True, help="With --doc: JSONL/CSV field of the document id.")
@click.option("--text-field", default="text", show_default=True, help="With --doc: JSONL/CSV field of the text.")
@click.option(
    "--speaker-field",
    metavar="FIELD",
    help="With --doc: JSONL/CSV field naming the document's author, as for scan.",
)
@click.option(
    "--affiliation-field",
    metavar="FIELD",
    help="With --speaker-field: JSONL/CSV field naming the body the author speaks for.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def command(
    text,
    rules,
    actors,
    topics,
    rule_ids,
    file,
    line,
    doc_id,
    id_field,
    text_field,
    speaker_field,
    affiliation_field,
    fmt,
):
    """Show why TEXT (or line N of file F, or document ID of a JSONL/CSV file F) gives the
    findings it gives: sentences, tokens, the rules the prefilter let through, how far each
    rule got, and how each finding's actor, speaker and polarity were decided."""
    from stancekit.commands.common import compiled_rule_set

    if text is not None and file is not None:
        raise click.UsageError("give either TEXT or --file F, not both")
    if text is None and file is None:
        raise click.UsageError("give the TEXT to explain, or --file F (with --line N for one line)")
    if line is not None and file is None:
        raise click.UsageError("--line needs --file")
    if doc_id is not None and file is None:
        raise click.UsageError("--doc needs --file")
    # through the compile cache, as scan compiles: a rule author explains one sentence after another
    compiled = compiled_rule_set(rules, actors, topics, cache_dir=None, no_cache=False, quiet=True)
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
        options = InputOptions(
            id_field=id_field, text_field=text_field, speaker_field=speaker_field, affiliation_field=affiliation_field
        )
        if is_record_file(path):
            document = _record_document(path, doc_id, options)
        elif doc_id is not None:
            raise click.UsageError("--doc ID names a document of a JSONL or CSV/TSV file; this one is read as text")
        else:
            document = _read_file(path)
        if line is not None:
            span = line_span(document.text, line)
            if span is None:
                count = len(text_lines(document.text))
                _fail(f"{file}: line {line} is out of range (the file has {count} lines)", ExitCode.INPUT_ERROR)
    else:
        document = Document(id="text", text=text)
    explanation = explain_text(document, compiled, span=span, rule_ids=rule_ids)
    if fmt == "json":
        click.echo(json.dumps(to_dict(explanation), ensure_ascii=False))
        return
    if file is not None and line is not None and not explanation.sentences:
        click.echo(f"line {line} of {file} holds no sentence")
        return
    click.echo(render_text(explanation), nl=False)
