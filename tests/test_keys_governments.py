"""A country's government is keyed as the country, wherever it is named so."""

from __future__ import annotations

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())

BRITAIN = (
    "Ministers defend jobs plan\n\n"
    "Britain's economy is stronger than its rivals', the UK Treasury said on Monday. "
    "Firms across Britain are hiring. "
)


def keys(text: str, doc: str = "politics/9") -> dict[str, tuple[str | None, str | None]]:
    """(actor key, topic key) of each finding of `text`, by its cue and topic as written."""
    return {f"{f.cue.text}: {f.topic.text}": (f.actor.key, f.topic.key) for f in MATCHER.scan(Document(doc, text))}


def test_the_government_of_a_story_about_one_country_is_that_country() -> None:
    found = keys(BRITAIN + "The government backs the new rail line. Union leaders attacked the government.")
    assert found["backs: the new rail line"][0] == "GBR"
    assert found["attacked: the government"][1] == "GBR"


def test_a_government_named_with_its_country_is_that_country() -> None:
    found = keys(
        BRITAIN + "The Irish government opposes the new rail line. India's government backs the treaty. "
        "Farmers criticised the US government."
    )
    assert found["opposes: the new rail line"][0] == "IRL"
    assert found["backs: the treaty"][0] == "IND"
    assert found["criticised: the US government"][1] == "USA"


def test_the_government_of_a_story_that_names_no_country_is_kept_within_its_story() -> None:
    """Another story's government may be another country's."""
    found = keys("The government backs the new rail line. Union leaders attacked the government.", doc="news/4")
    assert found["backs: the new rail line"][0] == "government@news/4"
    assert found["attacked: the government"][1] == "government@news/4"


def test_a_government_named_by_its_leader_or_its_time_keeps_its_own_key() -> None:
    """The Blair government and the previous government are not the country's whole story."""
    found = keys(BRITAIN + "The previous government opposed the new rail line. Critics attacked the Blair government.")
    assert found["opposed: the new rail line"][0] not in ("GBR", "previous government")
    assert found["attacked: the Blair government"][1] == "blair government"


def test_a_government_named_indefinitely_or_by_a_place_that_is_no_country_keeps_its_own_key() -> None:
    found = keys(
        BRITAIN + "Voters want a government that supports the new rail line. "
        "The island's government opposes the new rail line."
    )
    assert "GBR" not in {actor for actor, _ in found.values()}
