"""`svodka eval normal DIR [--errors N]`: the base forms of named-entity mentions on SlavicNER folders.

The metric of ../shared/eval/score_normal.py run with ``--normal-only``, re-implemented here:

  * DIR holds ``raw/<topic>/ru/<doc>.txt`` (the texts) and ``ner/<topic>/ru/<doc>.tsv`` (the gold: one
    mention a line, ``start<TAB>end<TAB>surface<TAB>base form<TAB>type<TAB>id``); only PER, LOC and ORG
    rows count;
  * every text under ``raw/`` goes through svodka's default pipeline, as ``svodka analyze DIR/raw --json``
    reads it; an article belongs to the gold document whose path (relative to ``raw/``) its source ends
    with; a document with no article (rejected) is left out of every count;
  * texts are compared as keys: whitespace collapsed, stripped, lower case, ё read as е;
  * in each document, a surface key maps to the ``normal`` of the **last** predicted mention with that
    surface (entities in order, each entity's mentions in order);
  * a gold mention is *covered* when its surface key is among the document's predicted surfaces, and
    *right* when the predicted ``normal`` equals its base form, or holds it as whole words ("Путин" in
    "владимир путин"); a predicted mention without a ``normal`` is wrong.

Accuracy = right / covered, coverage = covered / gold mentions, per type.  The last line printed is
one JSON object: ``{"PER": {"accuracy", "coverage", "mentions"}, "LOC": …, "ORG": …}``.
"""
from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Iterable, TextIO

from .. import analyze_paths
from ..model import Rejected

TYPES = ("PER", "LOC", "ORG")
_SPACES = re.compile(r"\s+")


def key(text: str | None) -> str:
    """A text as the metric compares it: whitespace collapsed, lower case, ё → е."""
    return _SPACES.sub(" ", str(text or "")).strip().lower().replace("ё", "е")


def load_gold(root: Path) -> dict[str, list[tuple[str, str, str]]]:
    """``<topic>/ru/<doc>.txt`` → the PER/LOC/ORG gold mentions (surface, base form, type), in file order."""
    ner = Path(root) / "ner"
    gold: dict[str, list[tuple[str, str, str]]] = {}
    for tsv in sorted(ner.rglob("*.tsv")):
        doc = tsv.relative_to(ner).with_suffix(".txt").as_posix()
        rows = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 5 and cells[4] in TYPES:
                rows.append((cells[2], cells[3], cells[4]))
        gold[doc] = rows
    return gold


def doc_of(source: str, docs: Iterable[str]) -> str | None:
    """The first gold document (in gold order) whose relative path ends the article's source."""
    for doc in docs:
        if source.endswith(doc):
            return doc
    return None


def surfaces(article: dict) -> dict[str, str | None]:
    """Surface key → the key of the ``normal`` of the last mention with that surface (None: no normal)."""
    out: dict[str, str | None] = {}
    for entity in article.get("entities") or []:
        for mention in entity.get("mentions") or []:
            normal = mention.get("normal")
            out[key(mention.get("text"))] = key(normal) if normal else None
    return out


def predict(root: Path, gold: dict, out: TextIO | None = None, pipeline=None) -> dict[str, dict]:
    """Gold document → its predicted surfaces, for every text under ``root/raw`` the pipeline reads
    (the last article wins when two claim one document).  ``out``: also write each article as a line
    of JSON, as ``svodka analyze --json`` does."""
    found: dict[str, dict] = {}
    for result in analyze_paths([str(Path(root) / "raw")], pipeline):
        if isinstance(result, Rejected):
            print(f"svodka: {result.source}: {result.reason}", file=sys.stderr)
            continue
        record = result.to_dict()
        if out is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        doc = doc_of(str(record.get("source") or ""), gold)
        if doc is not None:
            found[doc] = surfaces(record)
    return found


def right(got: str | None, base: str) -> bool:
    """The predicted normal (a key) gives the gold base form (a key): equal, or it as whole words."""
    return got is not None and (got == base or f" {base} " in f" {got} ")


def score(gold: dict[str, list[tuple[str, str, str]]], found: dict[str, dict]) -> dict:
    """Counts per type (mentions, covered, right), the summary per type, and the errors in gold order:
    (type, surface, gold base form, predicted normal or None, document)."""
    mentions, covered, correct = Counter(), Counter(), Counter()
    errors = []
    for doc, rows in gold.items():
        predicted = found.get(doc)
        if predicted is None:
            continue
        for surface, base, typ in rows:
            mentions[typ] += 1
            k = key(surface)
            if k not in predicted:
                continue
            covered[typ] += 1
            got = predicted[k]
            if right(got, key(base)):
                correct[typ] += 1
            else:
                errors.append((typ, surface, base, got, doc))
    summary = {t: {"accuracy": round(correct[t] / covered[t], 4) if covered[t] else 0.0,
                   "coverage": round(covered[t] / mentions[t], 4) if mentions[t] else 0.0,
                   "mentions": mentions[t]} for t in TYPES}
    counts = {t: {"mentions": mentions[t], "covered": covered[t], "right": correct[t]} for t in TYPES}
    return {"summary": summary, "counts": counts, "errors": errors}


def main(root: Path, errors: int = 0, out: Path | None = None) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    root = Path(root)
    gold = load_gold(root)
    if not gold or not (root / "raw").is_dir():
        print(f"svodka: {root}: no SlavicNER documents (raw/<topic>/ru/*.txt and ner/<topic>/ru/*.tsv)",
              file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    if out is not None:
        with open(out, "w", encoding="utf-8") as handle:
            found = predict(root, gold, handle)
    else:
        found = predict(root, gold)
    took = time.perf_counter() - t0
    result = score(gold, found)
    for typ, surface, base, got, doc in result["errors"][:max(errors, 0)]:
        print(f"{typ}\t{surface}\t{base}\t{got if got is not None else '(no normal)'}\t{doc}")
    print(f"{len(found)} of {len(gold)} documents predicted, {took:.1f} s")
    print(f"{'':4s}{'accuracy':>10}{'coverage':>10}{'mentions':>10}{'covered':>10}{'right':>10}")
    for t in TYPES:
        s, c = result["summary"][t], result["counts"][t]
        print(f"{t:4s}{s['accuracy']:>10.4f}{s['coverage']:>10.4f}{c['mentions']:>10d}{c['covered']:>10d}"
              f"{c['right']:>10d}")
    print(json.dumps(result["summary"], ensure_ascii=False))
    return 0
