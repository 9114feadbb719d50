"""Synthetic analysed documents for store/API benchmarks: invented pseudo-words, real label names.

Nothing here comes from a corpus: words are made of random syllables, entity names too. Label
names come from the package taxonomies so facets, charts and definitions look as they would.
Distributions are skewed (a few narratives, sources and entities are common, most are rare), as
in real news, so facet and timeline queries see realistic group sizes.
"""
from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator

from narrascope.document import Analysis, Document, Entity, Explanation, LabelScore, Span
from narrascope.taxonomy import load_narratives, load_yaml

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "ba", "po", "ri", "zu", "me", "la", "to", "sa", "ne", "ki", "ru", "va", "do", "li", "se", "ma"]
LANGUAGES = ["en", "en", "en", "ru", "bg", "pt", "hi"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


_CUM_WEIGHTS: dict[tuple[int, float], list[float]] = {}


def _zipf(rng: random.Random, items: list, s: float = 1.1):
    cum = _CUM_WEIGHTS.get((len(items), s))
    if cum is None:
        cum = _CUM_WEIGHTS[(len(items), s)] = list(itertools.accumulate(1 / (i + 1) ** s for i in range(len(items))))
    return rng.choices(items, cum_weights=cum)[0]


class SyntheticCorpus:
    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        tax = load_narratives()
        self.narratives = [n.name for n in tax.narratives]
        self.rng.shuffle(self.narratives)
        self.subs = {n: [s.name for s in tax.subnarratives if s.parent == n] for n in self.narratives}
        self.techniques = [t["name"] for t in load_yaml("techniques")["labels"]]
        roles = load_yaml("entity_roles")
        self.fine = {r["main"]: [] for r in roles["fine_roles"]}
        for r in roles["fine_roles"]:
            self.fine[r["main"]].append(r["name"])
        self.names = [f"{_word(self.rng).title()} {_word(self.rng).title()}" for _ in range(400)]
        self.sources = [f"{_word(self.rng)}.example" for _ in range(30)]
        self.start = dt.date(2023, 1, 1)

    def _text(self, entities: list[str]) -> tuple[str, list[tuple[int, int]]]:
        rng = self.rng
        parts: list[str] = []
        sentences: list[tuple[int, int]] = []
        pos = 0
        for p in range(rng.randint(6, 14)):
            if p:
                parts.append("\n\n")
                pos += 2
            for s in range(rng.randint(2, 5)):
                words = [_word(rng) for _ in range(rng.randint(8, 22))]
                words[0] = words[0].capitalize()
                if entities and rng.random() < 0.6:
                    words.insert(rng.randrange(1, len(words)), rng.choice(entities))
                sentence = " ".join(words) + rng.choice(".!?")
                if s:
                    parts.append(" ")
                    pos += 1
                sentences.append((pos, pos + len(sentence)))
                parts.append(sentence)
                pos += len(sentence)
        return "".join(parts), sentences

    def analysis(self, i: int) -> Analysis:
        rng = self.rng
        entity_names = list({_zipf(rng, self.names, 0.9) for _ in range(rng.randint(3, 10))})
        text, sentences = self._text(entity_names)
        day = self.start + dt.timedelta(days=int(rng.expovariate(1 / 300)) % 730)
        doc = Document(text=text, id=f"synthetic-{i}", title=" ".join(_word(rng) for _ in range(6)).capitalize(),
                       source=_zipf(rng, self.sources), published=day.isoformat(), url=f"https://example.org/{i}")
        a = Analysis(document=doc, language=rng.choice(LANGUAGES), language_score=0.99,
                     analyzers=["language", "narratives", "entities", "roles", "techniques", "explain"])
        for n in {_zipf(rng, self.narratives) for _ in range(rng.choice([0, 1, 1, 2, 3]))}:
            ev = [Span(*rng.choice(sentences), label=n, score=0.8)]
            a.narratives.append(LabelScore(n, round(rng.uniform(0.3, 0.99), 3), evidence=ev))
            sub = rng.choice(self.subs[n])
            a.subnarratives.append(LabelScore(sub, round(rng.uniform(0.3, 0.9), 3), parent=n, evidence=ev))
        a.domain = a.narratives[0].label.split(":")[0] if a.narratives else None
        for name in entity_names:
            mentions = []
            start = text.find(name)
            while start >= 0:
                mentions.append(Span(start, start + len(name), label=name))
                start = text.find(name, start + 1)
            main = rng.choice(list(self.fine))
            a.entities.append(Entity(name=name, type="PER", main_role=main, main_score=round(rng.random(), 3),
                                     fine_roles=[LabelScore(rng.choice(self.fine[main]), 0.6)], mentions=mentions))
        for _ in range(rng.randint(3, 25)):
            s, e = rng.choice(sentences)
            cut = text.rfind(" ", s, s + rng.randint(20, 140))  # end on a word boundary
            a.techniques.append(Span(s, e if cut <= s or cut > e else cut, label=_zipf(rng, self.techniques, 0.8),
                                     score=round(rng.uniform(0.3, 0.99), 3)))
        if a.narratives:
            n = a.narratives[0]
            a.explanation = Explanation(narrative=n.label, subnarrative=a.subnarratives[0].label,
                                        text="The article repeats this claim in several places.",
                                        evidence=n.evidence, method="synthetic")
        return a

    def __iter__(self) -> Iterator[Analysis]:
        i = 0
        while True:
            yield self.analysis(i)
            i += 1


def synthetic_analyses(n: int, seed: int = 0) -> Iterator[Analysis]:
    corpus = SyntheticCorpus(seed)
    for i in range(n):
        yield corpus.analysis(i)
