"""What a pointing topic ("the tax", "the bill", "the law") is keyed by: the phrase its story
named with that head, passing over ones that say no more than the head or that only set the
story, and never past another one of its kind named in between."""

from __future__ import annotations

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def topic_keys(text: str, doc: str = "local/5") -> dict[str, str | None]:
    """The topic key of each finding of `text`, by the topic as written."""
    return {f.topic.text: f.topic.key for f in MATCHER.scan(Document(doc, text))}


def test_a_bare_head_takes_the_measure_its_story_named_with_that_head() -> None:
    """In a story about a carbon tax, "the tax" is that tax, not taxation at large."""
    text = (
        "Province keeps its carbon tax\n\n"
        "The province brought in a carbon tax on petrol five years ago. Farmers complained about "
        "the tax at first. Now most voters support the tax."
    )
    assert topic_keys(text)["the tax"] == "carbon_tax"


def test_a_pointing_head_does_not_reach_past_another_one_named() -> None:
    """With another bill, his own, named in between, "the House bill" is not the bill named first."""
    text = (
        "Senator wins island primary\n\n"
        "The senator recalled the immigration reform bill that failed years ago. Her rival will "
        "introduce his own bill on the island's debt. Union leaders oppose the House bill."
    )
    assert topic_keys(text)["the House bill"].endswith("@local/5")


def test_whose_plans_they_are_names_no_other_plans() -> None:
    """The government's plans are the identity cards plan the story named before them."""
    text = (
        "Minister keeps identity cards plan\n\n"
        "The minister vowed to press on with the identity cards plan. The opposition criticised the "
        "government's plans on Monday. Police chiefs said they support the plans."
    )
    assert topic_keys(text)["the plans"] == "id_cards"


def test_a_law_is_not_keyed_by_the_elections_that_set_its_story() -> None:
    """Election laws in a story about voter ID are the voter ID laws, not elections at large."""
    text = (
        "Court blocks voter ID law\n\n"
        "The state passed a strict voter identification law last year. Judges said the state's "
        "election laws hurt minority voters. The governor defended the law."
    )
    assert topic_keys(text)["the law"] == "voting_rights"


def test_plans_a_party_is_named_with_are_not_another_partys_plans() -> None:
    """ "The Tory plans" are not the Labour plans on the same issue named just before them."""
    text = (
        "Parties clash over bus fares\n\n"
        "The minister said Labour would set out plans for cheaper rail fares next week and attacked "
        "the Tory plans."
    )
    assert topic_keys(text)["the Tory plans"] != topic_keys(text).get("plans for cheaper rail fares", "")
    assert "rail fare" not in topic_keys(text)["the Tory plans"]


def test_a_war_in_a_story_about_another_issue_is_not_that_issue() -> None:
    """In a story about immigration, "the war" is no immigration policy."""
    text = (
        "Immigration row grows\n\n"
        "The opposition set out its immigration plans and its asylum quotas. Immigration figures rose "
        "again, and immigration dominated the debate. The party leader has backed the war."
    )
    assert not topic_keys(text)["the war"].startswith("immigration")
