"""`stancekit report` and `stancekit.reporting`: one offline HTML page of a findings file.

The page is read twice: as text (it holds the data, escapes news text, loads nothing) and in
headless Chromium (it runs without console errors, the matrix renders, the filters filter).
The browser tests need selenium (a test extra) and Debian's `chromium` and `chromium-driver`;
without them they skip, saying which is missing.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from stancekit.cli import main
from stancekit.exitcodes import ExitCode
from stancekit.findings import ActorRef, Affiliated, Finding, RuleRef, TextSpan, TopicRef, finding_id
from stancekit.reporting import build_report
from stancekit.reporting.highlight import highlight, marks
from stancekit.reporting.matrix import stance_colour

# --- hand-made findings -------------------------------------------------------------------------

#: Where each sentence starts in its document: offsets in a finding are document offsets.
AT = 120


def make(
    doc: str,
    date: str | None,
    sentence: str,
    actor: str,
    topic: str,
    cue: str | None,
    polarity: str = "support",
    *,
    actor_name: str | None = None,
    actor_id: str | None = None,
    via: str = "mention",
    affiliations: tuple[Affiliated, ...] = (),
    topic_id: str | None = None,
    topic_name: str | None = None,
    quoted: bool = False,
) -> Finding:
    """A finding whose actor, topic and cue are the first occurrences of those words in `sentence`."""

    def span(part: str) -> tuple[str, int, int]:
        start = sentence.index(part)
        return part, AT + start, AT + start + len(part)

    s = TextSpan(sentence, AT, AT + len(sentence))
    a = ActorRef(*span(actor), actor_name or actor, actor_id, via, "organisation", affiliations)
    t = TopicRef(*span(topic), topic_name or topic, topic_id)
    return Finding(
        id=finding_id(doc, s, "en.test", a, t),
        doc=doc,
        date=date,
        sentence=s,
        actor=a,
        topic=t,
        polarity=polarity,
        negated=False,
        hedged=False,
        quoted=quoted,
        speaker=None,
        rule=RuleRef("en.test", "rules/test.yaml", 1),
        ruleset="a" * 64,
        cue=TextSpan(*span(cue)) if cue else None,
    )


INJECTION = 'Mayor "Vik" & co. back <script>alert(1)</script> the bridge.'

COUNCIL = {"actor_name": "Oslo City Council"}

FINDINGS = [
    make(
        "oslo-jan",
        "2024-01-10",
        "Oslo City Council backs the ferry plan.",
        "Oslo City Council",
        "the ferry plan",
        "backs",
    ),
    make(
        "oslo-jan",
        "2024-01-22",
        "The council also supports the ferry plan.",
        "The council",
        "the ferry plan",
        "supports",
        via="pronoun",
        **COUNCIL,
    ),
    make(
        "oslo-jan",
        "2024-01-30",
        "The council still backs the ferry plan.",
        "council",
        "the ferry plan",
        "backs",
        **COUNCIL,
    ),
    make(
        "oslo-mar",
        "2024-03-05",
        "Oslo City Council now rejects the ferry plan.",
        "Oslo City Council",
        "the ferry plan",
        "rejects",
        "oppose",
    ),
    make(
        "oslo-mar",
        "2024-03-20",
        "The council again rejects the ferry plan.",
        "council",
        "the ferry plan",
        "rejects",
        "oppose",
        **COUNCIL,
    ),
    make(
        "bergen-mar", "2024-03-07", "Bergen opposes the toll and the bridge.", "Bergen", "the toll", "opposes", "oppose"
    ),
    make("bergen-mar", "2024-03-07", "Bergen is neutral on the bridge.", "Bergen", "the bridge", None, "neutral"),
    # a pronoun left unresolved: in the table, not in the matrix, the timelines or the figures
    make("bergen-mar", "2024-03-07", "They oppose the toll.", "They", "the toll", "oppose", "oppose"),
    make("notes", None, INJECTION, 'Mayor "Vik"', "the bridge", "back", quoted=True),
]


def page_of(findings=FINDINGS, **options) -> str:
    return build_report(findings, source="fixture.jsonl", **options)


def page_data(page: str) -> dict:
    """The JSON the page's script reads."""
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert found, "no data element"
    return json.loads(found.group(1))


def write_findings(path: Path, findings=FINDINGS) -> Path:
    path.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in findings), encoding="utf-8")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["report", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# --- the page as text ---------------------------------------------------------------------------


def test_page_loads_nothing_from_elsewhere():
    page = page_of()
    assert "<link" not in page.lower()
    assert not re.search(r"""\b(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<script[^>]*\bsrc\b", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert page.count("<style>") == 1 and page.count("<script") == 2


def test_page_holds_the_figures_the_matrix_the_shift_and_every_finding():
    page = page_of()
    data = page_data(page)
    assert data["summary"] == {
        "documents": 4,
        "findings": 9,
        "actors": 3,  # not "They"
        "topics": 3,
        "support": 4,
        "oppose": 4,
        "neutral": 1,
        "first_date": "2024-01-10",
        "last_date": "2024-03-20",
        "undated": 1,
        "undated_documents": 1,
        "unresolved": 1,
    }
    assert '<div class="figure" data-figure="dates"><dt>Dates</dt><dd>2024-01-10 to 2024-03-20</dd></div>' in page
    cells = {(c["actor"], c["topic"]): (c["support"], c["oppose"], c["neutral"]) for c in data["matrix"]["cells"]}
    assert cells == {
        ("oslo city council", "ferry"): (3, 2, 0),
        ("bergen", "toll"): (0, 1, 0),
        ("bergen", "bridge"): (0, 0, 1),
        ("vik", "bridge"): (1, 0, 0),
    }
    assert 'title="Oslo City Council on the ferry plan: 3 support, 2 oppose, 0 neutral">+1</td>' in page
    assert f"background:{stance_colour(1 / 5)}" in page
    assert f'background:{stance_colour(-1)}" data-actor="bergen" data-topic="toll"' in page
    # the council supported the ferry plan in January and opposed it in March
    [shift] = data["tracking"]["shifts"]
    assert (shift["actor"]["name"], shift["direction"], shift["topic"]["name"]) == (
        "Oslo City Council",
        "turned against",
        "the ferry plan",
    )
    section = page[page.index('<section id="shifts">') : page.index('<section id="findings">')]
    assert "<b>Oslo City Council</b> turned against <b>the ferry plan</b>" in section
    assert 'also <mark class="cue">supports</mark>' in section  # evidence before
    assert 'now <mark class="cue">rejects</mark>' in section  # evidence after
    timelines = page[page.index('<section id="timelines">') : page.index('<section id="shifts">')]
    assert timelines.count("<svg") == len(data["tracking"]["series"]) == 3
    tip = "<title>2024-01: 3 support, 0 oppose, 0 neutral (net +3)</title>"
    assert f'<g class="period" data-period="2024-01">{tip}' in timelines
    rows = re.findall(r'<tr data-id="([0-9a-f]+)"', page)
    assert sorted(rows) == sorted(f.id for f in FINDINGS)
    assert rows[-1] == FINDINGS[-1].id  # undated findings come last
    assert '<output id="shown" for="filters">9 of 9 findings shown</output>' in page
    # every actor can be chosen in the filter, the unresolved pronoun too
    assert [a["name"] for a in data["actors"]] == ["Oslo City Council", "Bergen", 'Mayor "Vik"', "They"]


def _matrix_seen(page: str) -> tuple[list[str], list[str], dict[tuple[str, str], str], str]:
    """The matrix as a reader sees it: row names, column names, the filled cells' signs, and the caption."""
    section = page[page.index('<section id="matrix">') : page.index('<section id="timelines">')]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', section)
    columns = re.findall(r'<th scope="col"[^>]*><span>([^<]*)</span></th>', section)
    cells = {
        (actor, topic): sign
        for actor, topic, sign in re.findall(r'data-actor="([^"]*)" data-topic="([^"]*)"[^>]*>([^<]*)</td>', section)
    }
    caption = re.search(r'<p class="note">(.*?)</p>', section).group(1)
    return rows, columns, cells, caption


def test_the_matrix_shows_the_topics_its_actors_hold_and_no_empty_row_or_column():
    def said(actor: str, topic: str, polarity: str = "support", n: int = 1) -> list[Finding]:
        cue = "backs" if polarity == "support" else "rejects"
        return [
            make(f"{actor}-{topic}-{i}", "2024-02-01", f"{actor} {cue} {topic}.", actor, topic, cue, polarity)
            for i in range(n)
        ]

    findings = [
        *said("Oslo", "the ferry plan", n=2),
        *said("Oslo", "the toll", "oppose"),
        *said("Oslo", "the tunnel"),
        *said("Bergen", "the toll"),
        *said("Bergen", "the bridge", "oppose", n=2),
        *said("Stavanger", "the museum", n=2),
        # the topic with most findings, held only by actors with one finding each: none is a row
        *said("Tromsø", "the airport"),
        *said("Bodø", "the airport"),
        *said("Molde", "the airport", "oppose"),
    ]
    page = page_of(findings, top=3)
    rows, columns, cells, caption = _matrix_seen(page)
    # the rows are the actors with most findings, less Stavanger, whose one topic did not make a column
    assert rows == ["Oslo", "Bergen"]
    # the topics the rows hold, by their findings on them; the toll first, two rows hold it
    assert columns == ["the toll", "the bridge", "the ferry plan"]
    assert cells == {
        ("oslo", "toll"): "−1",
        ("bergen", "toll"): "+1",
        ("bergen", "bridge"): "−2",
        ("oslo", "ferry"): "+2",
    }
    assert {a for a, _ in cells} == {r.casefold() for r in rows}
    assert {t for _, t in cells} == {"toll", "bridge", "ferry"}  # the columns by their keys
    assert caption == (
        "Rows: 2 of the 3 actors (of 6) with most findings, leaving out 1 with no finding on the topics shown. "
        "Columns: the 3 topics (of 6) on which those actors have most findings."
    )
    matrix = page_data(page)["matrix"]
    assert (matrix["actors_total"], matrix["topics_total"]) == (6, 6)
    # a column says how many findings its topic has in all, as a row does for its actor
    assert [(t["name"], t["findings"]) for t in matrix["topics"]] == [
        ("the toll", 2),
        ("the bridge", 2),
        ("the ferry plan", 2),
    ]


def test_the_matrix_caption_of_a_small_collection_shows_everything():
    _, _, _, caption = _matrix_seen(page_of())
    assert caption == (
        "Rows: the 3 actors (of 3) with most findings. Columns: the 3 topics (of 3) on which those actors have most "
        "findings."
    )


def test_the_figures_count_the_actors_and_topics_the_matrix_counts():
    # Trondheim's one finding names its topic by a pronoun: it is in the table, not in the figures
    it = make("trondheim", "2024-04-02", "Trondheim rejects it.", "Trondheim", "it", "rejects", "oppose")
    findings = [*FINDINGS, it]
    data = page_data(page_of(findings))
    summary, matrix = data["summary"], data["matrix"]
    assert (summary["actors"], summary["topics"]) == (matrix["actors_total"], matrix["topics_total"]) == (3, 3)
    assert summary["unresolved"] == 2


def test_news_text_is_escaped_everywhere():
    page = page_of(title='Ferries & "bridges" </title><script>alert(2)</script>')
    assert "<script>alert(" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (
        "<title>Ferries &amp; &quot;bridges&quot; &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    )
    assert 'data-actor="vik"' in page
    data = page_data(page)
    assert "</" not in re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1)
    # the JSON gives the text back as it was
    assert data["actors"][2]["name"] == 'Mayor "Vik"'


def test_actor_topic_and_cue_are_marked_at_their_offsets_in_the_sentence():
    finding = FINDINGS[-1]
    assert finding.sentence.start == AT and finding.topic.start > AT  # document offsets
    assert highlight(finding) == (
        '<mark class="actor">Mayor &quot;Vik&quot;</mark> &amp; co. <mark class="cue">back</mark> '
        '&lt;script&gt;alert(1)&lt;/script&gt; <mark class="topic">the bridge</mark>.'
    )
    assert [(m.role, finding.sentence.text[m.start : m.end]) for m in marks(finding)] == [
        ("actor", 'Mayor "Vik"'),
        ("cue", "back"),
        ("topic", "the bridge"),
    ]
    assert highlight(finding) in page_of()


def test_overlapping_parts_are_cut_into_pieces_never_nested():
    finding = make("d", None, "Ann backs a plan to back Bob.", "Ann", "a plan to back Bob", "backs")
    # the topic phrase holds the actor of another reading: mark a topic that contains the cue
    topic = TopicRef("backs a plan", AT + 4, AT + 16, "backs a plan")
    overlapping = Finding(**{**finding.__dict__, "topic": topic})
    assert highlight(overlapping) == (
        '<mark class="actor">Ann</mark> <mark class="cue topic">backs</mark><mark class="topic"> a plan</mark>'
        " to back Bob."
    )


def test_offsets_that_do_not_fit_the_sentence_are_found_by_text_or_left_unmarked():
    finding = FINDINGS[0]
    moved = Finding(
        **{
            **finding.__dict__,
            "topic": TopicRef("the ferry plan", 3, 17, "the ferry plan"),  # offsets into the sentence, not the document
            "actor": ActorRef("the harbour board", 10, 27, "the harbour board"),  # in another sentence
        }
    )
    assert (
        highlight(moved)
        == 'Oslo City Council <mark class="cue">backs</mark> <mark class="topic">the ferry plan</mark>.'
    )


def test_undated_findings_are_counted_and_listed_last():
    page = page_of()
    figure = "<dt>Undated findings</dt><dd>1 <small>in 1 document</small></dd>"
    assert f'<div class="figure" data-figure="undated">{figure}</div>' in page
    assert "Timelines and shifts count the 7 dated findings; the matrix counts undated ones too." in page
    assert re.search(r'data-day=""><td class="date">undated</td>', page)
    assert page_data(page)["tracking"]["undated"] == 1


def test_a_collection_without_dates_still_has_a_matrix_and_a_table():
    undated = [Finding(**{**f.__dict__, "date": None}) for f in FINDINGS]
    page = page_of(undated)
    assert "No dated findings: timelines need findings with a date." in page
    assert "No dated findings: shifts need findings with a date." in page
    assert page.count('<td class="cell') > 0
    assert "<dd>none</dd>" in page


def test_no_findings_give_a_page_that_says_so():
    page = page_of([])
    assert '<p class="empty">No findings.</p>' in page
    assert page_data(page)["summary"]["findings"] == 0


def test_roll_up_counts_people_for_the_body_they_speak_for():
    minister = make(
        "d",
        "2024-02-01",
        "The minister backs tax relief.",
        "The minister",
        "tax relief",
        "backs",
        actor_name="Ola Nordmann",
        affiliations=(Affiliated("nor_gov", "Government of Norway"), Affiliated("norway", "Norway")),
        topic_id="tax_cuts",
        topic_name="tax cuts",
    )
    data = page_data(page_of([minister], roll_up=True, topic_parents={"tax_cuts": "taxation"}, topic_names={}))
    assert [a["name"] for a in data["actors"]] == ["Government of Norway"]  # the nearest, as `track` does
    assert [t["key"] for t in data["topics"]] == ["taxation"]


# --- the command --------------------------------------------------------------------------------


def test_report_command_writes_the_page(tmp_path, capsys):
    findings = write_findings(tmp_path / "findings.jsonl")
    out = tmp_path / "out" / "report.html"
    code, stdout, err = run(capsys, findings, "-o", out, "--by", "week", "--title", "Ferries")
    assert code == ExitCode.OK, err
    assert stdout == ""
    assert f"wrote {out}: 9 findings from 4 documents" in err
    page = out.read_text(encoding="utf-8")
    assert "<title>Ferries</title>" in page
    assert page_data(page)["by"] == "week"
    assert page_data(page)["source"] == "findings.jsonl"
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary file left


def test_report_html_in_the_current_folder_by_default(tmp_path, capsys, monkeypatch):
    findings = write_findings(tmp_path / "findings.jsonl")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "findings.jsonl")
    assert code == ExitCode.OK, err
    assert "<title>Stance report: findings.jsonl</title>" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert findings.exists()


def test_min_evidence_is_what_a_period_needs_for_a_shift(tmp_path, capsys):
    findings = write_findings(tmp_path / "findings.jsonl")
    shifts = []
    for needed in (2, 3):
        out = tmp_path / f"r{needed}.html"
        code, _, err = run(capsys, findings, "-o", out, "--min-evidence", needed)
        assert code == ExitCode.OK, err
        shifts.append(len(page_data(out.read_text(encoding="utf-8"))["tracking"]["shifts"]))
    assert shifts == [1, 0]  # the council opposed the ferry plan twice in March


def test_roll_up_follows_the_bundled_topic_dictionary(tmp_path, capsys):
    minister = make("d", "2024-02-01", "Ola backs tax relief.", "Ola", "tax relief", "backs", topic_id="tax_cuts")
    findings = write_findings(tmp_path / "findings.jsonl", [minister])
    code, _, err = run(capsys, findings, "-o", tmp_path / "r.html", "--roll-up")
    assert code == ExitCode.OK, err
    topics = page_data((tmp_path / "r.html").read_text(encoding="utf-8"))["topics"]
    assert topics == [{"key": "economy", "name": "economic policy", "findings": 1}]


def test_malformed_findings_file_exits_4_naming_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(FINDINGS[0].to_dict()) + "\n{not json\n", encoding="utf-8")
    code, _, err = run(capsys, bad, "-o", tmp_path / "r.html")
    assert code == ExitCode.INPUT_ERROR
    assert f"{bad}:2: malformed JSON" in err
    assert not (tmp_path / "r.html").exists()


def test_missing_findings_file_exits_4(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "nowhere.jsonl", "-o", tmp_path / "r.html")
    assert code == ExitCode.INPUT_ERROR
    assert "nowhere.jsonl: cannot read" in err


def test_unwritable_output_exits_4(tmp_path, capsys):
    findings = write_findings(tmp_path / "findings.jsonl")
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _, err = run(capsys, findings, "-o", tmp_path / "file" / "r.html")
    assert code == ExitCode.INPUT_ERROR
    assert "error: cannot write" in err


@pytest.mark.parametrize(
    "args", [["--by", "fortnight"], [], ["--topics", "t.yaml"]], ids=["period", "no-file", "topics"]
)
def test_usage_errors_exit_2(tmp_path, capsys, args):
    findings = [] if not args else [write_findings(tmp_path / "findings.jsonl")]
    code, _, _ = run(capsys, *findings, *args)
    assert code == ExitCode.USAGE


def test_style_and_script_ship_inside_the_package():
    """The wheel packs every file under stancekit/, so assets beside the module are installed."""
    from importlib.resources import files

    for name in ("report.css", "report.js"):
        assert files("stancekit.reporting").joinpath(name).is_file()


# --- the page in a browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for all the browser tests of this module: starting one takes a second."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install '.[test]'")
    if not CHROMIUM:
        pytest.skip("no chromium on PATH: apt-get install chromium chromium-driver")
    if not CHROMEDRIVER:
        pytest.skip("no chromedriver on PATH: apt-get install chromium-driver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def opened(browser, tmp_path_factory):
    """The report of FINDINGS, loaded; with the browser log of the load."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page_of(), encoding="utf-8")
    browser.get(path.as_uri())
    # the script fills the actor filter from the page's data: once it has, the page has run
    WebDriverWait(browser, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#filter-actor option")) > 1)
    return browser, browser.get_log("browser")


def _shown(driver) -> tuple[str, int]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")
    return driver.find_element(By.ID, "shown").text, sum(1 for r in rows if r.is_displayed())


def _errors(log: list[dict]) -> list[dict]:
    return [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")]


def test_page_runs_without_console_errors_and_draws_the_matrix(opened, tmp_path):
    from selenium.webdriver.common.by import By

    driver, log = opened
    assert _errors(log) == []
    cells = driver.find_elements(By.CSS_SELECTOR, "table.matrix td.cell:not(.empty)")
    assert len(cells) == 4
    assert all(cell.is_displayed() and cell.size["width"] > 10 for cell in cells)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.timeline rect.support")[0].size["height"] > 0
    assert _shown(driver) == ("9 of 9 findings shown", 9)
    # the injected sentence is text on the page, not a script that ran
    assert "<script>alert(1)</script>" in driver.find_element(By.CSS_SELECTOR, "tr:last-child td.evidence").text
    assert driver.save_screenshot(str(tmp_path / "report.png"))


def test_filters_change_the_rows_shown(opened):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver, _ = opened
    wait = WebDriverWait(driver, 5)
    Select(driver.find_element(By.ID, "filter-actor")).select_by_value("oslo city council")
    wait.until(lambda d: _shown(d) == ("5 of 9 findings shown", 5))
    Select(driver.find_element(By.ID, "filter-polarity")).select_by_value("oppose")
    wait.until(lambda d: _shown(d) == ("2 of 9 findings shown", 2))
    driver.find_element(By.ID, "filter-reset").click()
    wait.until(lambda d: _shown(d) == ("9 of 9 findings shown", 9))
    # a date range leaves out the undated finding and those outside it
    set_date = (
        "var input = document.getElementById(arguments[0]); input.value = arguments[1];"
        "input.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    driver.execute_script(set_date, "filter-from", "2024-03-01")
    wait.until(lambda d: _shown(d) == ("5 of 9 findings shown", 5))
    driver.find_element(By.ID, "filter-reset").click()
    wait.until(lambda d: _shown(d) == ("9 of 9 findings shown", 9))
    driver.execute_script(set_date, "filter-to", "2024-01-31")
    wait.until(lambda d: _shown(d) == ("3 of 9 findings shown", 3))
    driver.find_element(By.ID, "filter-reset").click()
    wait.until(lambda d: _shown(d) == ("9 of 9 findings shown", 9))
    assert _errors(driver.get_log("browser")) == []


def test_a_matrix_cell_lists_its_findings(opened):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver, _ = opened
    cell = driver.find_element(By.CSS_SELECTOR, 'td.cell[data-actor="bergen"][data-topic="toll"]')
    cell.click()
    WebDriverWait(driver, 5).until(lambda d: _shown(d) == ("1 of 9 findings shown", 1))
    assert Select(driver.find_element(By.ID, "filter-topic")).first_selected_option.text == "the toll (2)"
    driver.find_element(By.ID, "filter-reset").click()
    WebDriverWait(driver, 5).until(lambda d: _shown(d) == ("9 of 9 findings shown", 9))


SCRIPT_ACTOR = "<script>window.ran = 1; alert(1)</script>"
IMG_TOPIC = "<img src=x onerror=alert(1)>"
SVG_TOPIC = '<svg onload="window.ran = 2; alert(2)">'


def test_markup_in_actor_and_topic_is_shown_as_text_and_never_runs(browser, tmp_path):
    """A scraped document can hold markup where the rules find an actor and a topic: on the
    page it is text, in every place the page puts an actor or a topic (table, filters, matrix,
    timelines), with no dialog and nothing in the console."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    findings = [
        make(f"doc-{i}", date, f"{actor} backs {topic} again.", actor, topic, "backs", polarity)
        for i, (date, actor, topic, polarity) in enumerate(
            [
                ("2024-01-05", SCRIPT_ACTOR, IMG_TOPIC, "support"),
                ("2024-02-05", SCRIPT_ACTOR, IMG_TOPIC, "support"),
                ("2024-03-05", SCRIPT_ACTOR, IMG_TOPIC, "oppose"),
                ("2024-04-05", SCRIPT_ACTOR, IMG_TOPIC, "oppose"),
                ("2024-02-07", "Oslo city council", SVG_TOPIC, "support"),
                (None, SCRIPT_ACTOR, SVG_TOPIC, "neutral"),
            ]
        )
    ]
    path = tmp_path / "hostile.html"
    path.write_text(page_of(findings), encoding="utf-8")
    browser.get_log("browser")  # what earlier pages logged
    browser.get(path.as_uri())
    WebDriverWait(browser, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#filter-actor option")) > 1)
    Select(browser.find_element(By.ID, "filter-actor")).select_by_index(1)
    Select(browser.find_element(By.ID, "filter-actor")).select_by_index(0)
    for cell in browser.find_elements(By.CSS_SELECTOR, "table.matrix td.cell:not(.empty)")[:2]:
        cell.click()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is what raises
    assert browser.execute_script("return window.ran === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, "img[onerror], svg[onload]") == []
    # the page's data is JSON in a script element the browser never runs; no other holds the text
    ran = "//script[not(@type='application/json') and contains(., 'window.ran')]"
    assert browser.find_elements(By.XPATH, ran) == []
    page_text = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT_ACTOR in page_text and IMG_TOPIC in page_text and SVG_TOPIC in page_text
    options = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#filter-actor option, #filter-topic option")]
    assert any(SCRIPT_ACTOR in o for o in options) and any(IMG_TOPIC in o for o in options)
    assert _errors(browser.get_log("browser")) == []
