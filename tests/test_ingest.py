"""Reading inputs: every kind of bad input gets one clear error and never stops the batch."""
from __future__ import annotations

import io
import json

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest import iter_documents


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_text_file_is_read_exactly_with_crlf(tmp_path):
    raw = "Headline here\r\n\r\nFirst sentence.\r\nSecond one.\r\n"
    p = tmp_path / "a.txt"
    p.write_bytes(raw.encode("utf-8"))
    docs, errors = _split(list(iter_documents([p])))
    assert not errors
    assert docs[0].text == raw  # CRLF kept: offsets index the text as read
    assert docs[0].id == "a.txt"
    assert docs[0].title == "Headline here"


def test_bad_inputs_each_get_one_error_and_good_ones_survive(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A perfectly fine article about nothing much.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Les élèves sont arrivés.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse 50 MB file: the size check must refuse it before reading
        fh.truncate(50 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    items = list(iter_documents([empty, binary, good, latin1, huge, missing]))
    docs, errors = _split(items)
    assert [d.id for d in docs] == ["good.txt"]
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin1.txt"] and "0xe9" in reasons["latin1.txt"]
    assert "50.0 MB" in reasons["huge.txt"] and "limit" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]


def test_jsonl_reports_malformed_lines_and_keeps_the_rest(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "First article text.", "source": "example.org", "published": "2024-03-01"}),
        "{not json",
        json.dumps({"id": "two"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "Third article, no id.", "extra": 5}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    docs, errors = _split(list(iter_documents([p])))
    assert [d.id for d in docs] == ["one", "batch.jsonl:6"]
    assert docs[0].source == "example.org" and docs[0].published == "2024-03-01"
    assert docs[1].meta == {"extra": 5}
    assert sorted(e.source for e in errors) == [f"{p}:2", f"{p}:3", f"{p}:4"]
    assert "malformed JSON" in errors[0].reason


def test_folder_reads_text_and_jsonl_sorted_and_skips_other_files(tmp_path, caplog):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "Third."}), encoding="utf-8")
    (tmp_path / ".checkpoints").mkdir()
    (tmp_path / ".checkpoints" / "a-copy.txt").write_text("First, an editor's copy.", encoding="utf-8")
    (tmp_path / ".checkpoints" / "state.bin").write_bytes(b"\x00")
    with caplog.at_level("WARNING"):
        docs, errors = _split(list(iter_documents([tmp_path])))
    assert [d.id for d in docs] == ["a.txt", "b.txt", "c1"]
    assert not errors
    # The file left out is named, so that an article saved in another format is not missed without a word;
    # what hidden folders hold is nobody's article.
    said = [r.getMessage() for r in caplog.records if r.name == "narrascope.ingest.sources"]
    assert len(said) == 1 and "left out 1 file(s)" in said[0] and "notes.md" in said[0] and "state.bin" not in said[0]


def test_stdin_plain_text_and_jsonl():
    docs, _ = _split(list(iter_documents(["-"], stdin=io.BytesIO(b"Just one article.\n"))))
    assert docs[0].text == "Just one article.\n" and docs[0].id == "stdin"
    payload = "\n".join(json.dumps({"id": f"s{i}", "text": f"Text {i}."}) for i in range(3)).encode()
    docs, _ = _split(list(iter_documents(["-"], stdin=io.BytesIO(payload))))
    assert [d.id for d in docs] == ["s0", "s1", "s2"]
