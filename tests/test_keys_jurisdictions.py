"""An issue each country decides for itself is keyed with the country it is decided in."""

from __future__ import annotations

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def topic_keys(text: str, doc: str = "world/7") -> dict[str, str | None]:
    """The topic key of each finding of `text`, by the topic as written."""
    return {f.topic.text: f.topic.key for f in MATCHER.scan(Document(doc, text))}


BRAZIL = (
    "Brazil's jobless rate falls\n\n"
    "Brazil's economy grew faster than expected last year, the central bank of Brazil said. "
    "Analysts in Brazil expect more hiring. The president backs plans to reduce unemployment."
)
BRITAIN = (
    "Chancellor sets out jobs plan\n\n"
    "Britain's economy is stronger than its rivals', the chancellor told MPs. "
    "Firms across the UK are hiring. The chancellor backs plans to reduce unemployment."
)


def test_an_issue_takes_the_country_its_story_is_about() -> None:
    assert topic_keys(BRAZIL)["plans to reduce unemployment"] == "jobs/BRA"
    assert topic_keys(BRITAIN)["plans to reduce unemployment"] == "jobs/GBR"


def test_a_country_is_named_by_the_parties_and_bodies_that_belong_to_it() -> None:
    text = (
        "Tories and Labour clash over pensions\n\n"
        "The Conservative Party and the Labour Party traded blows on Monday. "
        "The Tories said Labour would raise the retirement age. "
        "The Liberal Democrats oppose raising the retirement age."
    )
    keys = {key for key in topic_keys(text).values() if key and key.startswith("pension_reform")}
    assert keys == {"pension_reform/GBR"}


def test_a_country_the_topic_names_as_the_owner_of_the_issue_wins_over_the_story() -> None:
    text = (
        "Exporters count the cost\n\n"
        "British exporters had a hard year, the UK trade body said. "
        "British firms say exports to America were hit. "
        "Most exporters oppose the US's tax policy on imports."
    )
    assert topic_keys(text)["the US's tax policy on imports"] == "taxation/USA"


def test_a_people_word_says_where_people_come_from_not_whose_issue_it_is() -> None:
    text = (
        "Governors split on resettlement\n\n"
        "Governors across the United States disagree about resettlement, and America's cities are divided. "
        "Several governors have opposed admitting Syrian refugees."
    )
    keys = topic_keys(text)
    assert [key for key in keys.values() if key and key.startswith("refugees")] == ["refugees/USA"]


def test_a_story_that_names_no_country_clearly_leaves_the_issue_as_it_is() -> None:
    text = "Ministers met on Monday. The minister backs plans to reduce unemployment."
    assert topic_keys(text)["plans to reduce unemployment"] == "jobs"


def test_an_issue_between_countries_is_not_placed() -> None:
    """A trade deal's phrase names a partner as often as the country that signs it."""
    text = (
        "Exporters welcome talks\n\n"
        "Britain and its partners met in London, and the UK said talks went well. "
        "British farmers support a free trade agreement."
    )
    assert topic_keys(text)["a free trade agreement"] == "free_trade_agreement"


def test_a_measure_aimed_at_a_country_is_told_apart_by_its_target() -> None:
    """The embargo on Cuba and the embargo on China are two embargoes."""
    cuba = topic_keys("Exporters say the embargo on Cuba should end. Farmers oppose the embargo on Cuba.")
    china = topic_keys("Ministers met in Brussels. Diplomats oppose lifting the arms embargo on China.")
    assert cuba["the embargo on Cuba"] == "sanctions/CUB"
    assert china["lifting the arms embargo on China"] == "arms_embargo/CHN"


def test_a_measure_that_names_no_target_keeps_its_key() -> None:
    keys = topic_keys("Ministers met in Brussels. Farmers oppose new tariffs.")
    assert keys["new tariffs"] == "tariffs"


def actor_keys(text: str, doc: str = "world/7") -> list[str | None]:
    return [f.actor.key for f in MATCHER.scan(Document(doc, text))]


def test_a_party_named_by_a_word_of_its_own_country_is_that_party_in_a_story_about_that_country() -> None:
    """ "Labour" is Britain's Labour Party in a story about Britain, written so."""
    text = BRITAIN + "\n\nLabour backs the harbour tunnel, aides said. The Conservatives oppose the harbour tunnel."
    assert actor_keys(text)[-2:] == ["GBR_LABOUR_PARTY", "GBR_CONSERVATIVE_PARTY"]


def test_a_word_that_names_a_party_at_home_is_no_party_in_a_story_about_another_country() -> None:
    text = BRAZIL + "\n\nLabour backs the harbour tunnel, aides said."
    assert actor_keys(text)[-1] not in ("GBR_LABOUR_PARTY", None)
