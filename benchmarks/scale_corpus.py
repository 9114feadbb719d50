"""Synthetic corpus stores of 10k to 1M analysed articles, written in bulk (no model runs).

Texts are sentences of invented pseudo-words drawn from a large pool, so two articles share few
shingles unless the generator makes one a copy of the other; label names come from the package
taxonomies. Each article gets a synthetic lead vector: articles of one story lie around the story's
centre (pairwise cosine ~0.75), others are random (cosine ~0 in 512 dimensions); ~1% of articles are
near-copies of a recent article under another source. Stories and copy-paste groups are written as
the generator made them (the ground truth), with the HNSW index file, as if every article had been
assigned on arrival; `new_articles` makes articles to assign through the real path afterwards.

`write_rows` mirrors `narrascope.store.write.insert_analysis` row for row (tests/test_scale.py
checks that both store the same rows); it exists because building dataclasses and walking them
costs ~3 ms per article, an hour per million.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from narrascope.document import Analysis
from narrascope.store.write import label_rows
from narrascope.taxonomy import load_narratives, load_yaml

DIM = 512
MODEL = "synthetic"
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "ba", "po", "ri", "zu", "me", "la", "to", "sa",
             "ne", "ki", "ru", "va", "do", "li", "se", "ma", "gu", "fe", "ho", "pi", "ty"]
LANGUAGES = ["en"] * 6 + ["ru"] * 2 + ["bg", "pt", "hi"]
ANALYZERS = ["language", "narratives", "entities", "roles", "techniques", "explain"]
STORY_SHARE, COPY_SHARE, NOISE = 0.25, 0.01, 0.6


class SyntheticEmbedder:
    """Hands out the generator's lead vectors (by lead text) to `Assigner`, in place of a model."""

    name, dim = MODEL, DIM

    def __init__(self, lookup: dict[str, np.ndarray]):
        self.lookup = lookup

    def encode(self, texts):
        return np.vstack([self.lookup[t] for t in texts]).astype(np.float32)


@dataclass
class Article:
    doc: tuple  # the documents row without id
    title: str
    text: str
    data: dict  # the analysis as stored (without the text)
    labels: list[tuple]  # (kind, value, n, score, weak): `store.write.label_rows`
    entities: list[tuple]  # (name, type, main_role, main_score, fine_roles, mentions)
    spans: list[tuple]  # (kind, label, start, end, score, ref)
    vector: np.ndarray
    story: int  # -1: none
    copy_of: int  # -1: an original text
    signature: np.ndarray | None = None  # None: compute the real MinHash of the text


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


TEMPLATES = 20_000  # articles generated in full; later ones (up to `fresh_from`) reuse one of them


class ScaleCorpus:
    """Articles 0..TEMPLATES-1 and from `fresh_from` on are generated in full (text, labels, real MinHash
    computed by the caller); those between reuse a generated article's text and labels under a new
    source, language, date and lead vector, with a random MinHash signature (so they match nothing,
    except the copies made of them, whose signature is the original's with a few values changed).
    That keeps a million articles to ~1 ms each; the fresh tail is what new articles copy and join."""

    def __init__(self, seed: int = 0, sentences: int = 40_000, fresh_from: int = 0):
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        rng = self.rng
        tax = load_narratives()
        self.narratives = [n.name for n in tax.narratives]
        self.subs = {n: [s.name for s in tax.subnarratives if s.parent == n] for n in self.narratives}
        self.techniques = [t["name"] for t in load_yaml("techniques")["labels"]]
        roles = load_yaml("entity_roles")
        self.fine: dict[str, list[str]] = {}
        for r in roles["fine_roles"]:
            self.fine.setdefault(r["main"], []).append(r["name"])
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(30_000)]
        self.entities = sorted({f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(2_000)})
        self.sources = [f"{rng.choice(words)}-{rng.choice(words)}.example" for _ in range(80)]
        self.sentences = []
        for _ in range(sentences):
            s = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            self.sentences.append(s[0].upper() + s[1:] + rng.choice(".!?"))
        self.words = words
        self.start = dt.date(2023, 1, 1)
        self.story_centres: list[np.ndarray] = []
        self.story_days: list[dt.date] = []
        self.recent: list[tuple[int, str, str, np.ndarray, int, dt.date]] = []  # copy candidates
        self.fresh_from = fresh_from
        self.templates: list[Article] = []
        self.recent_templated: list[tuple[int, Article]] = []
        self._zipf_cache: dict[int, list[float]] = {}

    def _zipf(self, items: list, s: float = 1.05):
        cum = self._zipf_cache.get(len(items))
        if cum is None:
            cum = self._zipf_cache[len(items)] = list(np.cumsum([1 / (i + 1) ** s for i in range(len(items))]))
        return self.rng.choices(items, cum_weights=cum)[0]

    def _text(self, entity_names: list[str]) -> tuple[str, list[tuple[int, int]], list[tuple[str, int, int]]]:
        rng = self.rng
        parts, sentences, mentions, pos = [], [], [], 0
        for p in range(rng.randint(5, 10)):
            if p:
                parts.append("\n\n")
                pos += 2
            for s in range(rng.randint(2, 5)):
                sentence = rng.choice(self.sentences)
                if entity_names and rng.random() < 0.5:
                    name = rng.choice(entity_names)
                    cut = sentence.find(" ", rng.randint(1, 30))
                    cut = cut if cut > 0 else len(sentence) - 1
                    mentions.append((name, pos + (s > 0) + cut + 1, pos + (s > 0) + cut + 1 + len(name)))
                    sentence = f"{sentence[:cut]} {name}{sentence[cut:]}"
                if s:
                    parts.append(" ")
                    pos += 1
                sentences.append((pos, pos + len(sentence)))
                parts.append(sentence)
                pos += len(sentence)
        return "".join(parts), sentences, mentions

    def article(self, i: int) -> Article:
        if TEMPLATES <= i < self.fresh_from and self.templates:
            return self._templated(i)
        a = self._fresh(i)
        if len(self.templates) < TEMPLATES and a.copy_of < 0:
            self.templates.append(a)
        return a

    def _templated(self, i: int) -> Article:
        rng = self.rng
        if self.recent_templated and rng.random() < COPY_SHARE:
            j, base = rng.choice(self.recent_templated)
            sig = base.signature.copy()
            changed = self.np.integers(0, len(sig), len(sig) // 10)
            sig[changed] = self.np.integers(0, 2**32, len(changed), dtype=np.uint64).astype(np.uint32)
            vector = base.vector + 0.05 * _unit(self.np, 1)[0]
            day = dt.date.fromisoformat(base.doc[5]) + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
            return self._variant(i, base, vector / np.linalg.norm(vector), base.story, day, sig, j)
        base = rng.choice(self.templates)
        story, vector, day = self._placement()
        sig = self.np.integers(0, 2**32, 128, dtype=np.uint64).astype(np.uint32)
        a = self._variant(i, base, vector / np.linalg.norm(vector), story, day, sig, -1)
        self.recent_templated.append((i, a))
        if len(self.recent_templated) > 5_000:
            self.recent_templated.pop(0)
        return a

    def _placement(self) -> tuple[int, np.ndarray, dt.date]:
        """(story or -1, lead vector before normalising, day) of a new original article."""
        if self.rng.random() < STORY_SHARE:
            story, day = self._story()
            return story, self.story_centres[story] + NOISE * _unit(self.np, 1)[0], day
        return -1, _unit(self.np, 1)[0], self.start + dt.timedelta(days=int(self.rng.expovariate(1 / 300)) % 900)

    def _story(self) -> tuple[int, dt.date]:
        rng = self.rng
        if self.story_centres and rng.random() < 0.8:
            story = rng.randrange(max(0, len(self.story_centres) - 2_000), len(self.story_centres))
            return story, self.story_days[story] + dt.timedelta(days=rng.randint(0, 3))
        self.story_centres.append(_unit(self.np, 1)[0])
        self.story_days.append(self.start + dt.timedelta(days=int(rng.expovariate(1 / 300)) % 900))
        return len(self.story_centres) - 1, self.story_days[-1]

    def _variant(self, i: int, base: Article, vector: np.ndarray, story: int, day: dt.date, sig: np.ndarray,
                 copy_of: int) -> Article:
        """`base` under a new id, source, language and date; the text gets its own last line."""
        source, lang = self._zipf(self.sources), self.rng.choice(LANGUAGES)
        text = f"{base.text}\n\nRef. {i:x}"
        published = day.isoformat()
        doc_id, url = f"synthetic-{i}", f"https://{source}/{i}"
        data = {**base.data, "language": lang,
                "document": {**base.data["document"], "id": doc_id, "url": url, "source": source,
                             "published": published}}
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = (content_hash, doc_id, base.title, url, source, published, published, lang, base.doc[8], len(text), "{}")
        return replace(base, doc=doc, text=text, data=data, vector=vector.astype(np.float32), story=story,
                       copy_of=copy_of, signature=sig)

    def _fresh(self, i: int) -> Article:
        rng = self.rng
        copy = self.recent and rng.random() < COPY_SHARE
        if copy:
            j, title, base_text, base_vec, base_story, day = rng.choice(self.recent)
            ending = " " + rng.choice(self.sentences)
            text = base_text + ending  # the outlet's own last line; the rest copied
            vector = base_vec + 0.05 * _unit(self.np, 1)[0]
            story = base_story
            day = day + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
            names, sentences, mentions = [], [(0, min(len(text), 200))], []
        else:
            j = -1
            names = list(dict.fromkeys(self._zipf(self.entities, 0.9) for _ in range(rng.randint(2, 8))))
            text, sentences, mentions = self._text(names)
            title = " ".join(rng.choice(self.words) for _ in range(rng.randint(5, 9))).capitalize()
            story, vector, day = self._placement()
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        source = self._zipf(self.sources)
        lang = rng.choice(LANGUAGES)
        text = f"{title}\n\n{text}" if not copy else text
        offset = 0 if copy else len(title) + 2
        sentences = [(s + offset, e + offset) for s, e in sentences]
        mentions = [(n, s + offset, e + offset) for n, s, e in mentions]
        if not copy:
            self.recent.append((i, title, text, vector, story, day))
            if len(self.recent) > 5_000:
                self.recent.pop(0)
        return self._analysis(i, title, text, sentences, mentions, names, source, lang, day, vector, story, j)

    def _analysis(self, i, title, text, sentences, mentions, names, source, lang, day, vector, story, copy_of):
        rng = self.rng
        spans: list[tuple] = []
        narratives, subnarratives = [], []
        for n in dict.fromkeys(self._zipf(self.narratives) for _ in range(rng.choice([0, 1, 1, 2, 3]))):
            s, e = rng.choice(sentences)
            ev = [{"start": s, "end": e, "label": n, "score": 0.8}]
            score = round(rng.uniform(0.3, 0.99), 3)
            # Weak below the shipped models' cuts (about half the narratives and most sub-narratives, as on
            # real articles), so that "confident labels only" views count a different set.
            narratives.append({"label": n, "score": score, "parent": None, "evidence": ev, "weak": score < 0.5})
            sub = rng.choice(self.subs[n])
            sub_score = round(rng.uniform(0.3, 0.9), 3)
            subnarratives.append({"label": sub, "score": sub_score, "parent": n, "evidence": ev, "weak": sub_score < 0.6})
            spans.append(("narrative_evidence", n, s, e, 0.8, None))
        for sub in subnarratives:
            spans.append(("subnarrative_evidence", sub["label"], sub["evidence"][0]["start"],
                          sub["evidence"][0]["end"], 0.8, None))
        entities, entity_rows = [], []
        for name in names:
            ms = [{"start": s, "end": e, "label": name, "score": 1.0} for n, s, e in mentions if n == name]
            main = rng.choice(sorted(self.fine))
            main_score = round(rng.random(), 3)
            fine = rng.choice(self.fine[main])
            entities.append({"name": name, "type": "PER", "main_role": main, "main_score": main_score,
                             "fine_roles": [{"label": fine, "score": 0.6, "parent": None, "evidence": []}],
                             "mentions": ms, "evidence": [], "weak": main_score < 0.55})
            entity_rows.append((name, "PER", main, main_score, fine, len(ms)))
            spans += [("mention", main, m["start"], m["end"], 1.0, name) for m in ms]
        techniques = []
        for _ in range(rng.randint(3, 20)):
            s, e = rng.choice(sentences)
            cut = text.rfind(" ", s, s + rng.randint(20, 140))
            t = {"start": s, "end": e if cut <= s or cut > e else cut, "label": self._zipf(self.techniques, 0.8),
                 "score": round(rng.uniform(0.3, 0.99), 3)}
            techniques.append(t)
            spans.append(("technique", t["label"], t["start"], t["end"], t["score"], None))
        explanation = None
        if narratives:
            n = narratives[0]
            explanation = {"narrative": n["label"], "subnarrative": subnarratives[0]["label"],
                           "text": "The article repeats this claim in several places.", "evidence": n["evidence"],
                           "method": "synthetic"}
            spans += [("explanation_evidence", n["label"], ev["start"], ev["end"], ev["score"],
                       subnarratives[0]["label"]) for ev in n["evidence"]]
        published = day.isoformat()
        doc_id = f"synthetic-{i}"
        url = f"https://{source}/{i}"
        domain = narratives[0]["label"].split(":")[0] if narratives else None
        data = {"document": {"id": doc_id, "title": title, "url": url, "source": source, "published": published,
                             "lang": None, "meta": {}},
                "language": lang, "language_score": 0.99, "domain": domain, "domain_score": 0.0,
                "narratives": narratives, "subnarratives": subnarratives, "entities": entities,
                "techniques": techniques, "paragraph_techniques": [], "explanation": explanation, "warnings": [],
                "analyzers": ANALYZERS}
        # Through the real dataclasses, so the stored JSON has every field an analysis has today.
        analysis = Analysis.from_dict({**data, "document": {**data["document"], "text": text}})
        data = analysis.to_dict(include_text=False)
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        doc = (content_hash, doc_id, title, url, source, published, published, lang, domain, len(text), "{}")
        return Article(doc=doc, title=title, text=text, data=data,
                       labels=label_rows(analysis), entities=entity_rows,
                       spans=spans, vector=vector, story=story, copy_of=copy_of)

    def articles(self, start: int, n: int) -> Iterator[Article]:
        for i in range(start, start + n):
            yield self.article(i)


TABLES = {
    "documents": "INSERT INTO documents (id, content_hash, doc_id, title, url, source, published, day, lang, domain, "
                 "chars, meta, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "texts": "INSERT INTO texts (id, title, text) VALUES (?, ?, ?)",
    "analyses": "INSERT INTO analyses (document_id, analyzers, version, analyzed_at, data) VALUES (?, ?, ?, ?, ?)",
    "entities": "INSERT INTO entities (document_id, name, type, main_role, main_score, fine_roles, mentions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "doc_labels": "INSERT INTO doc_labels (kind, value, document_id, n, score, weak) VALUES (?, ?, ?, ?, ?, ?)",
    "spans": "INSERT INTO spans (document_id, kind, label, start, end, score, ref) VALUES (?, ?, ?, ?, ?, ?, ?)",
}


def rows_of(pk: int, a: Article, stamp: str, version: str, out: dict[str, list]) -> None:
    """Append one article's rows, table by table, as `insert_analysis` would write them."""
    out["documents"].append((pk, *a.doc, stamp))
    out["texts"].append((pk, a.title, a.text))
    out["analyses"].append((pk, ",".join(ANALYZERS), version, stamp, json.dumps(a.data, ensure_ascii=False)))
    out["entities"].extend((pk, *e) for e in a.entities)
    out["doc_labels"].extend((k, v, pk, n, s, w) for k, v, n, s, w in a.labels)
    out["spans"].extend((pk, *s) for s in a.spans)


def write_rows(conn: sqlite3.Connection, rows: dict[str, list]) -> None:
    for table, sql in TABLES.items():
        if table in rows:
            conn.executemany(sql, rows[table])
