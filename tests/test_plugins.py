"""Plugins and rule packs: an example package (tests/fixtures/example_plugin, exposed through
its entry-point metadata) adds a token class, a capture type, resolvers, an output format and
a rule pack; rule files stay data."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from stancekit import plugins, registry
from stancekit.cli import main
from stancekit.exitcodes import ExitCode

EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "example_plugin"

NEWS = (
    "The city council pledged $ 5 million for the new pier. "
    "Kestrel Greens promised 40 million euros to H.R. 1234. "
    "The ministry cuts $ 40 million from the museum budget."
)


@pytest.fixture
def example_plugin(monkeypatch):
    """The example package as if installed: its folder on sys.path, plugins loaded afresh."""
    monkeypatch.syspath_prepend(str(EXAMPLE))
    importlib.invalidate_caches()
    plugins.reset_for_tests()
    yield EXAMPLE
    plugins.reset_for_tests()
    for name in [m for m in sys.modules if m.startswith("stancekit_example_plugin")]:
        del sys.modules[name]


@pytest.fixture
def news(tmp_path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


def scan_records(capsys, *args) -> list[dict]:
    assert main(["scan", *map(str, args), "-f", "jsonl", "-q", "--no-cache"]) == ExitCode.OK
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_an_installed_pack_runs_by_name_with_the_plugins_it_needs(example_plugin, news, capsys):
    records = scan_records(capsys, news, "--rules", "pack:example-money")
    assert [(r["rule"]["id"], r["actor"]["text"], r["topic"]["text"]) for r in records] == [
        ("example.money.pledge", "The city council", "the new pier"),  # {amount:MONEY}
        ("example.money.pledge", "Kestrel Greens", "H.R. 1234"),
        ("example.money.cut", "The ministry", "the museum budget"),  # [currency]
    ]
    # the plugin's resolvers name what the dictionaries do not know
    assert (records[1]["actor"]["name"], records[1]["actor"]["id"], records[1]["actor"]["via"]) == (
        "Kestrel Green Party",
        "KGP",
        "plugin",
    )
    assert (records[1]["topic"]["name"], records[1]["topic"]["id"]) == ("House bill 1234", "HR-1234")


def test_the_packs_examples_pass_and_packs_are_listed_with_their_package(example_plugin, capsys):
    assert main(["test", "pack:example-money", "--no-cache"]) == ExitCode.OK
    assert capsys.readouterr().out.splitlines()[-1] == "6 passed, 0 failed"
    assert main(["rules", "--packs"]) == ExitCode.OK
    listing = capsys.readouterr().out
    assert "pack:example-money" in listing and "stancekit-example-plugin 1.0" in listing
    assert "pack:en" in listing


def test_a_plugin_output_format_writes_its_file(example_plugin, news, tmp_path, capsys):
    target = tmp_path / "findings.brief"  # the format follows the plugin's extension
    assert main(["scan", str(news), "--rules", "pack:example-money", "-o", str(target), "-q"]) == ExitCode.OK
    assert target.read_text(encoding="utf-8").splitlines() == [
        "city council\tsupport\tthe new pier",
        "Kestrel Green Party\tsupport\tHouse bill 1234",
        "ministry\toppose\tthe museum budget",
    ]
    assert main(["scan", str(news), "--rules", "pack:example-money", "--format", "brief", "-q"]) == ExitCode.OK
    assert capsys.readouterr().out.count("\t") == 6


def test_a_plugin_tagger_tags_the_sentences_of_a_rule_file_that_names_it(example_plugin, news, tmp_path, capsys):
    rules = tmp_path / "verbs.yaml"
    body = """
rules:
  - id: t.pledge
    pattern: "{actor:ACTOR} pledge & [VERB] {topic:TOPIC}"
    polarity: support
"""
    rules.write_text("stancekit: 1\n" + body, encoding="utf-8")
    assert [r["actor"]["text"] for r in scan_records(capsys, news, "--rules", rules)] == ["The city council"]
    rules.write_text("stancekit: 1\ntagger: lookup\n" + body, encoding="utf-8")
    assert scan_records(capsys, news, "--rules", rules) == []  # the plugin's tagger reads 'pledged' as a noun


def test_plugins_lists_what_each_registers_and_a_broken_one_is_reported(example_plugin, capsys):
    assert main(["plugins"]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert "warning: plugin 'broken' (package stancekit-example-plugin) failed to load" in err
    assert "RuntimeError: the party database is unreachable" in err
    assert "money  (stancekit-example-plugin 1.0)  loaded" in out
    assert "token class     [currency]: a currency sign or word" in out
    assert "capture type    {name:MONEY}" in out
    assert "output format   --format brief (files ending .brief)" in out
    assert "tagger          lookup: tags from a word list" in out
    assert "broken  (stancekit-example-plugin 1.0)  failed: RuntimeError" in out
    assert "half" not in registry.token_class_names()  # a failed plugin leaves nothing behind


def test_with_no_plugins_a_file_that_needs_one_fails_where_it_names_it(example_plugin, capsys):
    assert main(["--no-plugins", "check", "pack:example-money"]) == ExitCode.RULE_ERROR
    err = capsys.readouterr().out + capsys.readouterr().err
    assert "money.yaml:3:11: error[missing-plugin]: this file needs plugin 'money', and plugins are disabled" in err


def test_a_rule_naming_a_missing_plugin_fails_check_with_file_line_col(tmp_path, capsys):
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "stancekit: 1\nplugins: [money]\nrules:\n"
        "  - id: x.pledge\n    pattern: '{actor:ACTOR} pledged {amount:MONEY} for {topic:TOPIC}'\n"
        "    polarity: support\n",
        encoding="utf-8",
    )
    plugins.reset_for_tests()
    try:
        assert main(["check", str(rules)]) == ExitCode.RULE_ERROR
    finally:
        plugins.reset_for_tests()
    out = capsys.readouterr().out
    assert f"{rules}:2:11: error[missing-plugin]: this file needs plugin 'money', which is not installed" in out
    assert "unknown capture type 'MONEY'" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stancekit: 1\nrules: !!python/object/apply:os.system ['touch {marker}']\n", "yaml-tag"),
        ("stancekit: 1\nlexicons:\n  x: !!python/name:os.system\n", "yaml-tag"),
        (
            "stancekit: 1\nrules:\n  - id: x\n"
            "    pattern: '{{actor:ACTOR}} backs {{t:os.system}}'\n    polarity: support\n",
            "unknown-capture-type",
        ),
        ("stancekit: 1\nplugins: ['os:system']\nrules: []\n", "missing-plugin"),
        ("stancekit: 1\nimports: ['pack:os.system/x.yaml']\nrules: []\n", "missing-import"),
    ],
)
def test_a_rule_file_can_never_run_code(tmp_path, capsys, text, expected):
    marker = tmp_path / "ran"
    rules = tmp_path / "evil.yaml"
    rules.write_text(text.format(marker=marker), encoding="utf-8")
    assert main(["check", str(rules)]) == ExitCode.RULE_ERROR
    assert f"error[{expected}]" in capsys.readouterr().out
    assert not marker.exists()


def test_a_plugin_callable_that_raises_is_reported_once_and_the_scan_goes_on(tmp_path, capsys):
    def flaky(token):
        raise ValueError("lookup table missing")

    registry.register_token_class("flaky", flaky, plugin="flaky-plugin")
    try:
        rules = tmp_path / "mine.yaml"
        rules.write_text(
            "stancekit: 1\nrules:\n"
            "  - id: x.flaky\n    pattern: '{actor:ACTOR} [flaky] {topic:TOPIC}'\n    polarity: support\n"
            "  - id: x.backs\n    pattern: '{actor:ACTOR} backs {topic:TOPIC}'\n    polarity: support\n",
            encoding="utf-8",
        )
        news = tmp_path / "news.txt"
        news.write_text("The council backs the pier. The mayor backs the harbour.", encoding="utf-8")
        assert main(["scan", str(news), "-r", str(rules), "-f", "jsonl", "--no-cache"]) == ExitCode.OK
    finally:
        registry.unregister("flaky-plugin")
    out, err = capsys.readouterr()
    assert [json.loads(line)["rule"]["id"] for line in out.splitlines()] == ["x.backs", "x.backs"]
    assert err.count("warning: plugin 'flaky-plugin' raised ValueError in its token class 'flaky'") == 1
