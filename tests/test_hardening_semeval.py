"""Issue 16, item 6: `semeval` commands treat their inputs as untrusted files. A TSV line or a
document that is not UTF-8 is one error naming it and the rest of the submission is written; ids
never reach outside the documents folder; missing inputs make the command exit 2. Texts invented."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.cli.main import cli

LATIN1 = "Les élèves du port ont voté pour le ferry.".encode("latin-1")
TEXT = "Nordland shelled the town of Soria again. Soria's families lost their homes to the Nordland army.\n"
SECRET = "Nordland secret outside the documents folder.\n"


@pytest.fixture()
def docs(tmp_path) -> Path:
    folder = tmp_path / "raw-documents"
    folder.mkdir()
    (folder / "EN_1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "EN_2.txt").write_text(TEXT.replace("Soria", "Valden"), encoding="utf-8")
    (folder / "EN_bad.txt").write_bytes(LATIN1)
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")  # what `../outside.txt` would read
    return folder


def invoke(*args: str):
    return CliRunner().invoke(cli, ["semeval", *args])


def test_st1_bad_lines_bad_documents_and_path_ids_are_reported_and_the_rest_written(docs, tmp_path):
    mentions = tmp_path / "mentions.txt"
    mentions.write_bytes(
        b"EN_1.txt\tNordland\t0\t7\n"
        b"EN_1.txt\tS\xf6ria\t34\t38\n"  # a Latin-1 byte inside the TSV
        b"EN_bad.txt\tport\t0\t3\n"  # a document that is not UTF-8
        b"../outside.txt\tNordland\t0\t7\n"
        b"/etc/hostname\tlocalhost\t0\t8\n"
        b"EN_2.txt\tValden\t34\t39\n")
    out = tmp_path / "pred.txt"
    result = invoke("st1", "--docs", str(docs), "--mentions", str(mentions), "--out", str(out))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["EN_1.txt", "Nordland"], ["EN_2.txt", "Valden"]]
    assert f"{mentions}:2: not UTF-8" in result.output
    assert "EN_bad.txt" in result.output and "not UTF-8" in result.output
    assert "'../outside.txt' is not a plain file name" in result.output or "../outside.txt: is not" in result.output
    assert "/etc/hostname" in result.output and result.output.count("not a plain file name") == 2


def test_st2_a_document_that_is_not_utf8_is_one_error_and_the_others_are_written(docs, tmp_path):
    out = tmp_path / "st2.txt"
    result = invoke("st2", "--docs", str(docs), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "EN_bad.txt" in result.output and "not UTF-8" in result.output
    assert [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()] == ["EN_1.txt", "EN_2.txt"]


def test_st3_never_reads_outside_the_documents_folder(docs, tmp_path):
    war = "URW: Blaming the war on others rather than the invader"
    dominant = tmp_path / "dominant.txt"
    dominant.write_bytes(
        f"EN_1.txt\t{war}\tnone\n../outside.txt\t{war}\tnone\n/etc/hostname\t{war}\tnone\n".encode()
        + b"EN_\xe9.txt\t" + war.encode() + b"\tnone\n"
        + f"EN_bad.txt\t{war}\tnone\nEN_2.txt\t{war}\tnone\n".encode())
    out = tmp_path / "st3.txt"
    result = invoke("st3", "--docs", str(docs), "--dominant", str(dominant), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()] == ["EN_1.txt", "EN_2.txt"]
    assert result.output.count("not a plain file name") == 2
    assert f"{dominant}:4: not UTF-8" in result.output and "EN_bad.txt" in result.output


def test_techniques_reports_bad_template_lines_and_articles_and_exits_2(tmp_path):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "article1.txt").write_text("A shameless gang of liars runs the port.\n\nThey lied again.\n",
                                       encoding="utf-8")
    (arts / "article2.txt").write_bytes(LATIN1)
    (tmp_path / "article3.txt").write_text("Outside the articles folder.\n", encoding="utf-8")
    template = tmp_path / "t.template"
    template.write_bytes(b"1\t1\tA shameless gang\n1\t3\tThey lied\n2\t1\tLes eleves\n5\t1\tLes \xe9l\xe8ves\n"
                         b"../article3\t1\toutside\n4\t1\tmissing article\n1\tx\tno paragraph number\n")
    out = tmp_path / "pred.txt"
    result = invoke("techniques", "--articles", str(arts), "--template", str(template), "--out", str(out),
                    "--lang", "en")
    assert result.exit_code == 2, result.output
    rows = [tuple(line.split("\t")[:2]) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[:3] == [("1", "1"), ("1", "3"), ("2", "1")] and ("5", "1") not in rows
    assert "article2.txt" in result.output and "not UTF-8" in result.output  # its rows get no label
    assert f"{template}:4: not UTF-8" in result.output
    assert "not a plain file name" in result.output and "article4.txt" in result.output
    assert f"{template}:7" in result.output


def test_mention_ids_that_are_paths_are_never_read(docs, tmp_path):
    from narrascope.semeval.t10_entities import read_mentions

    mentions = tmp_path / "mentions.txt"
    outside = tmp_path / "outside.txt"
    mentions.write_text(f"../outside.txt\tNordland\t0\t7\n{outside}\tNordland\t0\t7\nEN_1.txt\tNordland\t0\t7\n",
                        encoding="utf-8")
    texts, given, warnings = read_mentions(mentions, docs)
    assert list(texts) == ["EN_1.txt"] and SECRET not in texts.values()
    assert [m.doc_id for m in given] == ["EN_1.txt"] and len(warnings) == 2
