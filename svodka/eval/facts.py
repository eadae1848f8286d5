"""`svodka eval facts DIR`: Meeting facts of factRuEval-2016 against svodka's meet/call events.

Each ``book_N.txt`` is read as a plain document — paragraphs (blank-line separated) become the body of
an Article with no date — and goes through the language layer (``svodka.nlp.annotate``) and the event
coder (``svodka.events.code_events``).

Gold: every ``Meeting`` fact of ``book_N.facts``; its ``Participant`` slots name coreference clusters
(``obj102`` = cluster 102 of ``.coref``), whose objects' spans (``.objects`` → ``.spans``) give the
character offsets of every mention, and whose ``lastname``/``name`` slots give the name.

Predictions: every svodka event of type ``meet`` or ``call`` whose modality is not ``negated`` (planned
and future meetings count: factRuEval marks them with a modality slot) and that has **at least two
participants that are persons or organisations of the article** (source + target; descriptive actors
such as "правозащитники" and countries do not count — a visit to a country is no meeting of two parties).

Matching, strict and one-to-one:
  * a predicted participant (an entity) is a gold participant when one of the entity's mentions overlaps
    one of the gold cluster's spans, or its last word equals the gold lastname (or name, or firstname
    for one-name people) and its first word the gold firstname where both are given (lower-case, ё → е);
  * an event matches a gold fact when at least ``min(2, |gold participants|)`` of the fact's participants
    are among the event's participants;
  * each gold fact is matched at most once; an event that matches nothing — including a second event for
    an already matched fact — is a false positive.
P = matched events / predicted events, R = matched gold facts / gold facts. The last line printed is
one JSON object: ``{"meeting": {"p", "r", "f1", "tp", "fp", "fn", "gold", "predicted", "left_out"}}`` —
``left_out`` counts the meet/call events not scored for having fewer than two named participants.
"""
from __future__ import annotations

import json
import re
import sys
import time
import warnings
from pathlib import Path

from ..events import code_events
from ..model import Article
from ..nlp import annotate
from .ner import _doc_order, prf


def _table(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    return [line.split("#", 1)[0].split() for line in path.read_text(encoding="utf-8").splitlines()]


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е").strip(" .,«»\"")


def load_doc(base: Path) -> dict:
    """Text, and Meeting facts as lists of participants {"spans": [(a, b)], "names": {…}}."""
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    spans = {h[0]: (int(h[2]), int(h[2]) + int(h[3])) for h in _table(base.with_suffix(".spans")) if len(h) >= 4}
    objects = {}
    for h in _table(base.with_suffix(".objects")):
        if len(h) >= 2:
            objects[h[0]] = [spans[x] for x in h[2:] if x in spans]
    clusters: dict[str, dict] = {}
    coref = base.with_suffix(".coref")
    if coref.is_file():
        for block in coref.read_text(encoding="utf-8").split("\n\n"):
            lines = [x for x in block.splitlines() if x.strip()]
            if not lines:
                continue
            head = lines[0].split()
            cid, members = head[0], head[1:]
            slots: dict[str, str] = {}
            for line in lines[1:]:
                key, _, value = line.partition(" ")
                if value.strip():
                    slots.setdefault(key, _norm(value.split()[-1]))
            last = slots.get("lastname") or slots.get("surname") or slots.get("name") or slots.get("firstname")
            first = slots.get("firstname") if last != slots.get("firstname") else None
            clusters[cid] = {"spans": [sp for m in members for sp in objects.get(m, [])], "last": last,
                             "first": first}
    facts = []
    current = None
    for line in (base.with_suffix(".facts").read_text(encoding="utf-8").splitlines()
                 if base.with_suffix(".facts").is_file() else []):
        parts = line.split()
        if not parts:
            current = None
            continue
        if len(parts) == 2 and "-" in parts[0]:
            current = {"id": parts[0], "type": parts[1], "participants": []}
            facts.append(current)
            continue
        if current is not None and parts[0] == "Participant":
            for ref in parts[1:]:
                if ref.startswith("obj"):
                    cl = clusters.get(ref[3:], {"spans": [], "last": None, "first": None})
                    current["participants"].append(cl)
    meetings = [f for f in facts if f["type"] == "Meeting"]
    return {"text": text, "meetings": meetings}


def article_of(name: str, text: str):
    """A dateless Article: the blank-line separated paragraphs as its body, and their offsets."""
    body, offsets = [], []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        chunk = m.group()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            body.append(chunk.strip())
            offsets.append(m.start() + lead)
    return Article(id=name, source=name, body=body), offsets


def predict(text: str, name: str = "doc"):
    """(article, events, paragraph offsets) for one plain text."""
    article, offsets = article_of(name, text)
    annotate(article)
    events = code_events(article)
    return article, events, offsets


def _doc_spans(article, offsets, entity) -> list[tuple[int, int]]:
    out = []
    for m in entity.mentions:
        if m.field.startswith("body["):
            k = int(m.field[5:-1])
            out.append((offsets[k] + m.start, offsets[k] + m.stop))
    return out


def participants(article, offsets, event) -> list[dict]:
    """The event's participants that are PER/ORG entities: name, document spans."""
    by_name = {}
    for e in article.entities:
        by_name.setdefault(e.name, e)
    out = []
    for name in list(event.source) + list(event.target):
        e = by_name.get(name)
        if e is None or e.type not in ("PER", "ORG") or any(p["name"] == name for p in out):
            continue
        out.append({"name": name, "spans": _doc_spans(article, offsets, e)})
    return out


def _same(p: dict, g: dict) -> bool:
    if any(a < d and c < b for a, b in p["spans"] for c, d in g["spans"]):
        return True
    words = [_norm(w) for w in p["name"].split()]
    if not words or not g.get("last") or words[-1] != g["last"]:
        return False
    return not g.get("first") or len(words) < 2 or words[0] == g["first"]


def score_doc(doc: dict, article, offsets, events) -> dict:
    preds = [e for e in events if e.type in ("meet", "call") and e.modality != "negated"]
    preds = [(e, participants(article, offsets, e)) for e in preds]
    left_out = sum(1 for _, ps in preds if len(ps) < 2)
    preds = [(e, ps) for e, ps in preds if len(ps) >= 2]
    matched_gold: set[int] = set()
    tp = fp = 0
    rows = []
    for e, ps in preds:
        hit = None
        for k, g in enumerate(doc["meetings"]):
            if k in matched_gold:
                continue
            need = min(2, len(g["participants"]))
            n = sum(1 for gp in g["participants"] if any(_same(p, gp) for p in ps))
            if n >= need:
                hit = k
                break
        if hit is None:
            fp += 1
        else:
            tp += 1
            matched_gold.add(hit)
        rows.append((hit is not None, e, [p["name"] for p in ps]))
    return {"tp": tp, "fp": fp, "fn": len(doc["meetings"]) - len(matched_gold), "gold": len(doc["meetings"]),
            "predicted": len(preds), "left_out": left_out, "rows": rows}


def main(folder: Path, verbose: bool = True) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    folder = Path(folder)
    docs = sorted(folder.glob("book_*.txt"), key=_doc_order)
    if not docs:
        print(f"svodka: {folder}: no factRuEval documents (book_N.txt with .facts)", file=sys.stderr)
        return 2
    total = {"tp": 0, "fp": 0, "fn": 0, "gold": 0, "predicted": 0, "left_out": 0}
    t0 = time.perf_counter()
    for txt in docs:
        base = txt.with_suffix("")
        doc = load_doc(base)
        article, events, offsets = predict(doc["text"], txt.stem)
        res = score_doc(doc, article, offsets, events)
        for k in total:
            total[k] += res[k]
        if verbose:
            for ok, e, names in res["rows"]:
                print(f"{txt.stem:10s} {'TP' if ok else 'FP'} {e.type} {e.cameo} {e.modality} {' + '.join(names)}")
            if res["fn"]:
                print(f"{txt.stem:10s} FN {res['fn']} gold meeting(s) missed")
    took = time.perf_counter() - t0
    p, r, f = prf(total["tp"], total["fp"], total["fn"])
    print(f"docs {len(docs)}, {took:.1f} s; gold meetings {total['gold']}, predicted {total['predicted']}")
    print(json.dumps({"meeting": {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), **total}},
                     ensure_ascii=False))
    return 0
