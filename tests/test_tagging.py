"""The bundled part-of-speech tagger: its model loads and tags plain sentences right, lemmas,
CoNLL-U reading, scoring, and training that is deterministic and learns what it is shown.

Every sentence here is written for these tests; none comes from the treebank."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stancekit.tagging import (
    BUNDLED_MODEL,
    UPOS_DESCRIPTIONS,
    UPOS_TAGS,
    ConlluError,
    Tagger,
    TagScores,
    default_tagger,
    evaluate,
    lemma,
    read_conllu,
    read_conllu_sentences,
    tagger_named,
)
from stancekit.tagging.features import normalise_word
from stancekit.tagging.perceptron import AveragedPerceptron
from stancekit.tagging.tagger import PerceptronTagger, load_model, save_model
from stancekit.tagging.training import merge_hyphens, train

FIXTURE = Path(__file__).parent / "fixtures" / "tagging" / "small.conllu"


def tags(sentence: str) -> list[str]:
    return default_tagger().tag(sentence.split())


def test_the_tag_set_has_the_17_universal_tags_each_described():
    assert len(UPOS_TAGS) == 17 == len(set(UPOS_TAGS))
    assert set(UPOS_DESCRIPTIONS) == set(UPOS_TAGS)
    assert all(UPOS_DESCRIPTIONS.values())


def test_the_bundled_model_ships_beside_its_licence_and_loads_once():
    folder = BUNDLED_MODEL.parent
    assert BUNDLED_MODEL.is_file() and (folder / "LICENSE.txt").is_file()
    assert "CC BY-SA 4.0" in (folder / "README.md").read_text(encoding="utf-8")
    tagger = default_tagger()
    assert isinstance(tagger, Tagger)
    assert tagger is default_tagger() is tagger_named(tagger.name)
    assert tagger.tag([]) == []


def test_a_plain_sentence_is_tagged_right():
    got = tags("The senator has not endorsed the new bill .")
    assert got[1] in ("NOUN", "PROPN")
    assert got[:1] + got[2:] == ["DET", "AUX", "PART", "VERB", "DET", "ADJ", "NOUN", "PUNCT"]


def test_one_word_is_a_noun_in_one_sentence_and_a_verb_in_another():
    assert tags("The plan was rejected by the committee .")[1] == "NOUN"
    assert tags("They plan to vote against the budget .")[1] == "VERB"
    assert tags("Many governors support the proposal .")[2] == "VERB"
    assert tags("Their support for the bill was strong .")[1] == "NOUN"


def test_clitics_split_as_stancekit_splits_them_are_tagged():
    assert tags("The governor does n't support Trump 's plan .") == [
        "DET",
        "NOUN",
        "AUX",
        "PART",
        "VERB",
        "PROPN",
        "PART",
        "NOUN",
        "PUNCT",
    ]
    assert tags("It 's a good idea .")[1] == "AUX"


def test_curly_quotes_and_apostrophes_tag_like_straight_ones():
    curly = default_tagger().tag(["\u201c", "We", "can", "\u2019t", "win", ",", "\u201d", "she", "said", "."])
    straight = default_tagger().tag(['"', "We", "can", "'t", "win", ",", '"', "she", "said", "."])
    assert curly == straight
    assert curly[0] == curly[6] == "PUNCT"
    assert default_tagger().tag(["``", "No", "''"])[::2] == ["PUNCT", "PUNCT"]


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("Zürich", "Zürich"),
        ("2024", "2024"),
        ("O\u2019Neill", "O'Neill"),
        ("state\u2011run", "state-run"),
        ("\u2014", "--"),
        ("\u201c", '"'),
    ],
)
def test_words_are_read_in_the_treebank_s_spelling_and_plain_words_as_they_are(word, form):
    assert normalise_word(word) == form


def test_hyphenated_words_kept_whole_are_tagged_as_words():
    got = tags("The long-term plan has a well-known author .")
    assert got[1] == "ADJ" and got[5] == "ADJ"
    assert tags("The state-run company paid 1,400 workers in 2019 .")[1] in ("ADJ", "VERB")
    assert tags("He paid 1,400 dollars in 2019 .")[2::3] == ["NUM", "NUM"]


@pytest.mark.parametrize(
    ("word", "upos", "expected"),
    [
        ("endorsed", "VERB", "endorse"),
        ("Senators", "NOUN", "senator"),
        ("has", "AUX", "have"),
        ("was", "AUX", "be"),
        ("n't", "PART", "not"),
        ("\u2019re", "AUX", "be"),
        ("better", "ADJ", "good"),
        ("Trump", "PROPN", "Trump"),
        ("Democrats", "PROPN", "Democrats"),
        ("The", "DET", "the"),
        ("frobnicates", "VERB", "frobnicate"),
        ("qwzx", "X", "qwzx"),
        ("1,400", "NUM", "1,400"),
        (",", "PUNCT", ","),
    ],
)
def test_lemmas(word, upos, expected):
    assert lemma(word, upos) == expected


def test_read_conllu_skips_multiword_ranges_and_empty_nodes():
    sentences = list(read_conllu(FIXTURE))
    assert len(sentences) == 9
    assert sentences[0] == [("The", "DET"), ("mayor", "NOUN"), ("backs", "VERB"), ("the", "DET"), ("plan", "NOUN"),
                            (".", "PUNCT")]  # fmt: skip
    assert sentences[-1] == [("They", "PRON"), ("do", "AUX"), ("n't", "PART"), ("back", "VERB"), ("it", "PRON"),
                             (".", "PUNCT")]  # fmt: skip
    last = list(read_conllu_sentences(FIXTURE))[-1]
    assert last.sent_id == "team-9" and last.text == "They don't back it."
    assert not last.words[4].space_after and last.words[3].space_after


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("1\tThe\tthe\tDET\t_\t_\t0\troot\t_", "expected 10 tab-separated columns"),
        ("1\tThe\tthe\tDT\t_\t_\t0\troot\t_\t_", "'DT' is not a Universal POS tag"),
        ("one\tThe\tthe\tDET\t_\t_\t0\troot\t_\t_", "is not a number"),
    ],
)
def test_a_malformed_conllu_line_is_named_by_file_and_line(tmp_path, line, complaint):
    path = tmp_path / "broken.conllu"
    path.write_text(f"# text = The end\n1\tThe\tthe\tDET\t_\t_\t0\troot\t_\t_\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ConlluError, match=rf"broken\.conllu:4: .*{complaint}"):
        list(read_conllu(path))


def test_a_missing_conllu_file_is_a_conllu_error(tmp_path):
    with pytest.raises(ConlluError, match="cannot read"):
        list(read_conllu(tmp_path / "nowhere.conllu"))


class Nouns:
    name = "nouns"

    def tag(self, words):
        return ["NOUN"] * len(words)


def test_evaluate_counts_per_tag_and_overall():
    gold = [[("Plans", "NOUN"), ("fail", "VERB")], [("Taxes", "NOUN"), (".", "PUNCT")]]
    scores = evaluate(Nouns(), gold)
    assert isinstance(scores, TagScores)
    assert (scores.tokens, scores.correct, scores.sentences) == (4, 2, 2)
    assert scores.accuracy == 0.5
    noun = scores.score("NOUN")
    assert (noun.gold, noun.predicted, noun.correct, noun.recall, noun.precision) == (2, 4, 2, 1.0, 0.5)
    assert scores.score("VERB").recall == 0.0 and scores.score("ADJ").gold == 0
    assert [s.tag for s in scores.per_tag] == ["NOUN", "PUNCT", "VERB"]


def test_training_is_deterministic_and_learns_a_tiny_treebank(tmp_path):
    sentences = list(read_conllu_sentences(FIXTURE))
    first = train(sentences, iterations=5, seed=3, second_pass=True)
    second = train(sentences, iterations=5, seed=3, second_pass=True)
    assert first.to_json() == second.to_json()
    scores = evaluate(first, read_conllu(FIXTURE))
    assert scores.correct >= scores.tokens - 1  # nine sentences are too few for every word
    assert first.second is not None
    save_model(first, tmp_path / "a.json.gz")
    save_model(second, tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    reloaded = load_model(tmp_path / "a.json.gz")
    words = "The council backs the new plan .".split()
    assert reloaded.tag(words) == first.tag(words)
    with gzip.open(tmp_path / "a.json.gz", "rt", encoding="utf-8") as stream:
        assert json.load(stream)["tags"] == list(UPOS_TAGS)


def test_hyphenated_words_are_merged_for_training_as_stancekit_keeps_them(tmp_path):
    path = tmp_path / "hyphen.conllu"
    rows = [
        ("1", "a", "DET", "4", "det", "_"),
        ("2", "long", "ADJ", "4", "amod", "SpaceAfter=No"),
        ("3", "-", "PUNCT", "4", "punct", "SpaceAfter=No"),
        ("4", "term", "NOUN", "5", "amod", "_"),
        ("5", "plan", "NOUN", "0", "root", "_"),
    ]
    lines = [f"{i}\t{w}\t_\t{t}\t_\t_\t{h}\t{d}\t_\t{m}" for i, w, t, h, d, m in rows]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    (sentence,) = read_conllu_sentences(path)
    assert merge_hyphens(sentence) == [("a", "DET"), ("long-term", "ADJ"), ("plan", "NOUN")]


def test_an_unknown_tagger_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="known taggers: perceptron"):
        tagger_named("nonesuch")


@pytest.mark.parametrize(
    ("sentence", "position"),
    [
        ("They did not back the deal .", 3),
        ("She will back the plan .", 2),
        ("Democrats would not back the nominee .", 3),
        ("The governor will support the bill .", 3),
        ("We cannot support this war .", 2),
        ("The senator did not endorse the candidate .", 4),
        ("I do n't endorse violence .", 3),
        ("Republicans plan to oppose the measure .", 3),
        ("The union may reject the offer .", 3),
        ("They reject the offer .", 1),
        ("Critics reject the claim .", 1),
        ("Farmers support the trade deal .", 1),
        ("Many lawmakers oppose the new rules .", 2),
        ("The mayor backs the plan .", 2),
    ],
)
def test_stance_verbs_after_a_modal_negation_to_or_a_subject_are_verbs(sentence, position):
    assert tags(sentence)[position] == "VERB"


@pytest.mark.parametrize(
    ("sentence", "position", "upos"),
    [
        ("He came back home .", 2, "ADV"),
        ("We went back to the office .", 2, "ADV"),
        ("They will be back next week .", 3, "ADV"),
        ("Call me back tomorrow .", 2, "ADV"),
        ("She has a strong back .", 4, "NOUN"),
        ("He hurt his back yesterday .", 3, "NOUN"),
        ("She sat in the back of the bus .", 4, "NOUN"),
        ("The support of voters matters .", 1, "NOUN"),
        ("The plan has broad support .", 4, "NOUN"),
        ("The reject pile grew .", 1, "NOUN"),
    ],
)
def test_the_same_words_as_nouns_and_adverbs_keep_their_tags(sentence, position, upos):
    assert tags(sentence)[position] == upos


def test_words_tagged_before_in_the_same_window_get_the_tags_a_fresh_tagger_gives():
    first = "The council will back the plan , the mayor said .".split()
    second = "Critics said the council will back the plan despite the cost .".split()
    seasoned = load_model()
    seasoned.tag(first)
    assert seasoned.tag(second) == load_model().tag(second)
    assert seasoned.tag(first) == load_model().tag(first)


def test_a_tagger_keeps_a_bounded_number_of_windows_and_words_and_tags_as_a_fresh_one(monkeypatch):
    """A corpus of any size tags in bounded memory: past its bounds a tagger forgets windows
    (the oldest all at once) and stops keeping words, and still gives every sentence the
    tags a fresh tagger gives it."""
    from stancekit.tagging import _bundled_model, features, tagger

    monkeypatch.setattr(tagger, "KNOWN_WINDOWS_KEPT", 8)
    monkeypatch.setattr(tagger, "OWN_SUMS_KEPT", 8)
    monkeypatch.setattr(features, "LEXICAL_ENTRIES_KEPT", 8)
    sentences = [
        "The council will back the plan , the mayor said .".split(),
        "Critics said the council will back the plan despite the cost .".split(),
        "Residents who live near the river oppose the new road .".split(),
    ]
    fresh = [_bundled_model().tag(sentence) for sentence in sentences]  # a new tagger each
    seasoned = _bundled_model()
    for _ in range(3):
        assert [seasoned.tag(sentence) for sentence in sentences] == fresh
    assert 0 < len(seasoned._known_windows) <= 8
    assert len(seasoned.features._lexical) == 8
    assert len(seasoned._scorer.own_sums) <= 8
    # past the bound, text met again soon after (a repeated paragraph) is still not scored again
    scored = []
    best = tagger._Scorer.best
    monkeypatch.setattr(tagger._Scorer, "best", lambda *args: scored.append(args) or best(*args))
    short = "Critics oppose the plan .".split()
    expected = _bundled_model().tag(short)
    scored.clear()
    assert seasoned.tag(short) == expected
    once = len(scored)
    assert seasoned.tag(short) == expected
    assert once > 0 and len(scored) == once


# A long text of ordinary news sentences, run on without full stops between some of them,
# so that stretches start both after two words of the tag dictionary and after tags already read.
_LONG_TEXT = (
    "The council will back the plan to widen the bridge , the mayor said on Monday and "
    "critics of the scheme warned that the cost could double before work starts "
    "Residents who live near the river say the new road will bring more traffic . "
    "Ana Ruiz , who leads the opposition group , called the vote a mistake and promised "
    "to fight the decision in court if ministers refuse to publish the figures "
) * 6


def test_tags_read_lazily_in_any_order_are_the_tags_of_the_whole_text():
    words = _LONG_TEXT.split()
    whole = load_model().tag(words)
    tagger = load_model()
    lazy = tagger.tags_read_lazily(words)
    # backwards from the end, as a topic's antecedent is looked for, then every other one
    assert [lazy[k] for k in range(len(words) - 1, len(words) - 90, -1)] == whole[-1:-90:-1]
    assert [lazy[k] for k in range(0, len(words), 7)] == whole[::7]
    assert list(lazy) == whole
    assert lazy[-1] == whole[-1] and lazy[10:20] == whole[10:20]


def test_a_tag_read_lazily_at_the_edge_of_a_stretch_is_the_whole_texts_tag():
    words = _LONG_TEXT.split()
    whole = load_model().tag(words)
    for position in (0, 1, 2, 63, 64, 65, 127, 128, len(words) - 2, len(words) - 1):
        assert load_model().tags_read_lazily(words)[position] == whole[position], position


def test_tags_read_lazily_tag_only_the_stretches_read():
    words = _LONG_TEXT.split()
    tagger = load_model()
    lazy = tagger.tags_read_lazily(words)
    lazy[len(words) - 1]
    assert tagger._known_windows, "the stretch read is tagged"
    scored = len(tagger._known_windows)
    fresh = load_model()
    fresh.tag(words)
    assert scored < len(fresh._known_windows) / 2


def test_the_bundled_model_is_kept_in_the_cache_folder_and_read_back(tmp_path, monkeypatch) -> None:
    from stancekit import tagging

    monkeypatch.setenv("STANCEKIT_CACHE_DIR", str(tmp_path))
    words = ["The", "mayor", "opposes", "the", "new", "parking", "fees", "."]
    first = tagging._bundled_model()
    [entry] = (tmp_path / "tagger").glob("*.pickle")
    again = tagging._bundled_model()
    assert again is not first
    assert again.tag(words) == first.tag(words) == tagging.load_model().tag(words)
    entry.write_bytes(b"not a pickle")
    assert tagging._bundled_model().tag(words) == first.tag(words)  # a damaged entry is read afresh


def _tagger_of(weights: dict[str, dict[int, float]]) -> PerceptronTagger:
    perceptron = AveragedPerceptron(3)
    perceptron.weights = weights
    return PerceptronTagger(perceptron, {}, {}, tags=("NOUN", "VERB", "ADJ"))


def _float_choice(weights: dict[str, dict[int, float]], features: list[str]) -> int:
    perceptron = AveragedPerceptron(3)
    perceptron.weights = weights
    scores = perceptron.scores(features)
    return scores.index(max(scores))


def test_a_tie_in_thousandths_goes_to_the_tag_whose_float_sum_is_higher():
    # "b" comes first among a word's features, then its form and lower case: 0.1 + 0.2 adds
    # up to a float above 0.3, so ADJ wins where the thousandths tie (300 each)
    tagger = _tagger_of({"b": {1: 0.3}, "w plans": {2: 0.1}, "l plans": {2: 0.2}})
    assert tagger.perceptron.packed() is not None
    assert tagger.tag(["plans"]) == ["ADJ"]


def test_weights_with_more_decimals_than_can_be_packed_tag_with_floats():
    tagger = _tagger_of({"b": {1: 0.1234567}, "w plans": {2: 0.1234566}})
    assert tagger.perceptron.packed() is None
    assert tagger.tag(["plans", "plans"]) == ["VERB", "VERB"]


weights_in_thousandths = st.dictionaries(
    st.sampled_from([f"f{k}" for k in range(12)]),
    st.dictionaries(st.integers(0, 2), st.integers(-40_000, 40_000).filter(bool).map(lambda k: k / 1000), min_size=1),
)


@given(weights_in_thousandths, st.lists(st.sampled_from([f"f{k}" for k in range(14)]), max_size=40))
def test_packed_sums_pick_the_class_float_sums_pick(weights, features):
    perceptron = AveragedPerceptron(3)
    perceptron.weights = weights
    packed = perceptron.packed()
    assert packed is not None
    best = packed.best(packed.sum(features[5:], packed.sum(features[:5])))
    if best is not None:  # a tie in thousandths: the floats decide
        assert best == _float_choice(weights, features)


def test_a_perceptron_packs_its_weights_again_after_a_training_step():
    perceptron = AveragedPerceptron(3)
    perceptron.weights = {"b": {0: 1.0}}
    packed = perceptron.packed()
    assert packed is not None and packed.best(packed.sum(["b"])) == 0
    perceptron.update(1, 0, ["b"])
    perceptron.update(1, 0, ["b"])  # "b" now weighs -1.0 for class 0 and 2.0 for class 1
    packed = perceptron.packed()
    assert packed is not None and packed.best(packed.sum(["b"])) == 1


def test_a_model_that_has_tagged_saves_to_the_same_file(tmp_path):
    save_model(train(list(read_conllu_sentences(FIXTURE)), iterations=2, seed=3), tmp_path / "model.json.gz")
    tagger = load_model(tmp_path / "model.json.gz")
    assert tagger.perceptron.packed() is not None
    tagger.tag("The council backs the new plan .".split())
    save_model(tagger, tmp_path / "again.json.gz")
    assert (tmp_path / "again.json.gz").read_bytes() == (tmp_path / "model.json.gz").read_bytes()
