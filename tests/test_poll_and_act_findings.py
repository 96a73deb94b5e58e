"""The bundled pack reads poll shares and acts: the share is the holder, named as written, and
each finding says its kind so that a study can keep or drop it."""

from __future__ import annotations

from stancekit import Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def _findings(text: str) -> list[tuple[str | None, str, str, str]]:
    return [(f.actor.name, f.polarity, f.topic.text, f.kind) for f in MATCHER.scan(text)]


def test_a_race_between_two_candidates_gives_each_share_to_its_candidate():
    found = _findings("Ms. Okafor leads Mr. Hale 47 percent to 41 percent among likely voters.")
    assert ("47 percent", "support", "Ms. Okafor", "poll") in found
    assert ("41 percent", "support", "Mr. Hale", "poll") in found


def test_a_share_with_its_population_keeps_the_population_in_the_holder_name():
    found = _findings("Senator Diaz carried 61 percent of independent voters in the county.")
    assert found == [("61 percent of independent voters", "support", "Senator Diaz", "poll")]


def test_a_bare_lead_names_no_holder():
    assert _findings("Ms. Okafor holds a 12-point lead over Mr. Hale.") == []


def test_a_gift_to_a_party_is_an_act_of_support_and_a_lost_donor_one_of_opposition():
    assert _findings("The developer gave £200,000 to the party last year.") == [
        ("developer", "support", "the party", "act")
    ]
    found = _findings("The Reform Party lost its main donor, Ann Marsh, in the spring.")
    assert ("Ann Marsh", "oppose", "The Reform Party", "act") in found


def test_a_resignation_over_ones_own_conduct_is_no_stance():
    assert _findings("The minister resigned over his expenses claims.") == []
    assert _findings("The minister resigned over the decision to close the mine.") == [
        ("minister", "oppose", "the decision", "act")
    ]
