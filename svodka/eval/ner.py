"""`svodka eval ner DIR`: PER/LOC/ORG strict-span P/R/F1 on factRuEval-2016 folders.

Scored the way ../shared/eval/score_ner.py scores (natasha/naeval's adaptation of the gold, re-implemented
here with the standard library):

  * a ``Person`` object → one PER span from the start of its first span to the end of its last;
  * ``Org`` → each ``org_name`` span (ORG); ``LocOrg``/``Location`` → each ``loc_name`` span (LOC);
    other objects (Project, Facility) are dropped; overlapping spans inside one object are thinned;
  * over the document, spans sorted by (start, -stop), a span overlapping the last kept one is dropped
    ("мид Грузии": ORG kept, the LOC inside dropped);
  * spans whose ends are not boundaries of factRuEval's own ``.tokens`` are dropped.

A prediction counts only when (start, stop, type) equals a gold span.  Duplicates count once.
The last line printed is one JSON object: ``{"PER": {"p", "r", "f1", "tp", "fp", "fn"}, "LOC": …,
"ORG": …, "micro": …}``.
"""
from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..nlp import ner as nlp_ner

TYPES = ("PER", "LOC", "ORG")
Span = tuple[int, int, str]


def _doc_order(path: Path) -> int:
    digits = re.sub(r"\D", "", path.stem)
    return int(digits) if digits else 0


def filter_overlapping(spans: Iterable[tuple]) -> list[tuple]:
    """Left to right (by start, longest first): drop a span overlapping the last kept one."""
    out: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and out[-1][1] > span[0]:
            continue
        out.append(span)
    return out


def _read_table(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    return [line.split("#", 1)[0].split() for line in path.read_text(encoding="utf-8").splitlines()]


def load_doc(base: Path) -> dict:
    """One factRuEval document: its text, gold spans (adapted as above) and token boundaries."""
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[str, int, int]] = {}
    for head in _read_table(base.with_suffix(".spans")):
        if len(head) >= 4:
            spans[head[0]] = (head[1], int(head[2]), int(head[2]) + int(head[3]))
    gold: list[Span] = []
    for head in _read_table(base.with_suffix(".objects")):
        if len(head) < 2:
            continue
        ids = []
        for x in head[2:]:
            if not x.isdigit():
                break
            ids.append(x)
        parts = [spans[i] for i in ids if i in spans]
        if not parts:
            continue
        kind = head[1]
        if kind == "Person":
            gold.append((min(s[1] for s in parts), max(s[2] for s in parts), "PER"))
        elif kind == "Org":
            inner = [(s[1], s[2]) for s in parts if s[0] == "org_name"]
            gold.extend((a, b, "ORG") for a, b in filter_overlapping(inner))
        elif kind in ("LocOrg", "Location"):
            inner = [(s[1], s[2]) for s in parts if s[0] == "loc_name"]
            gold.extend((a, b, "LOC") for a, b in filter_overlapping(inner))
    gold = filter_overlapping(gold)
    tokens: list[tuple[int, int]] = []
    tok_path = base.with_suffix(".tokens")
    if tok_path.is_file():
        for head in (line.split() for line in tok_path.read_text(encoding="utf-8").splitlines()):
            if len(head) >= 3 and head[1].isdigit() and head[2].isdigit():
                tokens.append((int(head[1]), int(head[1]) + int(head[2])))
    else:
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[-'’]\w+)*|[^\w\s]", text)]
    starts = {a for a, _ in tokens}
    stops = {b for _, b in tokens}
    gold = sorted(s for s in gold if s[0] in starts and s[1] in stops)
    return {"text": text, "gold": gold, "tokens": sorted(tokens)}


def load_gold(folder: Path) -> dict[str, dict]:
    """book_N → document, in the shared scorer's order (documents without .spans are skipped)."""
    docs = {}
    for txt in sorted(Path(folder).glob("book_*.txt"), key=_doc_order):
        base = txt.with_suffix("")
        if base.with_suffix(".spans").is_file():
            docs[txt.stem] = load_doc(base)
    return docs


NEREL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
               "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC", "DISTRICT": "LOC"}


def load_nerel(folder: Path) -> dict[str, dict]:
    """A NEREL (brat) folder as factRuEval-like documents: PERSON → PER, ORGANIZATION → ORG,
    COUNTRY/CITY/STATE_OR_PROVINCE/LOCATION/DISTRICT → LOC.  NEREL nests entities; of overlapping
    mapped spans the outer one is kept (sorted by start, longest first — as in the factRuEval
    adaptation, so "Министерство обороны России" is one ORG).  Discontinuous spans are skipped."""
    docs = {}
    for txt in sorted(Path(folder).glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.is_file():
            continue
        spans = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T") or line.count("\t") < 2:
                continue
            mid = line.split("\t")[1]
            typ, _, rest = mid.partition(" ")
            if typ not in NEREL_TYPES or ";" in rest:
                continue
            a, b = map(int, rest.split())
            spans.append((a, b, NEREL_TYPES[typ]))
        docs[txt.stem] = {"text": txt.read_text(encoding="utf-8"), "gold": filter_overlapping(spans)}
    return docs


def load_any(folder: Path) -> dict[str, dict]:
    """factRuEval (book_N.*) or NEREL (brat .txt/.ann) documents of a folder."""
    docs = load_gold(folder)
    return docs if docs else load_nerel(folder)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs: dict[str, dict], predictions: dict[str, Iterable[Span]]) -> dict:
    """Strict span P/R/F1 per type and micro; a document without predictions has none."""
    counts = {t: Counter() for t in TYPES}
    for name, doc in docs.items():
        gold = set(map(tuple, doc["gold"]))
        pred = {(int(a), int(b), t) for a, b, t in predictions.get(name, ()) if t in TYPES}
        for t in TYPES:
            g = {s for s in gold if s[2] == t}
            p = {s for s in pred if s[2] == t}
            tp = len(g & p)
            counts[t].update(tp=tp, fp=len(p) - tp, fn=len(g) - tp)
    out: dict[str, dict] = {}
    total: Counter = Counter()
    for t in TYPES + ("micro",):
        c = total if t == "micro" else counts[t]
        if t != "micro":
            total.update(c)
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        out[t] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
                  "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}
    return out


def predict(docs: dict[str, dict], finder: Callable[[Sequence[str]], list[list[Span]]] | None = None
            ) -> dict[str, list[Span]]:
    """Spans for every document (svodka's NER unless another batch finder is given)."""
    finder = finder or nlp_ner.find_spans_batch
    names = list(docs)
    found = finder([docs[n]["text"] for n in names])
    return {n: [tuple(s) for s in spans] for n, spans in zip(names, found)}


def predictions_jsonl(predictions: dict[str, Iterable[Span]]) -> str:
    """The predictions in the shared scorer's ``--pred`` format: one JSON line per document."""
    lines = [json.dumps({"doc": name, "spans": [[int(a), int(b), t] for a, b, t in sorted(spans)]},
                        ensure_ascii=False)
             for name, spans in predictions.items()]
    return "".join(line + "\n" for line in lines)


def write_predictions(folder: Path, out: Path) -> dict[str, list[Span]]:
    """Run svodka's NER over FOLDER and write the shared scorer's JSONL to OUT."""
    preds = predict(load_gold(folder))
    Path(out).write_text(predictions_jsonl(preds), encoding="utf-8")
    return preds


def main(folder: Path) -> int:
    """``svodka eval ner DIR``: DIR is a factRuEval folder (book_N.txt/.spans/.objects/.tokens) or a NEREL
    folder (brat .txt/.ann, mapped as in :func:`load_nerel`).  Prints per-type lines, then one JSON line."""
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    docs = load_any(Path(folder))
    if not docs:
        print(f"svodka: {folder}: no factRuEval (book_N.txt + .spans/.objects) or NEREL (.txt + .ann) documents",
              file=sys.stderr)
        return 2
    nlp_ner.load()
    t0 = time.perf_counter()
    preds = predict(docs)
    took = time.perf_counter() - t0
    result = score(docs, preds)
    size = sum(len(d["text"].encode("utf-8")) for d in docs.values())
    print(f"docs {len(docs)}, {size / 1024:.0f} KB, {took:.2f} s ({size / 1024 / max(took, 1e-9):.0f} KB/s)")
    print(f"{'type':<6}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}")
    for t in TYPES + ("micro",):
        s = result[t]
        print(f"{t:<6}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}{s['tp']:>7}{s['fp']:>7}{s['fn']:>7}")
    print(json.dumps(result, ensure_ascii=False))
    return 0
