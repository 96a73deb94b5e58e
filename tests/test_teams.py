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


def test_a_story_is_read_for_its_words_of_sport_only_when_a_country_holds_a_stance(monkeypatch) -> None:
    """Telling a sports story from politics reads every word of the document: a story whose
    actors are people and bodies has no country to key as a team, and is not read for it."""
    import stancekit.engine.matcher as matcher

    read: list[str] = []
    counted = matcher.story_words
    monkeypatch.setattr(matcher, "story_words", lambda text: read.append(text) or counted(text))
    assert list(keys(MATCH_REPORT + "The head coach backed the new captain.")) == ["The head coach"]
    assert read == []
    assert keys(MATCH_REPORT + "Italy defended the lead with a late tackle.")["Italy"] == "italy team"
    assert len(read) == 1
