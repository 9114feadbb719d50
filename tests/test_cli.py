"""The `narrascope analyze` command as a user runs it: real process, real files, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import EXAMPLES


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "narrascope", *args], check=False, input=stdin, capture_output=True, timeout=300
    )


def test_json_output_has_offsets_into_the_original_text():
    path = EXAMPLES / "en_urw_escalation.txt"
    proc = run("analyze", "-a", "language,narratives", "--format", "json", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    [result] = json.loads(proc.stdout)
    text = path.read_text(encoding="utf-8")
    assert result["document"]["text"] == text
    assert result["language"] == "en"
    for n in result["narratives"]:
        for ev in n["evidence"]:
            assert text[ev["start"] : ev["end"]]


def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The sanctions hurt Europe more than Russia.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad_jsonl = tmp_path / "lines.jsonl"
    bad_jsonl.write_text('{"id": "ok", "text": "Fine text here."}\n{oops\n', encoding="utf-8")
    proc = run("analyze", "-a", "language", "--format", "jsonl", str(good), str(empty), str(bad_jsonl),
               str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    ids = [json.loads(line)["document"]["id"] for line in proc.stdout.decode().splitlines()]
    assert ids == ["good.txt", "ok"]
    err = proc.stderr.decode()
    assert f"{empty}: empty input" in err
    assert f"{bad_jsonl}:2: malformed JSON" in err
    assert "nope.txt: no such file" in err
    assert "3 input(s) failed" in err


def test_stdin_text_report():
    proc = run("analyze", "-a", "language,narratives", "-", stdin=b"Gas prices in Europe doubled because of the sanctions.")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "language en" in out and "Narratives" in out


def test_unknown_analyzer_is_a_clear_error():
    proc = run("analyze", "-a", "language,nonsense", str(EXAMPLES / "en_cc_hoax.txt"))
    assert proc.returncode != 0
    assert "unknown analyzer 'nonsense'" in proc.stderr.decode()


def test_semeval_st2_writes_one_official_line_per_document(tmp_path):
    import shutil

    docs = tmp_path / "raw-documents"
    docs.mkdir()
    for name in ("en_urw_escalation.txt", "en_offtopic_festival.txt", "en_cc_hoax.txt"):
        shutil.copy(EXAMPLES / name, docs / name)
    out = tmp_path / "st2.txt"
    proc = run("semeval", "st2", "--docs", str(docs), "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {line.split("\t")[0]: line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()}
    assert set(rows) == {"en_urw_escalation.txt", "en_offtopic_festival.txt", "en_cc_hoax.txt"}
    assert all(len(r) == 3 for r in rows.values())
    assert rows["en_offtopic_festival.txt"][1:] == ["Other", "Other"]
    for _, narratives, subs in rows.values():
        if narratives == "Other":
            continue
        for sub in subs.split(";"):  # every sub-narrative belongs to a predicted narrative
            assert any(sub.startswith(n + ": ") for n in narratives.split(";"))
