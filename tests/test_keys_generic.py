"""What another story names by the same word is another thing: generic heads, groups of people,
and a named measure under a broad issue."""

from __future__ import annotations

import pytest

from stancekit import Document, Matcher, load_rules
from stancekit.engine.profile import default_profile
from stancekit.findings import TopicRef
from stancekit.keys import topic_key

PROFILE = default_profile()
MATCHER = Matcher(load_rules().compile())


def keyed(topic: str, doc: str = "d4") -> str:
    return topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc=doc)


#: Opens a story in political words, which the rules read advice in.
POLITICS = "The election campaign and the government's policy divided the party's voters. "


def topic_keys(text: str, doc: str = "local/3") -> dict[str, str | None]:
    """The topic key of each finding of `text`, by the topic as written."""
    return {f.topic.text: f.topic.key for f in MATCHER.scan(Document(doc, text))}


@pytest.mark.parametrize(
    "topic",
    [
        "charges",
        "the market",
        "aid",
        "an anti-corruption drive",
        "Tory quotas",
        "a town hall",
        "answer questions",
        "the report's findings",
        "a super PAC",
        "mine",
        "violence at his rallies",
    ],
)
def test_a_noun_that_says_which_only_with_a_modifier_is_kept_within_its_document(topic: str) -> None:
    """One firm's charges are not another's, nor one party's quota another's."""
    assert keyed(topic).endswith("@d4")


@pytest.mark.parametrize(
    ("topic", "key"),
    [("fraud charges", "fraud charge"), ("the housing market", "housing market"), ("gun violence", "gun violence")],
)
def test_a_common_noun_before_such_a_head_says_which(topic: str, key: str) -> None:
    assert keyed(topic) == key


@pytest.mark.parametrize("topic", ["women", "women in the armed forces", "young voters", "political parties"])
def test_a_group_of_people_as_a_topic_is_kept_within_its_document(topic: str) -> None:
    """Another story's women are other women, as they are when they are an actor."""
    assert keyed(topic).endswith("@d4")


@pytest.mark.parametrize(("topic", "key"), [("charter schools", "charter school"), ("EU leaders", "eu leader")])
def test_a_kind_or_a_name_before_the_group_keeps_it_across_documents(topic: str, key: str) -> None:
    assert keyed(topic) == key


def test_a_dictionary_entry_named_only_by_a_generic_word_is_kept_within_its_document() -> None:
    """A disciplinary sanction in a sports story is no trade sanction of another."""
    keys = topic_keys("The federation will review the case. The sprinter's lawyer has welcomed the sanction.")
    assert keys["the sanction"] == "sanction@local/3"


def test_a_dictionary_entry_a_modifier_names_keeps_its_id() -> None:
    keys = topic_keys("The senators opposed the nuclear deal.")
    assert keys["the nuclear deal"] == "nuclear_deal"


def test_a_named_measure_is_apart_from_the_broad_issue() -> None:
    """Council tax is one tax; plans to raise taxes on the rich are about taxes in general."""
    keys = topic_keys("Mr Okafor backs council tax. Ms Ruiz backs plans to increase income tax.", doc="local/3")
    assert keys["council tax"] == "council tax"
    assert keys["plans to increase income tax"] == "taxation"


def test_a_named_measure_takes_the_country_its_story_is_about() -> None:
    text = (
        "Council tax row in Britain\n\n"
        "Britain's councils and the UK Treasury are at odds. Pensioners across the UK face higher bills. "
        "The Liberal Democrats oppose council tax."
    )
    assert topic_keys(text)["council tax"] == "council tax/GBR"


def test_a_union_of_countries_named_before_the_issue_is_where_it_is_decided() -> None:
    text = (
        "Washington watches Europe\n\n"
        "The United States and America's allies met. US officials said the US economy is strong. "
        "The senator criticised EU economic policies."
    )
    assert topic_keys(text)["EU economic policies"] == "economy/EU"


def test_what_a_country_should_do_is_kept_within_its_document() -> None:
    """ "The US should send troops" and "the US should stay out of the war" are not one topic."""
    keys = topic_keys(POLITICS + "Senator Ana Ruiz said the United States should send more troops to the region.")
    assert keys["the United States should send more troops to the region"].endswith("@local/3")


def test_what_a_person_should_do_stays_about_the_person() -> None:
    keys = topic_keys(POLITICS + "Senator Ana Ruiz said Mr Okafor should resign.")
    assert keys["Mr Okafor should resign"] == "okafor"
