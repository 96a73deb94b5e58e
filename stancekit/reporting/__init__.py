"""`stancekit report`: one offline HTML page of a findings file, for reading and passing on.

    from stancekit.findingsfile import read_findings
    from stancekit.reporting import build_report
    page = build_report(read_findings("findings.jsonl"), by="month")

`html` lays out the page; `summary`, `matrix`, `timeline_svg`, `table` and `highlight` each make one
part of it; `grouping` makes sure every part names actors and topics as tracking does.
"""

from stancekit.reporting.html import build_report, render_report

__all__ = ["build_report", "render_report"]
