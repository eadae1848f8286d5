"""Do the events follow the stories? For every story of at least 4 articles, the share of its articles
linked to its most-reported corpus event (coverage), averaged over stories; beside it, the distinct corpus
events per story article — which must not fall when coverage rises, or coverage is being bought by
merging different happenings.

    svodka eval coverage --db STORE            # a linked store (e.g. realnews ingested)
    svodka eval coverage PAGES... [--db STORE] # ingest first (a temporary store unless --db)
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from ..ingest import ingest
from ..store import open_store

MIN_STORY = 4


def coverage(store, min_story: int = MIN_STORY) -> dict:
    articles: dict[int, set[int]] = defaultdict(set)
    per_article: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for story, article, event in store.story_event_links(min_story):
        articles[story].add(article)
        if event is not None:
            per_article[story][event].add(article)
    shares, distinct, story_articles = [], 0, 0
    for story, arts in articles.items():
        linked = per_article.get(story, {})
        best = max((len(a) for a in linked.values()), default=0)
        shares.append(best / len(arts))
        distinct += len(linked)
        story_articles += len(arts)
    return {"stories": len(articles), "articles": story_articles,
            "coverage": round(sum(shares) / len(shares), 4) if shares else 0.0,
            "events_per_article": round(distinct / story_articles, 4) if story_articles else 0.0}


def main(paths: list[str], db: str | None = None) -> int:
    if paths:
        target = db or str(Path(tempfile.mkdtemp(prefix="svodka-coverage-")) / "coverage.db")
        ingest(paths, target, progress=False)
        db = target
    if not db:
        print("svodka: give PAGES to ingest or --db STORE", file=sys.stderr)
        return 2
    store = open_store(db)
    try:
        print(json.dumps(coverage(store)))
    finally:
        store.close()
    return 0
