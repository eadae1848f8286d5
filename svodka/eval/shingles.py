"""The page-body metric of ../shared/eval/score_pages.py (ScrapingHub's article-extraction benchmark).

Tokens are ``\\w+`` runs (case kept); a text is a multiset of 4-token shingles (a text of 1–3 tokens
is one short shingle); per document tp/fp/fn are scaled to sum to one; precision is averaged over
documents with a prediction, recall over documents with a reference; F1 is the harmonic mean of
the two means.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text or "")
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def match(reference: str, prediction: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one document, scaled so that long pages weigh no more than short ones."""
    ref, got = shingles(reference), shingles(prediction)
    tp = float(sum((ref & got).values()))
    fp = float(sum((got - ref).values()))
    fn = float(sum((ref - got).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def summary(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision (documents with a prediction), mean recall (documents with a reference), F1."""
    ps = [precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}
