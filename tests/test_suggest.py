"""`stancekit suggest`: a dictionary draft from a findings file that --actors/--topics load."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from stancekit.cli import cli

STORIES = {
    "one.txt": "The union opposes the new bike lanes. Mayor Ana Reyes backs the bike lane.",
    "two.txt": "Shopkeepers oppose calls for bike lanes in the old town. Ms. Reyes supports the plan.",
    "three.txt": "The council backs bike lanes for lorries.",
}


def scan(tmp_path: Path, *options: str) -> list[dict]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in STORIES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / f"findings{len(options)}.jsonl"
    result = CliRunner().invoke(
        cli, ["scan", str(corpus), "--format", "jsonl", "-o", str(out), "-q", "--no-cache", *options]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_suggested_topics_load_with_topics_and_name_the_findings(tmp_path: Path) -> None:
    before = scan(tmp_path)
    assert {r["topic"]["key"] for r in before if "bike" in r["topic"]["text"]} == {"bike lane"}
    draft = tmp_path / "topics.yaml"
    result = CliRunner().invoke(cli, ["suggest", "topics", str(tmp_path / "findings0.jsonl"), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(draft.read_text(encoding="utf-8"))["topics"]
    assert entries[0]["id"] == "bike_lane" and entries[0]["aliases"] == ["bike lane"]
    assert "4 findings" in draft.read_text(encoding="utf-8")  # the count and the ways it is written

    after = scan(tmp_path, "--topics", str(draft))
    named = [r for r in after if "bike" in r["topic"]["text"]]
    assert len(named) == 4 and all(r["topic"]["id"] == r["topic"]["key"] == "bike_lane" for r in named)


def test_suggested_actors_list_the_names_one_person_is_written_under(tmp_path: Path) -> None:
    scan(tmp_path)
    result = CliRunner().invoke(cli, ["suggest", "actors", str(tmp_path / "findings0.jsonl"), "--min-count", "2"])
    assert result.exit_code == 0, result.output
    (entry,) = yaml.safe_load(result.output)["actors"]
    assert (entry["id"], entry["name"], entry["type"]) == ("ana_reyes", "Ana Reyes", "person")
    draft = tmp_path / "actors.yaml"
    draft.write_text(result.output, encoding="utf-8")
    assert CliRunner().invoke(cli, ["rules", "--actors", str(draft)]).exit_code == 0  # loads as it is


def test_people_and_pronouns_are_not_suggested_as_topics(tmp_path: Path) -> None:
    findings = tmp_path / "people.jsonl"
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "a.txt").write_text("The union backs Ana Reyes. The council opposes it.", encoding="utf-8")
    (tmp_path / "people" / "b.txt").write_text(
        "The union backs Ms. Ana Reyes. The council opposes it.", encoding="utf-8"
    )
    args = ["scan", str(tmp_path / "people"), "-f", "jsonl", "-o", str(findings), "-q", "--no-cache"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    result = CliRunner().invoke(cli, ["suggest", "topics", str(findings)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.output)["topics"] is None  # Ana Reyes is an actor, "it" no topic


def test_a_noun_each_story_keeps_to_itself_is_suggested_and_then_counted_across_them(tmp_path: Path) -> None:
    """In a collection about one pier, "the new pier" of each article is one topic once the
    user keeps the suggested entry."""
    corpus = tmp_path / "pier"
    corpus.mkdir()
    for name, verb in (("a.txt", "backs"), ("b.txt", "opposes"), ("c.txt", "praises")):
        (corpus / name).write_text(f"The Kelby harbour board {verb} the new pier.", encoding="utf-8")

    def scanned(*options: str) -> list[dict]:
        out = tmp_path / f"pier{len(options)}.jsonl"
        args = ["scan", str(corpus), "-f", "jsonl", "-o", str(out), "-q", "--no-cache", *options]
        assert CliRunner().invoke(cli, args).exit_code == 0
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    assert len({r["topic"]["key"] for r in scanned()}) == 3  # each article's own pier
    draft = tmp_path / "pier-topics.yaml"
    result = CliRunner().invoke(cli, ["suggest", "topics", str(tmp_path / "pier0.jsonl"), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in yaml.safe_load(draft.read_text(encoding="utf-8"))["topics"]] == ["pier"]
    assert {r["topic"]["key"] for r in scanned("--topics", str(draft))} == {"pier"}
