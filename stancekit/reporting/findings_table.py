"""The findings table of a report and the filters over it: the part of the page the script drives.

Each row carries the keys the filters compare (`data-actor`, `data-topic`, `data-polarity`,
`data-day`) as `stancekit.reporting.grouping` names them, so that choosing a matrix cell or
a timeline lists the findings of that very actor on that very topic. A day is written as ISO text or left empty,
and an empty day is outside every date range: `report.js` compares days as strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from stancekit.findings import Finding
from stancekit.reporting.grouping import Grouping
from stancekit.reporting.highlight import highlight
from stancekit.text.dates import parse_date


def _order(finding: Finding) -> tuple:
    """Oldest first, undated last; in a document, in the order of its sentences."""
    day = parse_date(finding.date)
    return (day is None, day.isoformat() if day else "", finding.doc, finding.sentence.start, finding.id)


def findings_section(findings: Sequence[Finding], grouping: Grouping, limit: int) -> str:
    """The section with every finding, oldest first and undated last, and the filters over them;
    rows past the first `limit` are written hidden, for the script to show on request."""
    total = len(findings)
    shown = min(total, limit)
    controls = (
        '<form class="filters" id="filters" autocomplete="off">'
        '<label>Actor <select id="filter-actor" data-field="actor"><option value="">all</option></select></label>'
        '<label>Topic <select id="filter-topic" data-field="topic"><option value="">all</option></select></label>'
        '<label>Stance <select id="filter-polarity" data-field="polarity"><option value="">all</option>'
        '<option value="support">support</option><option value="oppose">oppose</option>'
        '<option value="neutral">neutral</option></select></label>'
        '<label>From <input type="date" id="filter-from"></label>'
        '<label>To <input type="date" id="filter-to"></label>'
        '<button type="reset" id="filter-reset">Clear filters</button>'
        f'<output id="shown" for="filters">{shown:,} of {total:,} findings shown</output>'
        f'<span id="more"{"" if shown < total else " hidden"}>'
        f'<span id="more-text">the first {shown:,} of {total:,} that match</span> '
        '<button type="button" id="show-all">Show all</button></span>'
        "</form>"
    )
    rows = "".join(row(f, grouping, i >= limit) for i, f in enumerate(sorted(findings, key=_order)))
    table = (
        '<div class="scroll"><table class="findings" id="findings-table"><thead><tr>'
        "<th>Date</th><th>Actor</th><th>Stance</th><th>Topic</th><th>Evidence</th><th>Rule</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
    note = (
        '<p class="note">In the evidence, <mark class="actor">the actor</mark>, '
        '<mark class="cue">the cue</mark> and <mark class="topic">the topic</mark> are marked. '
        "A date range leaves out undated findings.</p>"
    )
    return f'<section id="findings"><h2>Findings</h2>{note}{controls}{table}</section>'


def row(finding: Finding, grouping: Grouping, hidden: bool = False) -> str:
    """One finding as a table row; its `data-` attributes are what the filters compare."""
    actor, topic = grouping.actor(finding), grouping.topic(finding)
    day = parse_date(finding.date)
    flags = [name for name in ("negated", "hedged", "quoted") if getattr(finding, name)]
    stance = f'<span class="stance {escape(finding.polarity)}">{escape(finding.polarity)}</span>'
    if flags:
        stance += f' <small class="flags">{escape(", ".join(flags))}</small>'
    actor_cell = escape(actor.name)
    details = []
    if finding.actor.name is not None and finding.actor.name != actor.name:  # rolled up to a body
        details.append(escape(finding.actor.name))
    if finding.actor.via != "mention" and finding.actor.text:  # "he", "we", "the Kremlin"
        details.append(f"“{escape(finding.actor.text)}”")
    if details:
        actor_cell += f' <small class="mention" title="via {escape(finding.actor.via)}">{" ".join(details)}</small>'
    where = escape(finding.doc) + (f", {escape(finding.date)}" if finding.date and day is None else "")
    return (
        f'<tr{" hidden" if hidden else ""} data-id="{escape(finding.id)}" '
        f'data-actor="{escape(actor.key)}" data-topic="{escape(topic.key)}" '
        f'data-polarity="{escape(finding.polarity)}" data-day="{day.isoformat() if day else ""}">'
        f'<td class="date">{day.isoformat() if day else "undated"}</td>'
        f"<td>{actor_cell}</td><td>{stance}</td><td>{escape(topic.name)}</td>"
        f'<td class="evidence">{highlight(finding)} <small class="doc">{where}</small></td>'
        f'<td class="rule"><code>{escape(finding.rule.id)}</code></td></tr>'
    )
