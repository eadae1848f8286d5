"""Geocoding against a hand-written set: sentences with a place name and the place it is
(tests/data/geo_sentences.tsv, written for svodka).

    score_sentences(path) → Score: items, correct, the misses with what svodka gave

Each sentence is analysed as a one-paragraph article by the whole pipeline (entities, normalisation,
geocoding), so a miss may be the entity layer's as well as the resolver's. The expected place is
"FEATURE COUNTRY lat,lon" (a point within 75 km of that), "admin1 ISO-3166-2", "country ISO3", or "none"
(the name is no place here: the mention gets no geo).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article
from ..pipeline import Pipeline

NEAR_KM = 75.0


@dataclass
class Score:
    items: int = 0
    correct: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)   # sentence, name, expected, got

    @property
    def accuracy(self) -> float:
        return self.correct / self.items if self.items else 0.0


def read_items(path: Path) -> list[tuple[str, str, str]]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, name, expected = line.split("\t")[:3]
            out.append((sentence, name, expected.strip()))
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def geo_at(article: Article, name: str) -> dict | None:
    """The geo of the entity one of whose mentions is the written name (None: no entity, or not geocoded)."""
    text = article.body[0]
    start = text.find(name)
    for e in article.entities:
        for m in e.mentions:
            if m.field == "body[0]" and m.start < start + len(name) and start < m.stop:
                return e.geo
    return None


def matches(geo: dict | None, expected: str) -> bool:
    parts = expected.split()
    if parts[0] == "none":
        return geo is None
    if geo is None:
        return False
    if parts[0] == "admin1":
        return geo.get("feature") == "admin1" and geo.get("iso") == parts[1]
    if parts[0] == "country":
        return geo.get("feature") == "country" and geo.get("country") == parts[1]
    lat, lon = (float(x) for x in parts[2].split(","))
    return geo.get("feature") == parts[0] and geo.get("country") == parts[1] and geo.get("lat") is not None \
        and km((lat, lon), (geo["lat"], geo["lon"])) <= NEAR_KM


def describe(geo: dict | None) -> str:
    if geo is None:
        return "none"
    return f"{geo.get('feature')} {geo.get('country')} {geo.get('iso') or ''} {geo.get('name')} " \
           f"{geo.get('lat')},{geo.get('lon')}"


def score_sentences(path: Path, pipeline: Pipeline | None = None) -> Score:
    pipeline = pipeline or Pipeline(time_limit=None)
    score = Score()
    for i, (sentence, name, expected) in enumerate(read_items(path)):
        article = Article(id=f"geo-{i}", source=str(path), body=[sentence], published="2025-06-01")
        pipeline._annotate(article)
        geo = geo_at(article, name)
        score.items += 1
        if matches(geo, expected):
            score.correct += 1
        else:
            score.misses.append((sentence, name, expected, describe(geo)))
    return score
