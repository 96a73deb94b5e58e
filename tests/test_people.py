"""The key of the person a surname or a role stands for in its document."""

from __future__ import annotations

import pytest

from stancekit import Document, Matcher, antecedents, load_rules
from stancekit.antecedents import DocumentText
from stancekit.engine.attribution import DocumentContext
from stancekit.findings import ActorRef, Finding, RuleRef, TextSpan, TopicRef
from stancekit.keys import collection_keys
from stancekit.people import DocumentPeople, people_keys
from stancekit.text.segment import segment

COMPILED = load_rules().compile()
MATCHER = Matcher(COMPILED)

OPENING = "Harbour tunnel divides the city\n\nThe council debated the harbour tunnel again on Monday.\n\n"


def actors(text: str) -> list[tuple[str, str | None]]:
    """(actor as written, actor key) of each finding of one document."""
    return [(f.actor.text, f.actor.key) for f in MATCHER.scan(Document("d", text))]


def people(text: str) -> DocumentPeople:
    return DocumentPeople(
        DocumentText(text, COMPILED), DocumentContext(text, segment(text, COMPILED.profile), COMPILED)
    )


def test_a_surname_takes_the_key_of_the_full_name_its_document_gives_further_down() -> None:
    text = OPENING + "Okafor opposes the harbour tunnel, aides said.\n\nUnion leader Sarah Okafor spoke later."
    assert actors(text) == [("Okafor", "sarah okafor")]  # the evidence stays as written


def test_a_surname_two_people_of_the_document_share_stays_a_surname() -> None:
    text = (
        OPENING
        + "Okafor opposes the harbour tunnel, aides said.\n\nSarah Okafor and her brother David Okafor spoke later."
    )
    assert actors(text) == [("Okafor", "okafor")]


def test_a_title_that_says_the_gender_picks_the_one_of_two_people_sharing_a_surname() -> None:
    text = (
        OPENING
        + "Mrs Okafor opposes the harbour tunnel, aides said.\n\nSarah Okafor and her brother David Okafor spoke later."
    )
    assert actors(text) == [("Mrs Okafor", "sarah okafor")]


def test_a_middle_name_or_initial_in_the_document_is_the_same_person_keyed_by_the_shorter_name() -> None:
    found = people("Sarah Achebe Okafor spoke first. Sarah Okafor spoke again, and so did Tom J. Reyes.")
    assert found.surname_key("okafor") == "sarah okafor"
    assert found.surname_key("reyes") == "tom reyes"


def test_a_headline_in_title_case_runs_no_words_into_a_name() -> None:
    found = people("Senator Sarah Okafor Defends Tunnel Plan Again\n\nThe senator spoke on Monday.")
    assert found.surname_key("again") is None and found.surname_key("tunnel") is None


def test_a_role_takes_the_key_of_the_one_person_its_document_gives_the_office() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nThe prime minister opposes the harbour tunnel, officials said.\n\n"
        "Prime Minister Ana Ruiz will visit the harbour next week."
    )
    assert actors(text)[-1] == ("The prime minister", "ana ruiz")


def test_a_role_given_to_a_surname_takes_the_full_name_the_document_gives_that_surname() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nThe president opposes the harbour tunnel, officials said.\n\n"
        "President Okafor will visit the harbour next week. Sarah Okafor was elected in May."
    )
    assert actors(text)[-1] == ("The president", "sarah okafor")


def test_a_role_its_document_gives_two_people_stays_within_the_document() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nThe prime minister opposes the harbour tunnel, officials said.\n\n"
        "Prime Minister Ana Ruiz met Prime Minister Tom Reyes next day."
    )
    assert actors(text)[-1] == ("The prime minister", "prime minister@d")


def test_a_role_given_with_another_qualifier_is_another_office() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nThe prime minister opposes the harbour tunnel, officials said.\n\n"
        "Deputy Prime Minister Ana Ruiz will visit the harbour next week."
    )
    assert actors(text)[-1] == ("The prime minister", "prime minister@d")


def test_an_indefinite_role_is_not_the_person_given_the_office() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nA judge opposes the harbour tunnel, officials said.\n\n"
        "Judge Ana Ruiz will hear the case next week."
    )
    assert actors(text)[-1][1] != "ana ruiz"


def test_a_first_name_alone_takes_the_key_of_the_one_person_of_the_document_it_opens() -> None:
    found = people("Sarah Okafor spoke first. Tom Reyes spoke later. Critics of Paul Sarah were absent.")
    assert found.first_name_key("tom") == "tom reyes"
    assert found.first_name_key("sarah") is None  # a surname too
    assert found.first_name_key("david") is None  # no one of the document


def test_a_name_that_opens_a_list_of_people_stays_as_it_is() -> None:
    text = OPENING + "The union backs Okafor and Reyes, aides said.\n\nUnion leader Sarah Okafor spoke later."
    topics = [f.topic.key for f in MATCHER.scan(Document("d", text))]
    assert "sarah okafor" not in topics


def test_a_role_as_topic_takes_the_key_of_the_one_person_given_the_office() -> None:
    text = (
        OPENING + "The union welcomed the debate.\n\nThe union criticised the prime minister for the delay.\n\n"
        "Prime Minister Ana Ruiz will visit the harbour next week."
    )
    assert [f.topic.key for f in MATCHER.scan(Document("d", text))][-1] == "ana ruiz"


def test_a_former_holder_named_by_the_word_before_the_name_is_not_given_the_office() -> None:
    found = people(
        "The judge opposes the harbour tunnel, officials said.\n\nThe ruling quoted former Judge Ana Ruiz at length."
    )
    assert found.role_key("The judge", "d") is None


def test_a_long_document_is_searched_for_names_a_stretch_at_a_time(monkeypatch) -> None:
    """A document longer than the whole-document limit is read a stretch at a time: a name written
    within the reach still keys a surname; one written far beyond it does not, so that a site
    dumped as one document is not searched whole for each of its findings."""
    monkeypatch.setattr(antecedents, "ANTECEDENT_REACH_CHARS", 300)
    monkeypatch.setattr(antecedents, "WHOLE_DOCUMENT_CHARS", 600)
    filler = "Buses ran late on Monday. " * 12
    near = f"{filler}{filler}Okafor opposes the harbour tunnel. Union leader Sarah Okafor spoke later."
    assert ("Okafor", "sarah okafor") in actors(near)
    far = f"Okafor opposes the harbour tunnel. {filler * 14}Union leader Sarah Okafor spoke later."
    assert ("Okafor", "okafor") in actors(far)


def test_a_surname_after_an_abbreviated_title_is_no_full_name() -> None:
    """ "Pres. Ortega" names no one called Pres: "Ortega" stays the surname."""
    text = OPENING + "Pres. Ortega spoke on Monday.\n\nOrtega opposes the harbour tunnel, aides said."
    assert ("Ortega", "ortega") in actors(text)


def _holder(text: str, actor: str, name: str, via: str) -> Finding:
    """A finding of `text`'s last sentence, held by its first `actor`, resolved to `name`."""
    start = text.rindex("\n") + 1
    at = text.index(f" {actor} ", start) + 1
    return Finding(
        id="1",
        doc="d",
        date=None,
        sentence=TextSpan(text[start:], start, len(text)),
        actor=ActorRef(actor, at, at + len(actor), name, via=via, type="person", key=f"{name[4:]}@d"),
        topic=TopicRef("the harbour tunnel", 0, 0, "the harbour tunnel", key="harbour tunnel"),
        polarity="support",
        negated=False,
        hedged=False,
        quoted=False,
        speaker=None,
        rule=RuleRef("r", "r.yaml", 1),
        ruleset="",
    )


def test_a_possessive_too_uncertain_to_count_for_whom_it_was_resolved_to_takes_no_office_holder() -> None:
    """The document gives the office to Tom Hale, but "his" after Ana Ruiz's aides may be
    anyone's of the sentence: it stays within the document, where "the chancellor" does not."""
    opening = "The chancellor, Tom Hale, spoke on Monday.\n\n"
    named = opening + "Ana Ruiz's aides say the chancellor backs the plan."
    owned = opening + "Ana Ruiz's aides now expect his support for the plan."
    role = people_keys([_holder(named, "the chancellor", "the chancellor", "mention")], people(named))
    owner = people_keys([_holder(owned, "his", "the chancellor", "pronoun")], people(owned))
    assert (role[0].actor.key, owner[0].actor.key) == ("tom hale", "chancellor@d")


def test_a_surname_takes_the_full_name_written_with_a_first_name_no_list_holds() -> None:
    # "Zindzi" is in no list of first names: "Okafor" is still the person the story names
    text = (
        OPENING
        + "Zindzi Okafor and Amaka Eze, two nurses, spoke at the meeting.\n\n"
        + "Okafor opposes the harbour tunnel, aides said."
    )
    assert actors(text) == [("Okafor", "zindzi okafor")]


@pytest.mark.parametrize("opening", ["On Monday Okafor spoke again.", "Assuming Okafor wins, the vote is close."])
def test_a_surname_after_a_capitalised_word_that_is_no_first_name_stays_a_surname(opening: str) -> None:
    text = OPENING + opening + "\n\nOkafor opposes the harbour tunnel, aides said."
    assert actors(text) == [("Okafor", "okafor")]


@pytest.mark.parametrize(
    "text",
    [
        # names on several lines, one cut by a line break, one in a title-case headline
        "Tunnel Vote Splits Sarah Okafor Camp\n\nSarah Okafor spoke. Later Tom Reyes and Okafor met.\n"
        "Dr. Ann\nOkafor disagreed, and so did Zindzi Reyes and Ann Achebe Okafor.\n\nMs. No.\n5 on the list",
        # one long line: names after a bracket, initials, a title, an abbreviation, a hyphen
        "The vote, said (Sarah Okafor) and later Dr. J. R. Okafor, was close; the U.S. Sarah Reyes agreed "
        "with Ann Reyes-Okafor and with Zindzi Achebe, while McReyes and Tom Achebe abstained.",
        # a character whose case folding is ASCII: the whole document is searched
        "Sarah Okafor met with Mary Stra\u00dfe today.\n\nOkafor spoke, as did Ann \u212aelly.",
    ],
)
def test_a_surname_finds_the_same_people_on_the_lines_that_write_it_as_in_the_whole_document(text) -> None:
    surnames = ["okafor", "reyes", "strasse", "no", "achebe", "camp", "kelly", "ann"]
    asked_one_by_one = people(text)
    whole = people(text)
    for surname in surnames:
        assert asked_one_by_one.surname_people(surname) == whole.by_surname.get(surname, {}), surname
        assert asked_one_by_one.unlisted_names(surname) == whole.by_unlisted_first_name.get(surname, set()), surname


OFFICES = """\
stancekit: 1
actors:
  - id: RUIZ_ANA
    name: Ana Ruiz
    type: person
    gender: female
    aliases: [Ana Ruiz]
    affiliations: [{id: ESP, role: prime minister, from: 2003-01-10, to: 2009-06-30}]
  - id: REYES_TOM
    name: Tom Reyes
    type: person
    gender: male
    aliases: [Tom Reyes]
    affiliations:
      - {id: ESP, role: finance minister, from: 2003-01-10, to: 2009-06-30}
      - {id: ESP, role: prime minister, from: 2009-07-01}
"""
ROLE_STORY = (
    OPENING + "Ana Ruiz and Tom Reyes toured the harbour on Monday.\n\n"
    "The prime minister opposes the harbour tunnel, officials said."
)


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("offices") / "offices.yaml"
    path.write_text(OFFICES, encoding="utf-8")
    return Matcher(load_rules(None, [path]).compile())


def test_a_role_takes_the_key_of_the_person_the_dictionary_gives_the_office_on_the_story_s_day(
    offices: Matcher,
) -> None:
    """The story names Ana Ruiz and never calls her prime minister; in 2005 she was."""
    (found,) = offices.scan(Document("d", ROLE_STORY, date="2005-03-02"))
    assert (found.actor.text, found.actor.key) == ("The prime minister", "RUIZ_ANA")
    (later,) = offices.scan(Document("d", ROLE_STORY, date="2010-03-02"))
    assert later.actor.key == "REYES_TOM"


def test_a_role_the_dictionary_gives_two_people_the_story_names_stays_within_an_undated_story(
    offices: Matcher,
) -> None:
    (found,) = offices.scan(Document("d", ROLE_STORY))
    assert found.actor.key == "prime minister@d"


def test_a_role_held_by_no_one_the_story_names_stays_within_the_story(offices: Matcher) -> None:
    text = OPENING + "Tom Reyes toured the harbour.\n\nThe prime minister opposes the harbour tunnel, officials said."
    (found,) = offices.scan(Document("d", text, date="2005-03-02"))
    assert found.actor.key == "prime minister@d"


def test_the_prime_minister_of_a_dated_british_story_is_the_holder_the_bundled_dictionary_names() -> None:
    text = (
        "Blair rallies Labour activists\n\nTony Blair told Labour activists in Brighton that Britain must act.\n\n"
        "The prime minister backs the new asylum rules, aides said."
    )
    (found,) = MATCHER.scan(Document("d", text, date="2005-03-02"))
    assert (found.actor.text, found.actor.key) == ("The prime minister", "BLAIR_TONY")


def test_a_person_the_dictionary_lists_is_one_key_however_the_story_names_them() -> None:
    text = (
        "Tony Blair visited Leeds on Monday.\n\nMr Blair backs the harbour tunnel, aides said.\n\n"
        "The union criticised Tony Blair over the delay.\n\nThe union called on Tony Blair to resign."
    )
    found = MATCHER.scan(Document("d", text))
    assert next(f.actor.key for f in found) == "BLAIR_TONY"
    assert [f.topic.key for f in found][1:] == ["BLAIR_TONY", "BLAIR_TONY"]


def test_a_list_of_names_as_topic_is_none_of_the_people_it_lists() -> None:
    (found,) = MATCHER.scan(Document("d", "Labour MPs criticised Tony Blair and Gordon Brown."))
    assert found.topic.key not in ("BLAIR_TONY", "BROWN_GORDON")


def test_a_surname_alone_joins_the_dictionary_person_of_another_story_written_in_the_same_company() -> None:
    stories = [
        Document("a", "Tony Blair backs the harbour tunnel, aides said. The Tories oppose the harbour tunnel."),
        Document("b", "Blair backs the harbour tunnel, aides said. The Tories oppose the harbour tunnel."),
    ]
    found = collection_keys([f for story in stories for f in MATCHER.scan(story)], COMPILED.profile)
    assert {f.actor.key for f in found if f.actor.text in ("Tony Blair", "Blair")} == {"BLAIR_TONY"}
