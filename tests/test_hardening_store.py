"""Issue 16, item 4: a damaged corpus database is detected, never served, written into or exported
short; and a record the database refuses costs only itself."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import urllib.error
from http.client import IncompleteRead
from pathlib import Path

import pytest

from narrascope.api import create_app
from narrascope.document import Analysis, Document, Span
from narrascope.store.database import Store, StoreError

try:
    from .live_server import LiveServer, http
except ImportError:
    from live_server import LiveServer, http

WORDS = ["harbour", "ferry", "council", "budget", "island", "school", "market", "storm", "road", "bridge", "tide", "pier"]
N = 1200


def build(path: Path, n: int = N) -> Path:
    rng = random.Random(1)
    docs = [Analysis(document=Document(text=" ".join(rng.choice(WORDS) for _ in range(300)) + f" Number {i}.",
                                       id=f"d{i}"), language="en") for i in range(n)]
    with Store(path) as store:
        store.add_many(docs)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    return path


def damage(path: Path, pages: int = 2, where: float = 0.5) -> None:
    """Overwrite pages of the file (in the middle by default) with random bytes, as a failing disk might."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(int(size * where) // 4096 * 4096)
        fh.write(random.Random(2).randbytes(4096 * pages))


@pytest.fixture(scope="module")
def sound_db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("store") / "sound.db")


@pytest.fixture()
def damaged_db(sound_db, tmp_path) -> Path:
    path = tmp_path / "damaged.db"
    path.write_bytes(sound_db.read_bytes())
    damage(path)
    return path


def test_integrity_check_names_the_damage(damaged_db, sound_db):
    Store(sound_db, readonly=True).check_integrity()
    with pytest.raises(StoreError, match="damaged"):
        Store(damaged_db, readonly=True).check_integrity()


def narrascope(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "narrascope", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def test_export_of_a_damaged_database_exits_with_an_error_and_no_traceback(damaged_db, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = narrascope("export", "--db", str(damaged_db), "-o", str(out))
    assert proc.returncode == 1 and "damaged" in proc.stderr and "Traceback" not in proc.stderr


def test_export_cut_short_mid_scan_is_an_error_not_a_short_file(damaged_db):
    from narrascope.store.export import iter_jsonl

    store = Store(damaged_db, readonly=True)  # opened without the check: what a damage found later looks like
    lines = 0
    with pytest.raises(StoreError, match="damaged"):
        for _ in iter_jsonl(store):
            lines += 1
    assert lines < N


def test_ingest_refuses_to_write_into_a_damaged_database(damaged_db, tmp_path):
    src = tmp_path / "new.jsonl"
    src.write_text(json.dumps({"text": "A new article about the pier."}) + "\n", encoding="utf-8")
    before = damaged_db.read_bytes()
    proc = narrascope("ingest", str(src), "--db", str(damaged_db), "-a", "language")
    assert proc.returncode == 1 and "damaged" in proc.stderr and "Traceback" not in proc.stderr
    assert damaged_db.read_bytes() == before


def test_server_refuses_to_serve_a_damaged_database(damaged_db):
    with pytest.raises(StoreError, match="damaged"):
        create_app(damaged_db)


@pytest.mark.parametrize("where", [0.1, 0.5])
def test_export_stream_that_meets_damage_fails_instead_of_ending_as_a_short_200(sound_db, tmp_path, where):
    path = tmp_path / "served.db"
    path.write_bytes(sound_db.read_bytes())
    with LiveServer(create_app(path)) as live:
        assert http(live.url + "/api/stats").json()["documents"] == N
        damage(path, where=where)  # the disk fails while the server runs
        try:
            reply = http(live.url + "/api/export.jsonl")
        except (IncompleteRead, ConnectionError, urllib.error.URLError):
            assert where > 0.1
            return  # the transfer broke off: the client can tell the file is incomplete
        rows = len(reply.body.splitlines())
        assert reply.status == 500 and "damaged" in reply.json()["detail"], f"{reply.status} with {rows} of {N} rows"


def test_a_record_the_database_refuses_costs_only_itself(tmp_path):
    from narrascope.cli.store import store_batch

    good = [Analysis(document=Document(text=f"Article {i} about the bridge.", id=f"a{i}")) for i in range(3)]
    bad = Analysis(document=Document(text="An article whose analysis cannot be stored.", id="bad"))
    bad.techniques = [Span(2**70, 2**70 + 1, "Loaded_Language")]  # SQLite integers stop at 2**63
    with Store(tmp_path / "c.db") as store:
        counts = store_batch(store, [good[0], bad, *good[1:]], replace=False)
        assert (counts["added"], counts["failed"]) == (3, 1)
        assert store.count() == 3
