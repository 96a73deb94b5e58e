"""`stancekit tag`: tokens, lemmas and tags of a text, CoNLL-U output that reads back, and
`--eval` on a gold file, with its errors. Sentences written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from stancekit.cli import cli
from stancekit.exitcodes import ExitCode
from stancekit.tagging import UPOS_TAGS, read_conllu, read_conllu_sentences

FIXTURE = Path(__file__).parent / "fixtures" / "tagging" / "small.conllu"
TEXT = "The senator hasn't endorsed the long-term plan.\n\nVoters don\u2019t like it, she said."


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["tag", *args], input=stdin)


def test_each_token_gets_a_line_with_its_lemma_and_tag_and_sentences_a_blank_line():
    result = run(stdin=TEXT)
    assert result.exit_code == 0, result.output
    blocks = result.output.rstrip("\n").split("\n\n")
    assert len(blocks) == 2
    rows = [line.split("\t") for line in blocks[0].splitlines()]
    assert [r[0] for r in rows] == ["The", "senator", "has", "n't", "endorsed", "the", "long-term", "plan", "."]
    assert all(len(r) == 3 and r[2] in UPOS_TAGS for r in rows)
    assert rows[2][1:] == ["have", "AUX"] and rows[3][1:] == ["not", "PART"] and rows[4][1:] == ["endorse", "VERB"]
    second = [line.split("\t") for line in blocks[1].splitlines()]
    assert second[1] == ["do", "do", "AUX"]
    assert second[2] == ["n\u2019t", "not", "PART"]


def test_a_file_argument_reads_the_file(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("Voters reject the tax.", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "reject\treject\tVERB"


def test_conllu_output_reads_back(tmp_path):
    result = run("--format", "conllu", stdin=TEXT)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# sent_id = 1\n# text = The senator hasn't endorsed the long-term plan.\n")
    path = tmp_path / "out.conllu"
    path.write_text(result.output, encoding="utf-8")
    sentences = list(read_conllu_sentences(path))
    assert [s.sent_id for s in sentences] == ["1", "2"]
    first = sentences[0].words
    assert [w.form for w in first][:4] == ["The", "senator", "has", "n't"]
    assert not first[2].space_after and first[3].space_after and not first[7].space_after
    assert first[4].lemma == "endorse" and first[4].upos == "VERB"
    lines = [line for line in result.output.splitlines() if line and not line.startswith("#")]
    assert all(len(line.split("\t")) == 10 for line in lines)
    assert len(list(read_conllu(path))[1]) == len(sentences[1].words)


def test_eval_prints_a_table_and_ends_with_the_accuracy_line():
    result = run("--eval", str(FIXTURE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"accuracy=(0\.\d{4}|1\.0000) tokens=58", lines[-1]), lines[-1]
    assert float(lines[-1].split()[0].split("=")[1]) >= 0.8
    assert lines[0].split()[:4] == ["tag", "gold", "correct", "accuracy"]
    assert any(line.split()[:2] == ["NOUN", "9"] for line in lines)


def test_eval_of_a_missing_file_is_an_input_error(tmp_path):
    result = run("--eval", str(tmp_path / "missing.conllu"))
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "cannot read" in result.output and "missing.conllu" in result.output


def test_eval_of_a_malformed_file_names_the_line(tmp_path):
    path = tmp_path / "bad.conllu"
    path.write_text("1\tThe\tthe\tDET\t_\t_\t0\troot\t_\t_\n2\tend\tend\tNOUN\t_\n", encoding="utf-8")
    result = run("--eval", str(path))
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert f"{path}:2:" in result.output


def test_a_missing_text_file_is_an_input_error(tmp_path):
    result = run(str(tmp_path / "missing.txt"))
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "error: cannot read" in result.output


def test_an_unknown_tagger_is_a_usage_error_naming_the_known_ones():
    result = run("--tagger", "nonesuch", stdin="Hello.")
    assert result.exit_code == ExitCode.USAGE
    assert "nonesuch" in result.output and "perceptron" in result.output
    assert run("--tagger", "perceptron", stdin="Hello.").exit_code == 0


def test_a_file_and_eval_together_are_a_usage_error(tmp_path):
    result = run(str(FIXTURE), "--eval", str(FIXTURE))
    assert result.exit_code == ExitCode.USAGE
