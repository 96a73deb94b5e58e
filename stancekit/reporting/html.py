"""The report page: one HTML file that holds everything it shows and needs nothing else.

Researchers pass reports around by mail and open them on trains, so the page fetches
nothing: style and script are inlined from `report.css` and `report.js` beside this module,
charts are inline SVG, and no URL appears in any attribute. Every piece of text that comes
from a findings file is news text and is escaped; the data the script reads is JSON in a
`<script type="application/json">` element with `<`, `>` and `&` written as `\\u003c` and
the like, so that no sentence can end the element early.

    from stancekit.reporting import build_report
    page = build_report(read_findings("findings.jsonl"), by="month", title="September")
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from importlib.resources import files
from typing import Any

from stancekit import __version__
from stancekit.findings import Finding
from stancekit.reporting.findings_table import findings_section
from stancekit.reporting.grouping import Grouping, Ranked, ranked
from stancekit.reporting.highlight import highlight
from stancekit.reporting.matrix import TOP, Matrix, stance_colour, stance_matrix
from stancekit.reporting.summary import Summary, summarize
from stancekit.reporting.timeline_svg import TimeAxis, timeline_svg
from stancekit.tracking.names import NameMerges
from stancekit.tracking.timeline import Evidence, PeriodStance, Shift, Tracking, track

#: Actor-topic pairs given a timeline: those with most dated findings.
TIMELINES = 12
#: Findings rows shown at once. A browser takes seconds per ten thousand table rows to lay
#: out, so the rest of a long table is loaded hidden and shown on request.
ROWS = 1000


def build_report(
    findings: Iterable[Finding],
    *,
    by: str = "month",
    roll_up: bool = False,
    topic_parents: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    min_evidence: int = 1,
    title: str | None = None,
    source: str | None = None,
    names: NameMerges | None = None,
    top: int = TOP,
    timelines: int = TIMELINES,
    rows: int = ROWS,
) -> str:
    """The whole page for `findings`, counted per period `by`; `source` names the findings
    file in the page. A shift needs `min_evidence` findings taking a side in the periods on
    both sides of it, as in `track`. Raises ValueError for an unknown period."""
    findings = list(findings)
    names = names or NameMerges()
    grouping = Grouping(roll_up, topic_parents, topic_names, names)
    tracking = track(
        findings,
        by,
        min_evidence=min_evidence,
        roll_up=roll_up,
        topic_parents=topic_parents,
        topic_names=topic_names,
        names=names,
    )
    return render_report(
        findings, tracking, grouping, title=title, source=source, top=top, timelines=timelines, rows=rows
    )


def render_report(
    findings: Sequence[Finding],
    tracking: Tracking,
    grouping: Grouping,
    *,
    title: str | None = None,
    source: str | None = None,
    top: int = TOP,
    timelines: int = TIMELINES,
    rows: int = ROWS,
) -> str:
    """The page for `findings` and their `tracking`, grouped as `grouping` says (which must be
    how `tracking` was made, or the matrix and the timelines would disagree)."""
    title = title or (f"Stance report: {source}" if source else "Stance report")
    summary = summarize(findings, grouping)
    matrix = stance_matrix(findings, grouping, top)
    by_id = {f.id: f for f in findings}
    data = {
        "stancekit": __version__,
        "source": source,
        "by": tracking.by,
        "roll_up": grouping.roll_up,
        "summary": summary.to_dict(),
        "actors": [
            {"key": r.named.key, "name": r.named.name, "findings": r.findings} for r in _actors(findings, grouping)
        ],
        "topics": [
            {"key": r.named.key, "name": r.named.name, "findings": r.findings} for r in _topics(findings, grouping)
        ],
        "matrix": matrix.to_dict(),
        "rows_shown": rows,
        "tracking": tracking.to_dict(),
    }
    body = "\n".join(
        (
            f"<header><h1>{escape(title)}</h1>{_source_line(source, tracking, grouping)}{_nav()}</header>",
            _summary_section(summary, tracking),
            _matrix_section(matrix),
            _timelines_section(tracking, timelines),
            _shifts_section(tracking, by_id),
            findings_section(findings, grouping, rows),
            f"<footer>Made with stancekit {escape(__version__)}.</footer>",
        )
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="stancekit {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{_asset('report.css')}</style>\n"
        "</head>\n<body>\n"
        f"{body}\n"
        f'<script type="application/json" id="report-data">{script_json(data)}</script>\n'
        f"<script>\n{_asset('report.js')}</script>\n"
        "</body>\n</html>\n"
    )


def script_json(data: Any) -> str:
    """`data` as JSON that can sit inside a `<script>` element whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _actors(findings: Sequence[Finding], grouping: Grouping) -> tuple[Ranked, ...]:
    return ranked(grouping.actor(f) for f in findings)


def _topics(findings: Sequence[Finding], grouping: Grouping) -> tuple[Ranked, ...]:
    return ranked(grouping.topic(f) for f in findings)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _source_line(source: str | None, tracking: Tracking, grouping: Grouping) -> str:
    parts = [f"Findings of <code>{escape(source)}</code>" if source else "Findings"]
    parts.append(f"counted by {escape(tracking.by)}")
    if grouping.roll_up:
        parts.append("actors rolled up to the body they speak for, topics to their root topic")
    return f'<p class="source">{", ".join(parts)}.</p>'


def _nav() -> str:
    links = ("summary", "matrix", "timelines", "shifts", "findings")
    return "<nav>" + "".join(f'<a href="#{anchor}">{anchor.capitalize()}</a>' for anchor in links) + "</nav>"


# --------------------------------------------------------------------------- summary


def _summary_section(summary: Summary, tracking: Tracking) -> str:
    if summary.first_date:
        dates = escape(summary.first_date)
        if summary.last_date != summary.first_date:
            dates += f" to {escape(summary.last_date or '')}"
    else:
        dates = "none"
    undated = f"{summary.undated:,}"
    if summary.undated:
        undated += f" <small>in {_plural(summary.undated_documents, 'document')}</small>"
    figures = (
        ("documents", "Documents", f"{summary.documents:,}"),
        (
            "findings",
            "Findings",
            f"{summary.findings:,} <small>{summary.support:,} support, {summary.oppose:,} oppose, "
            f"{summary.neutral:,} neutral</small>",
        ),
        ("actors", "Actors", f"{summary.actors:,}"),
        ("topics", "Topics", f"{summary.topics:,}"),
        ("dates", "Dates", dates),
        ("undated", "Undated findings", undated),
    )
    if summary.unresolved:
        figures += (("unresolved", "Unresolved pronouns", f"{summary.unresolved:,} <small>findings</small>"),)
    items = "".join(
        f'<div class="figure" data-figure="{key}"><dt>{label}</dt><dd>{value}</dd></div>'
        for key, label, value in figures
    )
    notes = []
    if summary.undated and summary.first_date:
        dated = tracking.findings - tracking.undated - tracking.unresolved
        notes.append(f"Timelines and shifts count the {dated:,} dated findings; the matrix counts undated ones too.")
    if summary.unresolved:
        notes.append(
            f"{_plural(summary.unresolved, 'finding')} with an actor or topic that is a pronoun left unresolved "
            "(“he”, “it”: nobody in particular across articles) "
            f"{'is' if summary.unresolved == 1 else 'are'} in the findings table only."
        )
    note = f'<p class="note">{" ".join(notes)}</p>' if notes else ""
    return f'<section id="summary"><h2>Summary</h2><dl class="figures">{items}</dl>{note}</section>'


# --------------------------------------------------------------------------- matrix


def _matrix_section(matrix: Matrix) -> str:
    head = '<section id="matrix"><h2>Actors and topics</h2>'
    if not matrix.actors:
        return head + '<p class="empty">No findings.</p></section>'
    shown = f"{_matrix_rows(matrix)} Columns: the {_plural(len(matrix.topics), 'topic')} (of {matrix.topics_total:,}) "
    shown += f"on which {'that actor has' if len(matrix.actors) == 1 else 'those actors have'} most findings."
    legend = (
        '<p class="legend"><span class="swatch" style="background:'
        f'{stance_colour(-1)}"></span>oppose <span class="swatch" style="background:{stance_colour(0)}"></span>'
        f'even or neutral <span class="swatch" style="background:{stance_colour(1)}"></span>support. '
        "A cell shows the net stance (support minus oppose); hover for the counts, click to list the findings.</p>"
    )
    columns = "".join(
        f'<th scope="col" class="topic" title="{escape(r.named.name)}: {_plural(r.findings, "finding")}">'
        f"<span>{escape(r.named.name)}</span></th>"
        for r in matrix.topics
    )
    rows = []
    for actor in matrix.actors:
        cells = []
        for topic in matrix.topics:
            cell = matrix.cell(actor.named.key, topic.named.key)
            if cell is None:
                cells.append('<td class="cell empty"></td>')
                continue
            tip = (
                f"{actor.named.name} on {topic.named.name}: {cell.support} support, {cell.oppose} oppose, "
                f"{cell.neutral} neutral"
            )
            dark = " dark" if abs(cell.lean) > 0.5 else ""
            cells.append(
                f'<td class="cell{dark}" style="background:{stance_colour(cell.lean)}" '
                f'data-actor="{escape(actor.named.key)}" data-topic="{escape(topic.named.key)}" '
                f'data-support="{cell.support}" data-oppose="{cell.oppose}" data-neutral="{cell.neutral}" '
                f'title="{escape(tip)}">{_signed(cell.net)}</td>'
            )
        rows.append(
            f'<tr><th scope="row" title="{escape(actor.named.name)}: {_plural(actor.findings, "finding")}">'
            f"{escape(actor.named.name)}</th>{''.join(cells)}</tr>"
        )
    table = (
        f'<div class="scroll"><table class="matrix"><thead><tr><th></th>{columns}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return f'{head}<p class="note">{shown}</p>{legend}{table}</section>'


def _matrix_rows(matrix: Matrix) -> str:
    """Which actors are rows: an actor with many findings that is not a row must be accounted
    for, or a reader would take the rows for all the actors with most findings."""
    left_out = len(matrix.actors_left_out)
    if not left_out:
        return f"Rows: the {_plural(len(matrix.actors), 'actor')} (of {matrix.actors_total:,}) with most findings."
    considered = len(matrix.actors) + left_out
    return (
        f"Rows: {len(matrix.actors):,} of the {_plural(considered, 'actor')} (of {matrix.actors_total:,}) with most "
        f"findings, leaving out {left_out:,} with no finding on the topics shown."
    )


def _signed(net: int) -> str:
    return f"+{net}" if net > 0 else f"−{-net}" if net < 0 else "0"


# --------------------------------------------------------------------------- timelines


def _timelines_section(tracking: Tracking, count: int) -> str:
    head = '<section id="timelines"><h2>Timelines</h2>'
    if not tracking.periods:
        return head + '<p class="empty">No dated findings: timelines need findings with a date.</p></section>'
    axis = TimeAxis(tracking.periods, tracking.by)
    shown = tracking.series[:count]
    note = (
        f'<p class="note">The {_plural(len(shown), "actor-topic pair")} (of {len(tracking.series):,}) with most '
        f"dated findings, per {escape(tracking.by)}: support above the line, oppose below. "
        "Hover over a period for its counts.</p>"
    )
    figures = []
    for series in shown:
        neutral = series.total - series.support - series.oppose
        caption = (
            f"<b>{escape(series.actor.name)}</b> on <b>{escape(series.topic.name)}</b> "
            f"<small>{_plural(series.total, 'finding')}: {series.support} support, {series.oppose} oppose"
            f"{f', {neutral} neutral' if neutral else ''}</small>"
        )
        figures.append(
            f'<figure class="pair" data-actor="{escape(series.actor.key)}" data-topic="{escape(series.topic.key)}">'
            f"<figcaption>{caption}</figcaption>{timeline_svg(series, axis)}</figure>"
        )
    return f'{head}{note}<div class="pairs">{"".join(figures)}</div></section>'


# --------------------------------------------------------------------------- shifts


def _shifts_section(tracking: Tracking, by_id: Mapping[str, Finding]) -> str:
    head = '<section id="shifts"><h2>Shifts</h2>'
    if not tracking.periods:
        return head + '<p class="empty">No dated findings: shifts need findings with a date.</p></section>'
    if not tracking.shifts:
        return (
            head + f'<p class="empty">No shifts: no actor’s net stance on a topic changed sign from one '
            f"{escape(tracking.by)} to a later one.</p></section>"
        )
    note = (
        f'<p class="note">{_plural(len(tracking.shifts), "shift")}: where an actor’s net stance on a topic '
        f"changed sign between two {escape(tracking.by)}s with findings, with the evidence on both sides.</p>"
    )
    items = "".join(_shift(shift, by_id) for shift in tracking.shifts)
    return f'{head}{note}<ol class="shifts">{items}</ol></section>'


def _stance(period: PeriodStance) -> str:
    return (
        f"{escape(period.period)}: net {_signed(period.net)} "
        f"<small>({period.support} support, {period.oppose} oppose)</small>"
    )


def _shift(shift: Shift, by_id: Mapping[str, Finding]) -> str:
    direction = "against" if shift.after.net < 0 else "in-favour"
    title = f"<b>{escape(shift.actor.name)}</b> {escape(shift.direction)} <b>{escape(shift.topic.name)}</b>"
    sides = "".join(
        f'<div class="side {side}"><h4>{_stance(period)}</h4><ul>{_evidence(evidence, by_id)}</ul></div>'
        for side, period, evidence in (
            ("before", shift.before, shift.evidence_before),
            ("after", shift.after, shift.evidence_after),
        )
    )
    return (
        f'<li class="shift {direction}" data-actor="{escape(shift.actor.key)}" data-topic="{escape(shift.topic.key)}">'
        f'<h3>{title}</h3><div class="sides">{sides}</div></li>'
    )


def _evidence(evidence: Sequence[Evidence], by_id: Mapping[str, Finding]) -> str:
    items = []
    for item in evidence:
        finding = by_id.get(item.finding_id)
        sentence = highlight(finding) if finding else escape(item.sentence)
        where = escape(item.doc) + (f", {escape(item.date)}" if item.date else "")
        items.append(f'<li class="evidence {escape(item.polarity)}">{sentence} <small class="doc">{where}</small></li>')
    return "".join(items)
