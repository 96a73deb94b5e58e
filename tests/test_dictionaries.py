"""Actor and topic dictionaries: the bundled starter set, loading, and the problems reported."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from stancekit import Matcher, load_rules
from stancekit.cli import cli
from stancekit.dsl.errors import RuleError

PACK = load_rules()


def write(tmp_path, body: str, name: str = "dictionary.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_starter_dictionary_names_the_worlds_countries_and_bodies():
    actors = {a.id: a for a in PACK.actors}
    countries = [a for a in actors.values() if a.type == "country"]
    assert len(countries) >= 193
    for actor_id in ("UN", "EU", "NATO", "WHO", "IMF"):
        assert actor_id in actors, actor_id
    assert "Washington" in actors["USA"].metonyms and "American" in actors["USA"].demonyms
    assert "Kremlin" in actors["RUS"].metonyms
    assert "Beijing" in actors["CHN"].metonyms
    assert PACK.topics, "a starter topic dictionary ships too"


def test_a_partys_national_committee_is_a_body_of_the_party_not_the_party():
    """The DNC rejecting a debate schedule is not every Democrat rejecting it."""
    [committee] = Matcher(PACK.compile()).scan("The DNC rejected the new debate schedule.")
    assert committee.actor.id == "US_DNC"
    assert "US_DEMOCRATIC_PARTY" in {a.id for a in committee.actor.affiliations}
    [party] = Matcher(PACK.compile()).scan("The Republican Party rejected the new debate schedule.")
    assert party.actor.id == "US_REPUBLICAN_PARTY"


def test_dictionaries_load_with_extra_files_and_link_across_them(tmp_path):
    path = write(
        tmp_path,
        """\
        stancekit: 1
        actors:
          - {id: REED_TOM, name: Tom Reed, type: person, aliases: [Tom Reed], parent: USA}
        topics:
          - {id: fishing_quota, name: fishing quota, aliases: [fishing quota, catch limit], parent: trade}
        """,
    )
    ruleset = load_rules(None, [path])
    assert {"REED_TOM", "USA"} <= {a.id for a in ruleset.actors}
    compiled = ruleset.compile()
    assert compiled.actors.chain("REED_TOM", None) == ["USA"]
    assert compiled.topics.topics["fishing_quota"] == ("fishing quota", "trade")


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            "actors:\n  - {id: A, name: A, type: person, parent: NOPE}\n",
            "unknown-actor-id",
            "actor A is linked to unknown actor 'NOPE'",
        ),
        (
            "actors:\n  - {id: A, name: A, type: country}\n  - {id: A, name: B, type: country}\n",
            "duplicate-actor-id",
            "actor id 'A' is already used",
        ),
        (
            "actors:\n  - {id: A, name: A, type: person, affiliations: [{id: B, from: 2020-13-01}]}\n"
            "  - {id: B, name: B, type: country}\n",
            "bad-date",
            "'from' must be a date",
        ),
        (
            "actors:\n  - {id: A, name: A, type: body, parent: B}\n  - {id: B, name: B, type: body, parent: A}\n",
            "affiliation-cycle",
            "belongs, through its links, to itself",
        ),
        ("actors:\n  - {id: A, name: A, type: person, gender: other}\n", "bad-gender", "gender must be male or female"),
        ("actors:\n  - {id: A, name: A}\n", "missing-key", "actor A has no 'type'"),
        (
            "topics:\n  - {id: t, name: t, aliases: [t], parent: nope}\n",
            "unknown-topic-id",
            "topic t has unknown parent 'nope'",
        ),
        (
            "topics:\n  - {id: t, name: t, aliases: [t], patterns: ['/cease(/']}\n",
            "bad-topic-pattern",
            "is not a valid regular expression",
        ),
    ],
    ids=["unknown link", "duplicate id", "bad date", "cycle", "gender", "missing type", "topic parent", "regex"],
)
def test_dictionary_problems_are_reported_at_their_place(tmp_path, body, code, message):
    path = write(tmp_path, "stancekit: 1\n" + body)
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    [diagnostic] = [d for d in caught.value.diagnostics if d.code == code]
    assert message in diagnostic.message
    assert diagnostic.location is not None and diagnostic.location.file.endswith("dictionary.yaml")


def test_one_name_for_two_actors_is_a_warning(tmp_path):
    path = write(
        tmp_path,
        """\
        stancekit: 1
        actors:
          - {id: A, name: Alpha, type: organisation, aliases: [The Council]}
          - {id: B, name: Beta, type: organisation, aliases: [the council]}
        """,
    )
    ruleset = load_rules([path])
    assert [d.code for d in ruleset.diagnostics] == ["shared-actor-name"]


def test_scan_takes_actor_dictionaries_from_the_command_line(tmp_path):
    actors = write(
        tmp_path,
        """\
        stancekit: 1
        actors:
          - {id: REED_TOM, name: Tom Reed, type: person, aliases: [Tom Reed], parent: USA}
        """,
        "people.yaml",
    )
    story = tmp_path / "story.txt"
    story.write_text('"We oppose the plan," Tom Reed said.\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            str(story),
            "--actors",
            str(actors),
            "-f",
            "csv",
            "--fields",
            "actor.name,actor.id,speaker.name",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "Tom Reed,REED_TOM,Tom Reed"


# -- a user dictionary that extends or overrides a bundled entry ---------------------------------


def _actor(ruleset, actor_id):
    return next(a for a in ruleset.actors if a.id == actor_id)


def _topic(ruleset, topic_id):
    return next(t for t in ruleset.topics if t.id == topic_id)


def test_an_id_of_the_bundled_pack_without_extend_or_override_is_still_an_error(tmp_path):
    path = write(tmp_path, "actors:\n  - {id: GREENPEACE, name: Greenpeace UK, type: organisation}\n")
    with pytest.raises(RuleError) as caught:
        load_rules(None, [path])
    assert "actor id 'GREENPEACE' is already used" in str(caught.value)


def test_extend_adds_aliases_to_a_bundled_actor_and_keeps_its_own(tmp_path):
    path = write(
        tmp_path, "actors:\n  - {id: GREENPEACE, extend: true, aliases: [Greenpeace Nordic, the rainbow warriors]}\n"
    )
    ruleset = load_rules(None, [path])
    actor = _actor(ruleset, "GREENPEACE")
    assert actor.aliases == (*_actor(PACK, "GREENPEACE").aliases, "Greenpeace Nordic", "the rainbow warriors")
    assert (actor.name, actor.type) == ("Greenpeace", "organisation")
    assert [a.id for a in ruleset.actors].count("GREENPEACE") == 1
    [finding] = Matcher(ruleset.compile()).scan("Greenpeace Nordic opposes the new oil field.")
    assert (finding.actor.id, finding.actor.name) == ("GREENPEACE", "Greenpeace")


def test_override_replaces_a_bundled_actor_whole(tmp_path):
    path = write(
        tmp_path,
        "actors:\n  - {id: GREENPEACE, override: true, name: Greenpeace Nordic, type: organisation,"
        " aliases: [Greenpeace Nordic]}\n",
    )
    ruleset = load_rules(None, [path])
    assert _actor(ruleset, "GREENPEACE").aliases == ("Greenpeace Nordic",)
    matcher = Matcher(ruleset.compile())
    [finding] = matcher.scan("Greenpeace Nordic opposes the new oil field.")
    assert (finding.actor.id, finding.actor.name) == ("GREENPEACE", "Greenpeace Nordic")
    [finding] = matcher.scan("Greenpeace International opposes the new oil field.")
    assert finding.actor.id is None


def test_extend_adds_aliases_and_patterns_to_a_bundled_topic(tmp_path):
    path = write(
        tmp_path, 'topics:\n  - {id: tax_cuts, extend: true, aliases: [tax giveaway], patterns: ["/levy cuts?/"]}\n'
    )
    ruleset = load_rules(None, [path])
    topic = _topic(ruleset, "tax_cuts")
    assert topic.aliases == (*_topic(PACK, "tax_cuts").aliases, "tax giveaway")
    assert topic.patterns[-1] == "/levy cuts?/" and topic.parent == "taxation"
    [finding] = Matcher(ruleset.compile()).scan("The union opposes the tax giveaway.")
    assert (finding.topic.id, finding.topic.name) == ("tax_cuts", "tax cuts")


@pytest.mark.parametrize(
    ("sentence", "topic_id"),
    [
        ("The union opposes new estate taxes.", "estates"),
        ("The union opposes cutting the estate tax.", "estates"),
        ("The union opposes more port dredging.", "dredging"),
        ("The union opposes the port dredges.", None),
    ],
)
def test_an_alias_matches_its_plural_and_a_verb_s_forms_from_its_base_only(tmp_path, sentence, topic_id):
    """ "Tax" is a noun and a verb's base: "taxes" is its form. "Dredging" is a form of
    "dredge": "port dredging" names no port dredge."""
    path = write(
        tmp_path,
        "topics:\n  - {id: estates, name: estate taxes, aliases: [estate tax]}\n"
        "  - {id: dredging, name: port dredging, aliases: [port dredging]}\n",
    )
    found = Matcher(load_rules(None, [path]).compile()).scan(sentence)
    assert [f.topic.id for f in found] == [topic_id]


def test_override_of_a_topic_may_change_its_name_and_parent(tmp_path):
    path = write(tmp_path, "topics:\n  - {id: tax_cuts, override: true, name: tax relief, aliases: [tax relief]}\n")
    topic = _topic(load_rules(None, [path]), "tax_cuts")
    assert (topic.name, topic.aliases, topic.parent) == ("tax relief", ("tax relief",), None)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "actors:\n  - {id: GREENPEAC, extend: true, aliases: [Greenpeace Nordic]}\n",
            "actor 'GREENPEAC' has 'extend: true' but no actor with that id is loaded before it",
        ),
        (
            "topics:\n  - {id: tax_cut, override: true, name: tax relief, aliases: [tax relief]}\n",
            "topic 'tax_cut' has 'override: true' but no topic with that id is loaded before it",
        ),
        (
            "actors:\n  - {id: GREENPEACE, extend: true, override: true, aliases: [GP]}\n",
            "either extends or overrides",
        ),
        ("actors:\n  - {id: GREENPEACE, extend: yes please, aliases: [GP]}\n", "'extend' must be true or false"),
        ("actors:\n  - {id: GREENPEACE, override: true, aliases: [GP]}\n", "has no 'name'"),
    ],
    ids=["extend-unknown", "override-unknown", "both", "not-boolean", "override-needs-name"],
)
def test_extend_and_override_problems_are_reported(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as caught:
        load_rules(None, [path])
    assert message in str(caught.value)


def test_home_names_load_and_extend(tmp_path):
    path = write(
        tmp_path,
        """\
        stancekit: 1
        actors:
          - {id: NZ_LABOUR, name: New Zealand Labour Party, type: party, aliases: [New Zealand Labour Party],
             home_names: [Labour], parent: NZL}
          - {id: GBR_LABOUR_PARTY, extend: true, home_names: [Labour Party of Britain]}
        """,
    )
    index = load_rules(None, [path]).compile().actors
    assert ("NZ_LABOUR", "NZL") in index.home_names["Labour"]
    assert ("GBR_LABOUR_PARTY", "GBR") in index.home_names["Labour"]
    assert index.home_names["Labour Party of Britain"] == [("GBR_LABOUR_PARTY", "GBR")]
