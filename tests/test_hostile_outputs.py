"""Outputs that cannot be turned against their readers: markup a scraped document puts where the
rules find an actor or a topic is text in the HTML report, everywhere the page shows it.

These tests read the page with Python's HTML parser and always run; test_report.py loads a
page like it in headless Chromium (no dialog, nothing in the console) when a browser is there.
CSV cells a spreadsheet would run as formulas are tested in test_csv_cells.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from test_report import make

from stancekit.findings import Affiliated, Finding
from stancekit.reporting import build_report

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(2)>"
BREAKOUT = '" onmouseover="alert(3)" x=\''
SVG = '<svg onload="alert(4)">'
HOSTILE = (SCRIPT, ONERROR, BREAKOUT, SVG)


def finding(doc: str, date: str | None, actor: str, topic: str, polarity: str) -> Finding:
    """A finding of the sentence "<actor> backs <topic> again.", markup and all."""
    sentence = f"{actor} backs {topic} again."
    return make(doc, date, sentence, actor, topic, "backs", polarity, affiliations=(Affiliated("org:x", ONERROR),))


def findings(a: str, b: str, c: str, d: str) -> list[Finding]:
    """Each of four names as an actor and as a topic, over months, so that each reaches the
    matrix, the timelines, the shifts, the filters and the table."""
    return [
        finding(f"{a}-{i}", f"2024-{month:02d}-05", actor, topic, polarity)
        for i, (actor, topic) in enumerate([(a, b), (c, d), (b, a), (d, c)])
        for month, polarity in [(1, "support"), (2, "support"), (3, "oppose"), (4, "oppose")]
    ] + [finding("undated", None, a, b, "neutral")]


FINDINGS = findings(*HOSTILE)
#: The same page with plain names: what elements and attributes the page makes itself.
PLAIN = findings("The council", "the ferry plan", "The mayor", "the toll")


class _Page(HTMLParser):
    """Every element, attribute and script of a page, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag == "script":
            self._in_script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def _read(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def test_markup_in_actor_and_topic_makes_no_element_and_no_attribute():
    page = build_report(FINDINGS, source=f"{SCRIPT}.jsonl", title=ONERROR)
    clean = _read(build_report(PLAIN, source="findings.jsonl", title="Ferries"))
    parsed = _read(page)
    assert set(parsed.tags) <= set(clean.tags), "an element the page does not make itself"
    assert "img" not in parsed.tags and parsed.tags.count("script") == 2
    handlers = [(tag, name) for tag, name, _ in parsed.attributes if name.startswith("on")]
    assert handlers == []
    assert {name for _, name, _ in parsed.attributes} <= {name for _, name, _ in clean.attributes}


def test_markup_is_shown_as_text_and_kept_whole_in_the_page_data():
    page = build_report(FINDINGS)
    parsed = _read(page)
    text = "".join(parsed.text)
    for hostile in HOSTILE:
        assert hostile in text, f"{hostile!r} is not shown as text"
    (data_attrs, data), (code_attrs, _) = parsed.scripts
    assert data_attrs == {"type": "application/json", "id": "report-data"}
    assert code_attrs == {}
    assert "</" not in data and "<!--" not in data  # nothing in the data can end its element
    kept = json.dumps(json.loads(data), ensure_ascii=False)
    for hostile in HOSTILE:
        assert json.dumps(hostile, ensure_ascii=False)[1:-1] in kept


def test_the_page_script_never_turns_data_into_markup():
    """The page's own script builds elements and sets their text: no sink that parses HTML."""
    script = (ROOT / "stancekit" / "reporting" / "report.js").read_text(encoding="utf-8")
    sinks = re.findall(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|Function)\s*[(=]", script)
    assert sinks == []
    assert not re.search(r"setAttribute\(\s*['\"]on", script)
