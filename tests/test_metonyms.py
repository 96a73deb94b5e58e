"""A capital named as an actor is its government in political news, and the city elsewhere."""

from __future__ import annotations

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def keys(text: str) -> dict[str, str | None]:
    return {f.actor.text: f.actor.key for f in MATCHER.scan(Document("d", text))}


def test_a_capital_in_a_film_festival_story_is_the_city() -> None:
    text = "The film festival opened on Thursday with a gala screening.\n\nBerlin hails the new wave of cinema."
    assert keys(text)["Berlin"] == "berlin"


def test_a_capital_in_political_news_is_its_government() -> None:
    text = (
        "Finance ministers met on Monday to discuss the budget policy of the government.\n\n"
        "Berlin welcomed the decision of the commission."
    )
    assert keys(text)["Berlin"] == "DEU"


def test_a_seat_of_government_outside_political_news_is_still_its_government() -> None:
    text = "The dollar fell again on Monday as traders sold.\n\nThe White House backs a strong dollar."
    assert keys(text)["The White House"] == "USA"
