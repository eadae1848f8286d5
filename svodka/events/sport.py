"""Is an article about sport? Its "встречи", "победы над", "переговоры с полузащитником" are games and
transfers, not the acts between parties the coder is for (the word stems: ``data/sport_words.txt``).

    is_sport(article) -> bool
    SPORT_SILENT      the event types not coded in a sports article (arrests, charges, bans, attacks stay)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..model import Article

DATA = Path(__file__).with_name("data") / "sport_words.txt"
MIN_STEMS, MIN_HITS = 3, 4
SPORT_SILENT = {"meet", "call", "visit", "praise", "fight", "accident", "agreement", "intent", "demand", "reject",
                "threaten", "appeal", "criticize", "aid", "protest", "military_posture", "disaster"}


@lru_cache(maxsize=1)
def sport_words() -> re.Pattern:
    stems = [line.strip() for line in DATA.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return re.compile(r"(?<![\w-])(" + "|".join(f"(?:{s})" for s in stems) + r")", re.I)


def is_sport(article: Article) -> bool:
    text = " ".join([article.title or "", article.lead or "", *(article.body or [])])
    hits = [m.group(1).lower()[:6] for m in sport_words().finditer(text)]
    return len(set(hits)) >= MIN_STEMS and len(hits) >= MIN_HITS
