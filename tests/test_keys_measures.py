"""Rival or separate measures under one broad issue are other topics: the bank bailout and the
auto rescue, closing Guantanamo and torture, a Wall Street tax and taxes at large; and a noun
that says which only with its complement ("a special prosecutor to investigate ...") meets no
other story's."""

from __future__ import annotations

import pytest

from stancekit import Document, Matcher, load_rules
from stancekit.engine.profile import default_profile
from stancekit.findings import TopicRef
from stancekit.keys import topic_key

PROFILE = default_profile()
MATCHER = Matcher(load_rules().compile())


def keyed(topic: str, doc: str = "d9") -> str:
    return topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc=doc)


def topic_keys(text: str, doc: str = "local/5") -> dict[str, str | None]:
    """The topic key of each finding of `text`, by the topic as written."""
    return {f.topic.text: f.topic.key for f in MATCHER.scan(Document(doc, text))}


def test_the_bank_bailout_and_the_auto_rescue_are_two_measures() -> None:
    keys = topic_keys(
        "The congressman voted for the Wall Street bailout. The senator defended the auto industry bailout."
    )
    assert keys["the Wall Street bailout"] == "bank_bailout"
    assert keys["the auto industry bailout"] == "auto_bailout"


def test_closing_guantanamo_is_not_torture() -> None:
    keys = topic_keys("The general opposes plans to close Guantanamo Bay. The senator condemned waterboarding.")
    assert keys["plans to close Guantanamo Bay"] == "guantanamo"
    assert keys["waterboarding"] == "torture"


def test_a_tax_on_wall_street_trades_is_apart_from_taxation() -> None:
    keys = topic_keys("The economist criticised the senator's Wall Street tax plan.")
    assert keys["the senator's Wall Street tax plan"] == "financial_transaction_tax"


@pytest.mark.parametrize(
    "topic",
    [
        "a special prosecutor to investigate the mayor's donors",
        "a special counsel",
        "an amendment to the farm bill",
        "amendments to the spending bill",
        "his rhetoric",
        "divisive rhetoric",
    ],
)
def test_a_noun_that_says_which_only_with_its_complement_is_kept_within_its_document(topic: str) -> None:
    """One inquiry's special prosecutor, one bill's amendment, one candidate's rhetoric."""
    assert keyed(topic).endswith("@d9")


@pytest.mark.parametrize("topic", ["one", "the ones", "the new one"])
def test_a_one_is_kept_within_its_document(topic: str) -> None:
    """ "Supported one" says what it supported only in its story."""
    assert keyed(topic).endswith("@d9")
