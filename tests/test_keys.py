"""Canonical keys: the actor and topic a finding is counted under across a collection."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stancekit import Document, Matcher, load_rules
from stancekit.engine.profile import default_profile
from stancekit.findings import ActorRef, Finding, RuleRef, TextSpan, TopicRef
from stancekit.keys import actor_key, collection_keys, name_key, topic_key, with_keys

PROFILE = default_profile()
MATCHER = Matcher(load_rules().compile())


def key_of(text: str, name: str | None = None) -> str:
    return topic_key(TopicRef(text, 0, len(text), name or text), PROFILE)


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        # determiners and possessives dropped, the head lemmatised
        ("the new border fences", "border fence"),
        ("their pension reforms", "pension reform"),
        ("the council's housing targets", "housing target"),
        # trailing adjuncts and relative clauses dropped
        ("a ceasefire in the north of the country", "ceasefire"),
        ("the merger, which shareholders approved in May", "merger"),
        ("the treaty signed by both governments", "treaty"),
        # what is called for, planned or attempted is the topic
        ("calls for a ceasefire", "ceasefire"),
        ("calls for an immediate ceasefire between the two armies", "ceasefire"),
        ("plans to raise fuel duty", "raise fuel duty"),
        ("the government's efforts to cut waiting lists", "cut waiting list"),
        # whose plans an actor noun says, as a possessor would
        ("government plans to close rural post offices", "close rural post office"),
        ("council proposals for a congestion charge", "congestion charge"),
        # a frame that opens a headline in capitals, or follows a name it belongs to
        ("Calls for a public inquiry into the crash", "public inquiry"),
        ("Ms Vance's campaign for lower rents", "lower rent"),
        # the kind noun after what the bill is about
        ("the immigration bill", "immigration"),
        # an 'of' complement says which one: it stays, reduced to its core
        ("the return of the two hostages", "return of hostage"),
        ("some of the new rules", "rule"),
    ],
)
def test_a_topic_phrase_is_keyed_by_its_core(topic: str, key: str) -> None:
    assert key_of(topic) == key


@pytest.mark.parametrize(
    "topic",
    [
        "the scheme",
        "his approach",
        "proposals from the club",
        "plans to adopt it",
        "her handling of the economy",
        "say",
    ],
)
def test_asked_to_a_lone_noun_or_a_pronoun_is_keyed_within_its_document(topic: str) -> None:
    """For unrelated stories: "the scheme" in one is not the scheme of another."""
    keyed = topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc="politics/7")
    assert keyed.endswith("@politics/7")
    assert topic_key(TopicRef("the new border fence", 0, 20, "the new border fence"), PROFILE, doc="d") == (
        "border fence"
    )


@pytest.mark.parametrize(
    "topic",
    [
        "the plan",
        "Tory plans",
        "the government's new proposals",
        "the controversial move",
        "the law change",
    ],
)
def test_a_generic_head_with_nothing_to_say_which_is_keyed_within_its_document(topic: str) -> None:
    """Another story's plan is another plan: neither an owner nor an adjective says which."""
    assert topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc="d4") == f"{key_of(topic)}@d4"


def test_a_common_noun_before_a_generic_head_says_which_across_the_collection() -> None:
    assert topic_key(TopicRef("the tuition fees plan", 0, 21, "the tuition fees plan"), PROFILE, doc="d4") == (
        "tuition fee"
    )
    assert topic_key(TopicRef("immigration", 0, 11, "immigration"), PROFILE, doc="d4") == "immigration"


@pytest.mark.parametrize("actor", ["The prime minister", "Critics", "the government", "Campaigners", "Tory spokesman"])
def test_an_actor_that_is_only_a_role_or_a_body_is_keyed_within_its_document(actor: str) -> None:
    assert actor_key(ActorRef(actor, 0, len(actor), actor), PROFILE, doc="d4").endswith("@d4")


def test_an_opener_written_as_part_of_a_name_stays() -> None:
    assert key_of("New Zealand to win the series") == "new zealand"
    assert key_of("new tariffs on steel") == "tariff"


def test_a_possessor_inside_a_verb_s_object_stays_with_the_object() -> None:
    assert key_of("buy Acme's stake in the mill") == "buy acme stake"


def test_who_is_accused_of_doing_something_is_the_topic() -> None:
    assert key_of("Ms Lee of hiding the figures") == "lee"


def test_a_name_before_a_noun_is_a_modifier_not_the_topic() -> None:
    assert key_of("UK steel tariffs") == "uk steel tariff"
    assert key_of("Mr Okafor to resign") == "okafor"


def test_a_topic_that_is_a_person_is_keyed_like_that_person_as_an_actor() -> None:
    actor = ActorRef("Senator Maria Lopez", 0, 19, "Senator Maria Lopez")
    assert key_of("Ms. Maria Lopez") == actor_key(actor, PROFILE) == "maria lopez"


def test_a_topic_that_opens_with_a_person_is_about_that_person() -> None:
    assert key_of("Mr Okafor of dodging the question") == "okafor"


def test_a_dictionary_id_is_the_key() -> None:
    assert topic_key(TopicRef("new tariffs on steel", 0, 20, "tariffs", "tariffs"), PROFILE) == "tariffs"
    assert actor_key(ActorRef("the Kremlin", 0, 11, "Russia", "RUS"), PROFILE) == "RUS"


def test_an_unresolved_actor_has_no_key() -> None:
    assert actor_key(ActorRef("its report", 0, 10, None, via="unresolved"), PROFILE) is None


def finding(number: int, doc: str, actor: str, topic: str, actor_id: str | None = None) -> Finding:
    sentence = TextSpan(f"{actor} backs {topic}.", 0, len(actor) + len(topic) + 7)
    return Finding(
        id=str(number),
        doc=doc,
        date=None,
        sentence=sentence,
        actor=ActorRef(actor, 0, len(actor), actor, actor_id),
        topic=TopicRef(topic, 0, len(topic), topic),
        polarity="support",
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef("r", "r.yaml", 1),
        ruleset="",
    )


def keys(findings: list[Finding]) -> list[tuple[str | None, str | None]]:
    return [(f.actor.key, f.topic.key) for f in collection_keys(findings)]


def test_a_surname_joins_the_one_full_name_of_the_collection_that_ends_with_it() -> None:
    found = keys(
        [
            finding(1, "a", "Mr. Okafor", "the city budget"),
            finding(2, "b", "David Okafor", "the city budget"),
            finding(3, "c", "Jane Doyle", "Okafor"),
            finding(4, "c", "Jane Doyle", "the city budget"),
        ]
    )
    assert found[:3] == [
        ("david okafor", "city budget"),
        ("david okafor", "city budget"),
        ("jane doyle", "david okafor"),
    ]


def test_a_surname_two_full_names_end_with_stays_apart() -> None:
    found = keys(
        [
            finding(1, "a", "Doyle", "the budget"),
            finding(2, "b", "Jane Doyle", "the budget"),
            finding(3, "c", "Peter Doyle", "the budget"),
        ]
    )
    assert [actor for actor, _ in found] == ["doyle", "jane doyle", "peter doyle"]


def test_a_surname_is_the_full_name_its_own_document_gives_even_when_another_document_has_another() -> None:
    found = keys(
        [
            finding(1, "a", "Tom Reyes", "the harbour tunnel"),
            finding(2, "a", "Jane Doyle", "Mr Reyes of misleading the council"),
            finding(3, "b", "Ana Reyes", "the harbour tunnel"),
            finding(4, "c", "Jane Doyle", "Reyes"),
        ]
    )
    assert [topic for _, topic in found][1:] == ["tom reyes", "harbour tunnel", "reyes"]


def test_the_in_a_document_points_back_at_what_the_document_named_before() -> None:
    """ "the strike" after "calls for a strike" is that strike; alone, in another story, it is
    that story's own."""
    scanned = [
        *MATCHER.scan(Document("a", "Unions rejected calls for a strike. The council also rejects the strike.")),
        *MATCHER.scan(Document("b", "The mayor rejects the strike.")),
    ]
    assert [(f.doc, f.topic.key) for f in scanned] == [("a", "strike"), ("a", "strike"), ("b", "strike@b")]


def test_a_topic_named_like_an_actor_with_a_dictionary_id_takes_that_id() -> None:
    found = keys([finding(1, "a", "Canada", "Ottawa's budget", "CAN"), finding(2, "b", "Jane Doyle", "Canada")])
    assert found[1] == ("jane doyle", "CAN")


def test_every_scanned_finding_carries_its_keys() -> None:
    text = "The union opposes calls for a four-day week in the public sector. Ms. Rita Vance backs the merger."
    found = MATCHER.scan(Document("d", text))
    assert {(f.actor.key, f.topic.key) for f in found} == {("union@d", "four-day week"), ("rita vance", "merger@d")}
    assert all(f.to_dict()["topic"]["key"] == f.topic.key for f in found)


def test_keys_survive_the_findings_file() -> None:
    (one,) = MATCHER.scan(Document("d", "Ms. Rita Vance backs the merger."))
    assert Finding.from_dict(one.to_dict()) == one


def test_asked_to_an_actor_that_is_a_lone_noun_is_keyed_within_its_document() -> None:
    assert actor_key(ActorRef("The commission", 0, 14, "The commission"), PROFILE, doc="d7") == "commission@d7"
    assert actor_key(ActorRef("G7 finance ministers", 0, 20, "G7 finance ministers"), PROFILE, doc="d7") == (
        "g7 finance ministers"  # not the G7's foreign ministers: "finance" is before no name
    )
    assert actor_key(ActorRef("Ms. Rita Vance", 0, 14, "Ms. Rita Vance"), PROFILE, doc="d7") == "rita vance"


def test_a_short_name_opening_a_topic_is_the_person_its_document_names() -> None:
    text = (
        "Senator Dana Whitfield spoke in Leeds on Monday. Her rival accused Whitfield of dodging the question."
        " Critics blasted Mr Whitfield for his vote."
    )
    found = MATCHER.scan(Document("d", text))
    assert [f.topic.key for f in found] == ["dana whitfield", "dana whitfield"]
    assert found[0].topic.text == "Whitfield of dodging the question"  # the evidence as written


@pytest.mark.parametrize("pronoun", ["He", "She", "It", "They"])
def test_a_pronoun_opening_a_sentence_as_topic_is_no_name_shared_across_stories(pronoun: str) -> None:
    """ "He was criticised by the union" in two stories: two people, whom each story names."""
    keys = [
        found.topic.key
        for doc in ("d1", "d2")
        for found in MATCHER.scan(Document(doc, f"The vote was held on Monday. {pronoun} was criticised by the union."))
    ]
    assert keys == [f"{pronoun.casefold()}@d1", f"{pronoun.casefold()}@d2"]


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("the home secretary to hold a public inquiry", "home secretary@d"),
        ("the Home Secretary", "home secretary@d"),
        ("the film director", "film director@d"),
        ("racial justice", "racial justice"),
        ("the England coach", "england coach"),
    ],
)
def test_a_role_after_common_nouns_as_topic_is_keyed_within_its_document(topic: str, key: str) -> None:
    """One story's home secretary is not another's; "racial justice" is no office, and a
    name before the role says whose it is."""
    assert topic_key(TopicRef(topic, 0, len(topic), topic, None), PROFILE, doc="d") == key


def test_a_topic_the_actor_dictionary_names_at_its_head_takes_that_actor_s_id() -> None:
    found = MATCHER.scan(Document("d", "The minister accused the Tories of running scared. She backs Tory plans."))
    assert len(found) == 2 and found[0].topic.key == "GBR_CONSERVATIVE_PARTY"
    assert found[1].topic.key != "GBR_CONSERVATIVE_PARTY"  # plans, not the party


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Vermont Sen. Maria Whitfield", "maria whitfield"),
        ("former Ohio Gov. Tom Okafor", "tom okafor"),
        ("Fed Chair Maria Ruiz", "maria ruiz"),
        ("Leeds mayor Ken Hardcastle", "ken hardcastle"),
        ("Australian Hew Raymond Okafor", "australian hew raymond okafor"),  # three names, no title
        ("John Paul Okafor", "john paul okafor"),  # a middle name that is a first name
    ],
)
def test_where_a_titled_person_serves_falls_away_from_the_name(name: str, key: str) -> None:
    """ "Vermont Sen. Maria Whitfield" and "Maria Whitfield" are one person in every output."""
    assert name_key(name, PROFILE) == key


@pytest.mark.parametrize(
    ("topic", "key"),
    [("presumptive nominee Maria Whitfield", "maria whitfield"), ("her rival Tom Okafor", "tom okafor")],
)
def test_a_descriptor_before_a_full_name_falls_away(topic: str, key: str) -> None:
    assert key_of(topic) == key


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("Rubio and Christie", "rubio and christie@d"),
        ("either Hale or Okafor", "either hale or okafor@d"),
        ("Sens. Hale and Okafor", "sens. hale and okafor@d"),
    ],
)
def test_a_list_of_names_as_topic_is_kept_within_its_document(topic: str, key: str) -> None:
    """A stance on two is no stance on the first alone."""
    assert topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc="d") == key


@pytest.mark.parametrize("topic", ["the Bill and Hillary Clinton Foundation", "the Reliability and Service Awards"])
def test_a_name_that_holds_a_coordinator_is_no_list(topic: str) -> None:
    assert " and " not in topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc="d")


def test_two_people_named_together_are_not_one() -> None:
    assert key_of("Okafor and Maria Whitfield") != "maria whitfield"


def test_a_possessive_pronoun_the_scan_names_keys_the_topic_by_its_owner() -> None:
    topic = TopicRef("its pension reform", 0, 18, "Denmark's pension reform")
    assert topic_key(topic, PROFILE, doc="d4") == "denmark pension reform"


def test_a_dictionary_entry_found_only_in_an_adjunct_does_not_key_the_topic() -> None:
    found = MATCHER.scan(Document("d", "Ms. Rita Vance welcomed the mayor's courage on holding a referendum."))
    assert [(f.topic.id, f.topic.key) for f in found] == [("referendum", "courage")]
    (named,) = MATCHER.scan(Document("d", "Ms. Rita Vance opposes a referendum on the treaty."))
    assert named.topic.key == "referendum"


def test_a_broader_entry_the_core_names_keys_a_topic_whose_narrower_one_sits_in_an_adjunct() -> None:
    """Trade pacts "like the North American Free Trade Agreement" are trade deals, not NAFTA
    alone, nor free text."""
    text = "The senator attacked trade pacts like the North American Free Trade Agreement."
    (found,) = MATCHER.scan(Document("d", text))
    assert (found.topic.id, found.topic.key) == ("nafta", "free_trade_agreement")


def test_an_end_to_something_is_keyed_by_what_is_to_end() -> None:
    assert key_of("an end to the tuition fees") == "tuition fee"


def test_a_lone_noun_told_to_do_something_is_kept_within_its_document() -> None:
    assert topic_key(TopicRef("users to update their software", 0, 30, "users"), PROFILE, doc="d4") == "user@d4"
    assert topic_key(TopicRef("tax cuts to boost growth", 0, 24, "tax cuts"), PROFILE, doc="d4") == "tax cut"


def test_a_demonym_before_a_noun_is_no_actor_topic() -> None:
    found = MATCHER.scan(Document("d", "Ms. Rita Vance criticised rules open to British and Irish authors."))
    assert all(f.topic.key != "GBR" for f in found)


def test_a_time_left_as_the_core_is_kept_within_its_document() -> None:
    """ "(for) weeks that the mayor is not ready" says no topic another story could share."""
    assert topic_key(TopicRef("weeks that the mayor is not ready", 0, 34, None), PROFILE, doc="d4").endswith("@d4")


def test_a_frame_after_whose_it_is_is_dropped_too() -> None:
    assert key_of("Chinese calls for a ceasefire in the region") == "ceasefire"
    assert key_of("the mayor's repeated calls to scrap the toll") == key_of("calls to scrap the toll") == "scrap toll"
    assert key_of("Tory plans to scrap the toll") == key_of("plans to scrap the toll") == "scrap toll"


def test_a_dictionary_entry_at_the_head_keys_the_topic_whole_or_reduced() -> None:
    (spending,) = MATCHER.scan(Document("d", "Ms. Rita Vance attacked Tory spending plans."))
    (cost,) = MATCHER.scan(Document("d", "Ms. Rita Vance attacked the cost of asylum."))
    assert (spending.topic.key, cost.topic.key) == (spending.topic.id, cost.topic.id) == ("public_spending", "asylum")


def test_the_topic_dictionary_names_the_head_of_a_key_the_phrase_hid() -> None:
    """A frame or an opener hides the entry from the phrase as written; its key shows it."""
    (calls,) = MATCHER.scan(Document("d", "Ms. Rita Vance backed calls for tougher anti-terror laws."))
    (duty,) = MATCHER.scan(Document("d", "Mr. Tom Okafor attacked the steep rise in fuel duty."))
    assert calls.topic.key == "terrorism"
    assert calls.topic.text == "calls for tougher anti-terror laws"  # the evidence as written
    assert duty.topic.key != "fuel_prices"  # a rise in fuel duty is the rise's: the entry sits in an adjunct


def test_an_entry_that_only_modifies_the_head_does_not_name_the_key() -> None:
    (officers,) = MATCHER.scan(Document("d", "Ms. Rita Vance praised the immigration officers at the port."))
    assert officers.topic.key == "immigration officer"


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("a £9 minimum wage", "minimum wage"),
        ("cut $40bn from public spending", "cut public spending"),
        ("15% of Northgate's profits", "northgate profit"),
        ("the 2027 budget", "budget"),
    ],
)
def test_an_amount_before_what_it_measures_is_dropped(topic: str, key: str) -> None:
    assert key_of(topic) == key


def test_an_amount_that_is_the_whole_topic_stays() -> None:
    assert key_of("the 5,000m") == "5,000 m"
    assert key_of("raise $10bn") == "raise $ 10 bn"


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        ("reduce the number of asylum seekers", "reduce asylum seeker"),
        ("any kind of military strike", "military strike"),
        ("write off up to 80% of the debt", "write off debt"),
    ],
)
def test_a_quantity_or_a_kind_is_keyed_by_what_it_counts(topic: str, key: str) -> None:
    assert key_of(topic) == key


def test_a_generic_head_after_a_dictionary_entry_says_no_more_than_the_entry() -> None:
    (changes,) = MATCHER.scan(Document("d", "Ms. Rita Vance opposed the anti-terror law changes."))
    (kept,) = MATCHER.scan(Document("d", "Ms. Rita Vance backed keeping abortion legal."))
    assert (changes.topic.key, kept.topic.key) == ("terrorism", "abortion")


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Ms. Rita Vance opposes identity cards.", "id_cards"),
        ("Mr. Tom Okafor backed the smoking ban in pubs.", "smoking"),
        ("Ms. Rita Vance attacked higher university tuition fees.", "student_debt"),
        ("Mr. Tom Okafor defended the war in Iraq.", "iraq_war"),
        ("Ms. Rita Vance opposed the Trans-Pacific trade deal.", "trans_pacific_partnership"),
        ("Mr. Tom Okafor backed the zoning rules for the harbour.", "housing"),
    ],
)
def test_the_bundled_topic_dictionary_names_common_issues_of_the_news(sentence: str, key: str) -> None:
    (found,) = MATCHER.scan(Document("d", sentence))
    assert found.topic.key == key


@pytest.mark.parametrize(
    "sentence", ["Ms. Rita Vance backed a no-fly zone over the region.", "Mr. Tom Okafor opposed the zones."]
)
def test_an_entry_ending_in_a_gerund_does_not_name_the_noun_it_comes_from(sentence: str) -> None:
    """ "Zoning" is housing policy; a no-fly zone is not."""
    (found,) = MATCHER.scan(Document("d", sentence))
    assert found.topic.id != "housing"


def test_an_entry_that_runs_from_the_head_into_the_adjunct_names_the_topic() -> None:
    (ban,) = MATCHER.scan(Document("d", "Mr. Tom Okafor backed a ban on smoking in pubs."))
    (rise,) = MATCHER.scan(Document("d", "Ms. Rita Vance attacked the rise in university tuition fees."))
    assert ban.topic.key == "smoking"
    assert rise.topic.key != "student_debt"  # the rise's topic: the fees are only where it happens


def test_a_party_word_written_as_a_name_inside_a_sentence_is_keyed_across_documents() -> None:
    """'Labour' inside a sentence is the party's name; 'Critics' opening one is no name."""
    (inside,) = MATCHER.scan(Document("d1", "The plan was attacked by Labour on Monday."))
    (opening,) = MATCHER.scan(Document("d2", "Critics attacked the plan on Monday."))
    assert inside.actor.key == "labour"
    assert opening.actor.key == "critics@d2"


def test_a_title_before_a_name_in_a_topic_clause_falls_away() -> None:
    assert key_of("Mr Okafor should resign") == key_of("wholeheartedly with Mr. Okafor") == "okafor"
    assert key_of("the minister of health") == "minister of health"  # no name: the role stays


def test_a_surname_the_scan_named_in_full_is_keyed_by_the_full_name() -> None:
    topic = TopicRef("Judge Okafor should step aside", 0, 30, "Tom Okafor should step aside")
    assert topic_key(topic, PROFILE, doc="d4") == "tom okafor"
    unnamed = TopicRef("Judge Okafor should step aside", 0, 30, "Judge Okafor should step aside")
    assert topic_key(unnamed, PROFILE, doc="d4") == "okafor"


@pytest.mark.parametrize(
    "topic",
    [
        "claims that the minister misled parliament",
        "speculation that the chairman will resign",
        "a £2bn takeover by a rival bank",
        "shoppers should check their receipts",
    ],
)
def test_what_only_its_document_says_is_kept_within_it_however_it_is_dressed(topic: str) -> None:
    """A claim's clause, a generic noun, an amount before a pointed noun, a group told what to do."""
    assert topic_key(TopicRef(topic, 0, len(topic), topic), PROFILE, doc="d9").endswith("@d9")


def test_an_issue_that_opens_a_clause_stays_the_issue() -> None:
    assert topic_key(TopicRef("immigration should be cut", 0, 25, "immigration should be cut"), PROFILE, doc="d") == (
        "immigration"
    )


def test_a_surname_joins_a_full_name_only_when_they_are_written_among_the_same_actors_or_topics() -> None:
    """In unrelated stories the one full name that ends with 'Reid' is not every Reid."""
    found = keys(
        [
            finding(1, "a", "Health Secretary Mary Reid", "hospital waiting lists"),
            finding(2, "a", "Tom Okafor", "hospital waiting lists"),
            finding(3, "b", "Reid", "the transfer to Leeds"),
            finding(4, "c", "Reid", "hospital waiting lists"),
        ]
    )
    assert [actor for actor, _ in found] == ["mary reid", "tom okafor", "reid", "mary reid"]


@pytest.mark.parametrize(
    ("text", "kept_within"),
    [
        ("Republicans who back the pay deal were few.", True),
        ("Even Democrats who backed the pay deal stayed away.", True),
        ("He met Harbour Unionists who oppose him.", True),
        ("Senator Tom Jones who backs the pay deal stayed away.", False),
        # set off by a comma, the clause says something of them all
        ("The Democrats, who backed the pay deal, stayed away.", False),
    ],
)
def test_a_party_word_a_relative_clause_restricts_is_some_of_its_members(text: str, kept_within: bool) -> None:
    """ "Republicans who back the deal" are those who do, not the Republican Party."""
    [found] = MATCHER.scan(Document("local/8", text))
    assert found.actor.key.endswith("@local/8") is kept_within


def test_a_role_written_after_the_name_of_its_body_is_a_member_kept_within_its_document() -> None:
    assert actor_key(ActorRef("Green MEP", 0, 9, "Green MEP"), PROFILE, doc="d3") == "green mep@d3"
    assert actor_key(ActorRef("Ana Reyes", 0, 9, "Ana Reyes"), PROFILE, doc="d3") == "ana reyes"


@pytest.mark.parametrize(
    ("text", "topic", "key"),
    [
        (
            "Senator Paul Okafor faced questions. Maria Lopez criticized him over the vote.",
            "him over the vote",
            "paul okafor",
        ),
        ("Maria Lopez lost the vote. Tom Hale urged her to resign.", "her to resign", "maria lopez"),
        # the nearest man is the holder, and who criticizes "him" is not him
        ("Tom Hale spoke first. Paul Okafor criticized him.", "him", "tom hale"),
    ],
)
def test_a_pronoun_topic_takes_the_key_of_the_actor_it_refers_to(text: str, topic: str, key: str) -> None:
    """As a holder pronoun is resolved: "criticized him" and "criticized Paul Okafor" meet."""
    assert {f.topic.text: f.topic.key for f in MATCHER.scan(Document("d", text))}[topic] == key


def test_a_pronoun_topic_resolved_to_the_findings_own_actor_stays_within_its_document() -> None:
    (found,) = [f for f in MATCHER.scan(Document("d", "Paul Okafor lost. He criticized him.")) if f.topic.text == "him"]
    assert found.topic.key == "him@d"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # two men it could mean: which one is a guess, and a wrong key merges two people
        ("Tom Hale met Paul Okafor. Rita Vance criticized him.", "him"),
        # a description, not a person named: another story's candidate is another person
        ("A mainstream candidate spoke. Tom Hale backed her.", "her"),
        # a body: what "it" stands for is too often not the nearest body named
        ("The Acme company was fined. Regulators accused it of misleading customers.", "it of misleading customers"),
        # "her" as an object owns nothing: it is not the body named before it
        (
            "Donors fear the largest super PAC backing her, Forward Ohio Action, cannot match the money "
            "of business groups opposing her.",
            "her",
        ),
    ],
)
def test_a_pronoun_topic_stays_within_its_document_unless_one_person_agrees_with_it(text: str, topic: str) -> None:
    found = {f.topic.text: f.topic.key for f in MATCHER.scan(Document("d", text))}[topic]
    assert found is not None and found.endswith("@d")


@pytest.mark.parametrize("name", ["22 percent", "54% of registered voters", "about 1,000 protesters"])
def test_an_amount_of_people_as_actor_is_keyed_within_its_document(name: str) -> None:
    """Another poll's 22 percent are other people."""
    assert actor_key(ActorRef(name, 0, len(name), name=name), PROFILE, doc="polls/3") == f"{name.casefold()}@polls/3"


def test_a_body_named_with_a_number_is_no_amount() -> None:
    key = actor_key(ActorRef("G7 finance ministers", 0, 20, name="G7 finance ministers"), PROFILE, doc="d")
    assert key is not None and "@" not in key


@pytest.mark.parametrize(
    ("topic", "key"),
    [
        # a person and where they serve: the person, as the actor is keyed
        ("Senator Tom Hale of Ohio", "tom hale"),
        ("Gov. Maria Lopez of Maine in the primary", "maria lopez"),
        # a body named with an 'of' complement is no person
        ("the Association of Village Pubs", "association of village pubs"),
        # a name of several words has no singular to be lemmatised to
        ("the United States", "united states"),
        ("Ms Kelly Holmes should stay", "kelly holmes"),
        # a party word opening the name of an event or a body is part of that name: the two
        # parties' conventions are two
        ("the Republican National Convention", "republican national convention"),
        ("the Democratic National Convention for its choice of speakers", "democratic national convention"),
        ("the Labour Party Conference", "labour party conference"),
    ],
)
def test_names_in_topics_are_keyed_as_written(topic: str, key: str) -> None:
    assert key_of(topic) == key


def test_a_topic_written_again_in_a_document_is_keyed_as_it_was_the_first_time() -> None:
    """Keys are made once for each way a document writes an actor and a topic, and kept."""
    text = "Ms. Rita Vance attacked the steep rise in fuel duty. Mr. Tom Okafor attacked the steep rise in fuel duty."
    first, second = MATCHER.scan(Document("d5", text))
    assert (first.topic.key, second.topic.key) == ("steep rise", "steep rise")
    assert (first.actor.key, second.actor.key) == ("rita vance", "tom okafor")
    (alone,) = MATCHER.scan(Document("d6", "Mr. Tom Okafor attacked the steep rise in fuel duty."))
    assert alone.topic.key == "steep rise"


def test_a_middle_name_joins_the_same_first_name_and_surname_the_collection_knows() -> None:
    found = keys([finding(1, "a", "Sarah Achebe Okafor", "the budget"), finding(2, "b", "Sarah Okafor", "the budget")])
    assert [actor for actor, _ in found] == ["sarah okafor", "sarah okafor"]


def test_a_middle_name_stays_when_the_collection_does_not_know_the_shorter_name() -> None:
    found = keys([finding(1, "a", "Sarah Achebe Okafor", "the budget"), finding(2, "b", "Tom Reyes", "the budget")])
    assert found[0][0] == "sarah achebe okafor"


def test_a_middle_initial_and_the_middle_name_it_stands_for_are_one_person() -> None:
    found = keys(
        [
            finding(1, "a", "Tom J. Reyes", "the budget"),
            finding(2, "b", "Tom James Reyes", "the budget"),
            finding(3, "c", "Tom Reyes", "the budget"),
        ]
    )
    assert [actor for actor, _ in found] == ["tom reyes", "tom reyes", "tom reyes"]


def test_middle_initials_that_differ_keep_two_people_with_one_name_apart() -> None:
    found = keys(
        [
            finding(1, "a", "Tom W. Reyes", "the budget"),
            finding(2, "b", "Tom H. W. Reyes", "the budget"),
            finding(3, "c", "Tom Reyes", "the budget"),
        ]
    )
    assert [actor for actor, _ in found] == ["tom w reyes", "tom h w reyes", "tom reyes"]


def test_two_people_named_together_do_not_join_the_first_of_them() -> None:
    found = keys([finding(1, "a", "Tom and Sarah Reyes", "the budget"), finding(2, "b", "Tom Reyes", "the budget")])
    assert found[0][0] != "tom reyes"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Pres. Obrecht", "obrecht"),
        ("Sec. Maria Lopez", "maria lopez"),
        ("Sgt. Tom Hale", "tom hale"),
    ],
)
def test_an_abbreviated_title_is_no_part_of_the_key(name: str, key: str) -> None:
    """A title's short form ("Pres.", "Sec.") is a title as the long one is."""
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d") == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The union leader", "union leader@d"),
        ("the head coach", "head coach@d"),
        ("a district judge", "district judge@d"),
        ("the company's chief executive", "company's chief executive@d"),
        ("the city's former mayor", "city's former mayor@d"),
        ("the prime minister's official spokesman", "prime minister's official spokesman@d"),
        ("Senator Reyes", "reyes"),
        ("a U.S. senator", "u.s. senator@d"),  # which one, only the document says
        ("India's finance minister", "india's finance minister@d"),
    ],
)
def test_a_title_falls_away_before_a_name_not_as_the_role_a_phrase_names(name: str, key: str) -> None:
    """ "The union leader" is a person, not the union; "Senator Reyes" is Reyes."""
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d") == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The senator from Vermont", "senator from vermont@d"),
        ("the governor of Ohio", "governor of ohio@d"),
        ("a minister in Berlin", "minister in berlin@d"),
    ],
)
def test_a_role_with_a_complement_keeps_its_role_and_is_kept_within_its_document(name: str, key: str) -> None:
    """ "The senator from Vermont" is a senator, not Vermont; which one, only the document says."""
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d") == key


@pytest.mark.parametrize(
    "name",
    [
        # an indefinite pronoun or a quantifier: who they are, only the story says
        "Anyone who rents a flat",
        "Nobody",
        "Both",
        "Others",
        # a plural common noun, whatever body its complement names
        "women",
        "Women",
        "retired teachers",
        "Voters in Ohio",
        "Republican members of Congress",
        "two-thirds of younger voters",
        "a majority of nurses",
        "ordinary people",
        # members of a body are not the body
        "House members",
        # a kind of people news writes in capitals is no body
        "Millennials",
        "Young Evangelicals",
        # a common noun written in capitals names no one
        "super PACs",
        "a super PAC",
    ],
)
def test_a_generic_group_is_keyed_within_its_document(name: str) -> None:
    """Another story's women or House members are other women and other members."""
    key = actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d5")
    assert key is not None and key.endswith("@d5")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Senate Democrats", "senate democrats"),
        ("House Republicans", "house republicans"),
        ("the Sanders campaign", "sanders campaign"),
        ("The Okafor campaign", "okafor campaign"),
        ("the European Commission", "european commission"),
        ("Reporters Without Borders", "reporters without borders"),
        ("EU leaders", "eu leaders"),
        ("the Green Party Executive", "green party executive"),
        ("the Conservative Policy Forum", "conservative policy forum"),
        ("the Republican Governors Association", "republican governors association"),
        ("the US Justice Department", "us justice department"),
    ],
)
def test_a_named_body_is_keyed_across_documents(name: str, key: str) -> None:
    """A body the text names is one actor in every story: it keeps merging."""
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d5") == key


def test_groups_of_two_stories_stay_apart_and_their_named_bodies_meet() -> None:
    first = MATCHER.scan(Document("a", "Women oppose the new curfew. Senate Democrats oppose the new curfew."))
    second = MATCHER.scan(Document("b", "Women oppose the toll road. Senate Democrats oppose the toll road."))
    keys = {(f.doc, f.actor.text): f.actor.key for f in collection_keys([*first, *second])}
    assert keys[("a", "Women")] != keys[("b", "Women")]
    assert keys[("a", "Senate Democrats")] == keys[("b", "Senate Democrats")] == "senate democrats"


@pytest.mark.parametrize(
    ("text", "name", "actor_id"),
    [
        # the scan named the list by one of its actors: the list is not that actor
        ("Madrid, Lisbon and other southern capitals", "Spain", "ESP"),
        ("the council and Mayor Tom Hale", "Tom Hale", None),
        ("Okafor (D-Ohio) and Maria Lopez (R-Maine)", "Rep. Paul Okafor", None),
        ("Channel 9 News, the Ledger and the Ohio Democratic Party", "Channel 9 News", None),
    ],
)
def test_a_list_of_actors_is_keyed_within_its_document(text: str, name: str, actor_id: str | None) -> None:
    key = actor_key(ActorRef(text, 0, len(text), name, actor_id), PROFILE, doc="d6")
    assert key is not None and key.endswith("@d6")


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        # one person with two titles, and a person with an appositive
        ("Former Secretary of State and party leader Maria Lopez", "Maria Lopez", "maria lopez"),
        ("Ana Ruiz, the veteran campaigner and lawyer", "Ana Ruiz", "ana ruiz"),
        # a body whose name holds a coordinator
        ("the Department of Health and Human Services", "Department of Health and Human Services", None),
    ],
)
def test_a_name_with_a_coordinator_in_its_titles_or_its_name_is_no_list(text: str, name: str, key: str | None) -> None:
    found = actor_key(ActorRef(text, 0, len(text), name), PROFILE, doc="d6")
    assert found is not None and "@" not in found and (key is None or found == key)


@pytest.mark.parametrize(("text", "name"), [("she", "Tom Hale"), ("he", "Maria Lopez"), ("her", "Mr. Okafor")])
def test_a_pronoun_resolved_to_someone_of_the_other_gender_has_no_key(text: str, name: str) -> None:
    """The first name or the honorific says the resolution guessed wrong: no key counts the
    finding for the wrong person."""
    assert actor_key(ActorRef(text, 0, len(text), name, via="pronoun"), PROFILE, doc="d7") is None


@pytest.mark.parametrize(("text", "name"), [("she", "Maria Lopez"), ("he", "Tom Hale"), ("she", "Avery Okafor")])
def test_a_pronoun_resolved_to_someone_of_its_gender_or_of_no_known_gender_keeps_the_key(text: str, name: str) -> None:
    assert actor_key(ActorRef(text, 0, len(text), name, via="pronoun"), PROFILE, doc="d7") == name.casefold()


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        ("Ruiz, a lawyer from Leeds and longtime Green Party activist", "Ana Ruiz", "ana ruiz"),
        ("Lopez's chief aide and adviser Tom Hale", "Tom Hale", "tom hale"),
    ],
)
def test_a_person_described_with_a_coordinator_is_no_list(text: str, name: str, key: str) -> None:
    assert actor_key(ActorRef(text, 0, len(text), name), PROFILE, doc="d6") == key


@pytest.mark.parametrize("name", ["AFT", "The BATs", "Sparsely"])
def test_a_body_written_in_capitals_or_a_stray_word_is_no_generic_group(name: str) -> None:
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d6") == name.casefold().removeprefix("the ")


def test_an_unresolved_list_has_no_key() -> None:
    text = "his two deputies, Majority Leader Tom Hale and Whip Ana Ruiz"
    assert actor_key(ActorRef(text, 0, len(text), None, via="unresolved"), PROFILE, doc="d6") is None


@pytest.mark.parametrize("name", ["Wales", "Commons", "Spurs", "Tories and the Lib Dems", "EADS and BAE Systems"])
def test_a_capitalised_plural_that_is_no_noun_for_people_is_a_name(name: str) -> None:
    """At the start of a sentence capitals say nothing, and a name may end in "s": only a noun
    for people ("Musicians", "Women") is taken there for a generic group."""
    key = actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d8")
    assert key is not None and "@" not in key


@pytest.mark.parametrize("name", ["Musicians", "Bookmakers", "Demonstrators"])
def test_a_capitalised_noun_for_people_opening_the_phrase_is_a_generic_group(name: str) -> None:
    assert actor_key(ActorRef(name, 0, len(name), name), PROFILE, doc="d8") == f"{name.casefold()}@d8"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Work and Pensions Secretary Ana Ruiz", "Ana Ruiz"),
        ("Culture, Media and Sport Secretary Ana Ruiz", "Ana Ruiz"),
        ("The Secretary of State for Trade and Industry", "Ana Ruiz"),
        ("Tom Hale, media and telecoms analyst at Northfield Research", "Tom Hale"),
    ],
)
def test_a_coordinator_inside_an_office_or_a_description_makes_no_list(text: str, name: str) -> None:
    key = actor_key(ActorRef(text, 0, len(text), name), PROFILE, doc="d6")
    assert key == name.casefold()


def test_a_pronoun_and_a_titled_person_are_a_list() -> None:
    text = "He and Committee Chairman Tom Hale"
    assert actor_key(ActorRef(text, 0, len(text), "Tom Hale"), PROFILE, doc="d6").endswith("@d6")


def test_a_capitalised_plural_after_a_determiner_is_a_name() -> None:
    """ "The Conservatives" names the party; "Conservatives" opening a sentence may be any."""
    key = actor_key(ActorRef("The Conservatives and Lib Dems", 0, 30, "Conservatives and Lib Dems"), PROFILE, doc="d")
    assert key == "conservatives and lib dems"


def test_a_member_of_a_body_does_not_join_the_body_its_document_names() -> None:
    """ "A Veritas MEP" said what the member said; the party, named in the same story, did not."""
    found = MATCHER.scan(Document("d", "Veritas backs the new tax. A Veritas MEP opposes the new tax."))
    keys = {f.actor.text: f.actor.key for f in found}
    assert keys["Veritas"] == "veritas"
    assert keys["A Veritas MEP"] != "veritas"


OPENING_OF_HALE = "Mayor Tom Hale spoke in Leeds on Monday.\n\n"


def scanned_actors(text: str) -> list[tuple[str, str | None]]:
    return [(f.actor.text, f.actor.key) for f in MATCHER.scan(Document("d", text))]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # the owner is named before the pronoun in its sentence, or no one else is
        (OPENING_OF_HALE + "In Leeds, his support for the harbour tunnel grew.", "tom hale"),
        (OPENING_OF_HALE + "Hale said Ana Ruiz now expects his support for the harbour tunnel.", "tom hale"),
        # someone else who owns or does something is named before it, and not the owner
        (OPENING_OF_HALE + "Ana Ruiz's aides now expect his support for the harbour tunnel.", "tom hale@d"),
        # bare names that act in its sentence, of a kind nothing says: no one else is taken for them
        (
            "Dyno Bank reported a loss on Monday.\n\n"
            "In recent weeks, Acme, Brill and Corda have cut their support for the harbour tunnel.",
            None,
        ),
    ],
)
def test_a_possessive_resolved_past_another_owner_of_its_sentence_is_keyed_within_its_document(
    text: str, key: str | None
) -> None:
    """ "his" after "Ana Ruiz's aides" may be hers: counting the finding for the mayor in other
    stories would merge what the text never said was his. The evidence stays as written."""
    assert scanned_actors(text)[-1] == (next(w for w in ("his", "their") if f" {w} " in text), key)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (OPENING_OF_HALE + "Ana Ruiz said he opposes the harbour tunnel.", "tom hale@d"),
        # a name in a quote closed before the pronoun is the speaker's words
        (OPENING_OF_HALE + '"Ana Ruiz has nothing to fear," he said, and he opposes the harbour tunnel.', "tom hale"),
        (OPENING_OF_HALE + "In Leeds, he opposes the harbour tunnel.", "tom hale"),
        # the dictionary's other name for the one it was resolved to
        (
            "The Conservatives met on Monday.\n\nThe Tories say they oppose the harbour tunnel.",
            "GBR_CONSERVATIVE_PARTY",
        ),
    ],
)
def test_a_pronoun_resolved_past_another_name_of_its_sentence_is_keyed_within_its_document(text: str, key: str) -> None:
    """ "Ana Ruiz said he ..." may be about the mayor of the story or about someone Ruiz
    spoke of: the finding is the story's, not the mayor's everywhere."""
    assert scanned_actors(text)[-1][1] == key


@pytest.mark.parametrize(
    ("text", "name", "kind", "key"),
    [
        ("he", "Green Party", "organisation", "green party@d7"),
        ("She", "Leeds", "place", "leeds@d7"),
        ("it", "Tom Hale", "person", "tom hale@d7"),
        ("he", "Tom Hale", "person", "tom hale"),
        ("it", "Green Party", "organisation", "green party"),
    ],
)
def test_a_pronoun_resolved_to_another_kind_than_it_stands_for_is_keyed_within_its_document(
    text: str, name: str, kind: str, key: str
) -> None:
    """ "he" resolved to a party, "it" to a person: the resolution guessed."""
    found = replace(
        finding(1, "d7", text, "the harbour tunnel"),
        actor=ActorRef(text, 0, len(text), name, via="pronoun", type=kind),
    )
    keyed = with_keys(found, PROFILE)
    assert keyed.actor.key == key
    named = with_keys(finding(2, "d7", name, "the harbour tunnel"), PROFILE)
    # the collection keeps it within the document, though the document names the one it was
    # resolved to
    assert keys([keyed, named])[0][0] == key


@pytest.mark.parametrize("joined", ["&", "and"])
def test_two_people_joined_by_an_ampersand_are_not_keyed_as_the_second(joined: str) -> None:
    (found,) = MATCHER.scan(Document("d", f"Ana Lopez {joined} Sen. Dana Ruiz back the pay deal."))
    assert found.actor.key not in ("dana ruiz", "ana lopez")
    assert found.actor.type == "group"


@pytest.mark.parametrize("people", ["Most Russians", "Russians", "Many Germans"])
def test_a_people_named_by_its_country_s_demonym_is_not_the_state(people: str) -> None:
    (found,) = MATCHER.scan(Document("d", f"{people} back the pay deal, the poll found."))
    assert found.actor.id is None and found.actor.type == "group"
    assert found.actor.key == f"{people.split()[-1].casefold()}@d"
    assert found.actor.affiliations  # still of the country


@pytest.mark.parametrize(
    ("text", "key", "country"),
    [
        ("Ana Ruiz lost in three sets. The Russian praised the new court.", "russian@d", "RUS"),
        ("Ana Ruiz lost in three sets. The Briton praised the new court.", "briton@d", "GBR"),
        ("The Spaniard felt wronged, and he criticised the referee.", "spaniard@d", "ESP"),
    ],
)
def test_one_person_named_by_a_demonym_is_one_of_the_country_s_people_not_its_state(
    text: str, key: str, country: str
) -> None:
    """ "The Russian, the fourth seed, ..." is a player, whom only the story names."""
    (found,) = MATCHER.scan(Document("d", text))
    assert (found.actor.type, found.actor.key) == ("person", key)
    assert [a.id for a in found.actor.affiliations] == [country]


def test_which_demonyms_name_one_person_is_known_without_inflecting_words_while_scanning(monkeypatch) -> None:
    """The compiled dictionary knows that "Russian" has a plural among Russia's demonyms and
    "British" none: a scan does not load the inflection tables (16 MB) to ask."""
    from stancekit.compiler import dictionaries

    def no_inflecting(word: str) -> frozenset[str]:
        raise AssertionError(f"inflected {word!r} while scanning")

    monkeypatch.setattr(dictionaries, "plurals", no_inflecting)
    text = "Ana Ruiz lost in three sets. The Russian praised the new court. The British backed the treaty."
    russian, british = MATCHER.scan(Document("d", text))
    assert (russian.actor.type, russian.actor.key) == ("person", "russian@d")
    assert british.actor.key == "GBR"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Farm voters backed the more conservative Democrat.", "conservative democrat@d"),
        ("Farm voters backed a Republican.", "republican@d"),
        ("The coach praised the young Russian.", "young russian@d"),
        ("The coach praised the Russian.", "russian@d"),
    ],
)
def test_one_person_named_by_a_demonym_as_topic_is_not_the_party_or_state(text: str, key: str) -> None:
    """Another story's Democrat is another Democrat, and neither is the party."""
    (found,) = MATCHER.scan(Document("d", text))
    assert found.topic.key == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("Farm voters backed the Democrats.", "US_DEMOCRATIC_PARTY"), ("The coach praised the British.", "GBR")],
)
def test_a_party_or_nation_named_by_its_demonym_as_topic_is_the_party_or_nation(text: str, key: str) -> None:
    (found,) = MATCHER.scan(Document("d", text))
    assert found.topic.key == key


@pytest.mark.parametrize(("people", "key"), [("The British", "GBR"), ("The Swiss", "CHE")])
def test_a_demonym_with_no_plural_after_the_is_the_nation(people: str, key: str) -> None:
    (found,) = MATCHER.scan(Document("d", f"{people} backed the treaty."))
    assert found.actor.key == key


def test_the_demonym_after_the_is_the_nation_as_one_side() -> None:
    (found,) = MATCHER.scan(Document("d", "The Russians back the pay deal, the ministry said."))
    assert found.actor.key == "RUS"


def test_a_capitalised_plural_after_the_that_no_dictionary_knows_is_keyed_within_its_document() -> None:
    (nickname,) = MATCHER.scan(Document("d", "The Blues back the pay deal."))
    assert nickname.actor.key == "blues@d"
    (party,) = MATCHER.scan(Document("d", "The Democrats back the pay deal."))
    assert party.actor.key == "US_DEMOCRATIC_PARTY"
    (body,) = MATCHER.scan(Document("d", "The Commons backs the pay deal."))
    assert body.actor.key == "commons"
    (person,) = MATCHER.scan(Document("d", "Mr Jones backs the pay deal."))
    assert person.actor.key == "jones"  # a title is no article
