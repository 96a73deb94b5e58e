"""A country named as an actor in a sports story is keyed as its team, not as its state."""

from __future__ import annotations

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())

MATCH_REPORT = (
    "Late penalty settles the rugby match\n\n"
    "The referee awarded a penalty after the scrum collapsed in the second half of the match.\n\n"
)


def keys(text: str, doc: str = "d") -> dict[str, str | None]:
    return {f.actor.text: f.actor.key for f in MATCHER.scan(Document(doc, text))}


def test_a_nation_in_a_match_report_is_its_team() -> None:
    text = MATCH_REPORT + "Wales resisted the pressure and defended their line."
    assert keys(text)["Wales"] == "wales team"


def test_a_state_in_a_match_report_is_its_team() -> None:
    text = MATCH_REPORT + "Italy defended the lead with a late tackle."
    assert keys(text)["Italy"] == "italy team"


def test_a_nation_in_a_political_story_is_no_team() -> None:
    text = "Ministers met in Cardiff on Monday.\n\nWales welcomed the new funding for hospitals."
    assert keys(text)["Wales"] == "wales"


def test_a_state_in_a_political_story_keeps_its_dictionary_key() -> None:
    text = "Ministers met in Rome on Monday.\n\nItaly welcomed the new trade deal."
    assert keys(text)["Italy"] == "ITA"
