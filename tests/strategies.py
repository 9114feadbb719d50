"""Hypothesis strategies for the property suites: hostile text, good and bad records.

A generated record knows whether it is good (then the reader must keep it, under its id) or bad
(then the reader must give exactly one error naming it), so the properties can check both.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from hypothesis import strategies as st

SCALE = 10 if os.environ.get("NARRASCOPE_HYPOTHESIS") == "thorough" else 1


def examples(n: int) -> int:
    return n * SCALE


# Text as attackers and careless exporters write it: controls, NUL, lone surrogates, bidi marks,
# combining marks, scripts of our five languages, very long words, CRLF.
NASTY = ["\x00", "\ud800", "\udfff", "\u202e", "\u200b", "\ufeff", "\r\n", "\r", "\u0301", "\u2028", "\x1b[31m",
         "𝕏", "😀", "NATO", "НАТО", "नाटो", "\t", "'", '"', "\\", "<script>", "*", "OR", "(", ")"]
WORDS = ["harbour", "ferry", "council", "Линдвик", "пристанище", "बंदरगाह", "porto", "пристанището", "war", "peace"]

any_char = st.characters(codec=None)  # every code point, surrogates included
plain_char = st.characters(codec="utf-8", exclude_characters="\x00")

nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.sampled_from(WORDS), st.text(any_char, max_size=8)),
                      max_size=30).map(" ".join)
utf8_text = st.text(plain_char, max_size=200)
readable_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(plain_char, min_size=1, max_size=12)),
                         min_size=1, max_size=40).map(" ".join).filter(lambda t: t.strip())


@dataclass
class Record:
    line: bytes  # one JSON line (or something that is not one)
    good: bool
    id: str | None = None


def _json_line(obj: object, ascii_only: bool) -> bytes:
    return json.dumps(obj, ensure_ascii=ascii_only).encode("utf-8")


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                  st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)


@st.composite
def good_records(draw, index: int) -> Record:
    text = draw(st.one_of(readable_text, nasty_text.filter(lambda t: t.strip())))
    obj: dict = {"id": f"rec-{index}", "text": text}
    for key in ("title", "url", "source", "lang"):
        if draw(st.booleans()):
            obj[key] = draw(st.one_of(st.text(any_char, max_size=30), st.integers()))
    if draw(st.booleans()):
        obj["published"] = draw(st.one_of(st.just("2024-03-05"), st.text(max_size=25), st.integers(0, 3000)))
    obj.update(draw(st.dictionaries(st.text(max_size=10).filter(lambda k: k not in obj and k not in (
        "id", "text", "title", "url", "source", "published", "lang")), json_values, max_size=3)))
    return Record(_json_line(obj, ascii_only=True), True, f"rec-{index}")


def _bad_candidates(index: int):
    deep = "[" * 3000 + "]" * 3000
    return st.one_of(
        st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"}" not in b).map(lambda b: b"{" + b),  # broken
        json_values.filter(lambda v: not isinstance(v, dict)).map(lambda v: _json_line(v, True)),  # not an object
        st.just(_json_line({"id": f"bad-{index}", "title": "no text"}, True)),
        st.sampled_from(["", "   ", None, 5, ["a"], {"x": 1}]).map(
            lambda t: _json_line({"id": f"bad-{index}", "text": t}, True)),
        st.sampled_from([{"$date": "2024"}, ["2024"], True]).map(
            lambda v: _json_line({"id": f"bad-{index}", "text": "Some words.", "published": v}, True)),
        st.just(f'{{"id": "bad-{index}", "text": "deep", "x": {deep}}}'.encode()),
        st.just(_json_line({"id": f"bad-{index}", "text": "nested", "x": json.loads("[" * 40 + "]" * 40)}, True)),
    )


@st.composite
def jsonl_records(draw, min_size: int = 1, max_size: int = 12) -> list[Record]:
    n = draw(st.integers(min_size, max_size))
    out = []
    for i in range(n):
        if draw(st.integers(0, 2)) == 0:
            out.append(Record(draw(_bad_candidates(i)), False))
        else:
            out.append(draw(good_records(i)))
    return out
