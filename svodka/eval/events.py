"""`svodka eval events DIR`: svodka's events against NEREL's EVENT mentions and their arguments.

NEREL (brat standoff, ``N.txt`` + ``N.ann``) marks EVENT mentions and relates them to their arguments:
``AGENT`` and ``PARTICIPANT_IN`` (Arg1 a participant, Arg2 the event), ``POINT_IN_TIME`` (Arg1 the event,
Arg2 a DATE/TIME) and ``TAKES_PLACE_IN`` (Arg1 the event, Arg2 a place).

Each text is read as an article: its first line is the title, every other non-empty line a body paragraph.
NEREL texts carry no date, so the language layer is given a placeholder reference date (2000-01-01) only so
that day-and-month expressions are found at all; time is scored by span, never by value.

Which gold events count: the EVENT mentions of **the types svodka codes** — those whose text contains a
word form of a trigger lemma of svodka's lexicon, with that reading's required words present and its
excluded words absent ("задержала 5 человек", "встречи", "обстрел"; not "подписал закон"); births,
deaths, elections, concerts … are out of scope.

Scores (all strict character-overlap matches, micro-averaged over the folder):
  * events: a gold event is found when the trigger of one of svodka's events overlaps it.
    recall = found / gold events of coded types; precision = svodka triggers overlapping any NEREL EVENT
    mention / all svodka triggers (NEREL does not mark every event, so this precision is a lower bound);
    ``p_event_crime_penalty`` counts a trigger as right when it overlaps an EVENT, CRIME or PENALTY mention
    (NEREL marks "убийство", "задержание" … often as CRIME or PENALTY rather than EVENT);
  * participants: svodka's actors (source + target) of the event aligned to a gold event that are named
    in the aligned report sentence, against the gold AGENT + PARTICIPANT_IN arguments (an actor the event
    has from another report or from "стороны" is not scored on this one). An entity actor matches a
    gold argument when one of its mentions in the sentence overlaps it; a descriptive actor ("граждане
    Армении") when a word of the sentence starting with the first five letters of its head word does;
  * time: svodka's time expression of that report (only a date read from the text counts, not the
    publication date) overlapping the gold POINT_IN_TIME argument;
  * place: svodka's place mention of that report overlapping the gold TAKES_PLACE_IN argument.
  Precision counts svodka's arguments of aligned events; recall counts every argument of every gold event
  of a coded type (a missed event loses all its arguments).
The last line printed is one JSON object: ``{"events": {…}, "participants": {…}, "time": {…},
"place": {…}}`` with p, r, f1, tp, fp, fn each.
"""
from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from ..events import code_events
from ..events.lexicon import BY_LEMMA, WORD, normal_forms, trigger_lemmas
from ..model import Article
from ..nlp import annotate

REFERENCE_DATE = "2000-01-01"
PARTICIPANT_RELS = ("AGENT", "PARTICIPANT_IN")


def load_doc(ann: Path) -> dict:
    text = ann.with_suffix(".txt").read_text(encoding="utf-8")
    ents: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offs = parts[1].partition(" ")
            spans = []
            for piece in offs.split(";"):
                a, b = piece.split()[:2]
                spans.append((int(a), int(b)))
            ents[parts[0]] = (kind, spans, parts[2] if len(parts) > 2 else "")
        elif line.startswith("R") and len(parts) >= 2:
            rel, a1, a2 = parts[1].split()[:3]
            rels.append((rel, a1.split(":", 1)[1], a2.split(":", 1)[1]))
    events = {}
    for tid, (kind, spans, surface) in ents.items():
        if kind == "EVENT":
            events[tid] = {"spans": spans, "text": surface, "participants": [], "time": [], "place": []}
    for rel, a, b in rels:
        if rel in PARTICIPANT_RELS and b in events and a in ents:
            events[b]["participants"].append(ents[a][1])
        elif rel == "POINT_IN_TIME" and a in events and b in ents:
            events[a]["time"].append(ents[b][1])
        elif rel == "TAKES_PLACE_IN" and a in events and b in ents:
            events[a]["place"].append(ents[b][1])
    crimes = [sp for kind, spans, _ in ents.values() if kind in ("CRIME", "PENALTY") for sp in spans]
    return {"text": text, "events": list(events.values()), "crimes": crimes}


def coded(surface: str) -> bool:
    """Is a gold EVENT mention of a type svodka codes? A word of it inflects a trigger lemma, and that
    reading's required words are in the mention and its excluded words are not ("подписал закон" and
    "приняла закон" are out: svodka codes signed agreements and hosted visits, not legislation)."""
    words = [w.group() for w in WORD.finditer(surface)]
    lemmas = set()
    for w in words:
        lemmas |= normal_forms(w)
    for w in words:
        for lemma in trigger_lemmas(w):
            for trig in BY_LEMMA[lemma]:
                if (trig.needs | trig.need_head) and not lemmas & (trig.needs | trig.need_head):
                    continue
                if trig.exclude & lemmas:
                    continue
                return True
    return False


def article_of(name: str, text: str):
    """Title = the first non-empty line, body = the other lines; {field: offset in the text}."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    offsets: dict[str, int] = {}
    title = None
    body = []
    for k, (start, line) in enumerate(lines):
        lead = len(line) - len(line.lstrip())
        if k == 0:
            title = line.strip()
            offsets["title"] = start + lead
        else:
            offsets[f"body[{len(body)}]"] = start + lead
            body.append(line.strip())
    return Article(id=name, source=name, title=title, body=body, published=REFERENCE_DATE), offsets


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < d and c < a[1] for c, d in spans)


def predict(name: str, text: str):
    article, offsets = article_of(name, text)
    annotate(article)
    return article, code_events(article), offsets


def _doc(m, offsets) -> tuple[int, int] | None:
    base = offsets.get(m.field)
    return None if base is None else (base + m.start, base + m.stop)


def _actor_spans(article, offsets, name: str, sentence: tuple[int, int], text: str) -> list[tuple[int, int]]:
    """Where the actor is mentioned inside the report sentence (none: the actor is not scored there)."""
    for e in article.entities:
        if e.name == name:
            spans = [s for s in (_doc(m, offsets) for m in e.mentions) if s]
            return [s for s in spans if sentence[0] <= s[0] < sentence[1]]
    head = name.split()[0] if name.split() else ""
    stem = head[:5].lower()
    if not stem:
        return []
    chunk = text[sentence[0]:sentence[1]].lower()
    out = []
    for m in re.finditer(r"\w+", chunk):
        if m.group().startswith(stem):
            out.append((sentence[0] + m.start(), sentence[0] + m.end()))
    return out


def score_doc(doc: dict, article, events, offsets) -> Counter:
    c: Counter = Counter()
    gold = [g for g in doc["events"] if coded(g["text"])]
    all_gold_spans = [s for g in doc["events"] for s in g["spans"]]
    eventish = all_gold_spans + doc["crimes"]
    triggers = []                 # (doc span, event, sentence span)
    for e in events:
        sentences = [(m, _doc(m, offsets)) for m in e.evidence if m.kind == "sentence"]
        for m in e.evidence:
            if m.kind != "trigger":
                continue
            span = _doc(m, offsets)
            if span is None:
                continue
            sent = next((ds for sm, ds in sentences if ds and sm.field == m.field and ds[0] <= span[0] < ds[1]), span)
            triggers.append((span, e, sent))
    for span, _, _ in triggers:
        c["ev_fp" if not _overlap(span, all_gold_spans) else "ev_tp_pred"] += 1
        c["ev_tp_pred_any"] += 1 if _overlap(span, eventish) else 0
    for g in gold:
        c["ev_gold"] += 1
        c["p_gold"] += len(g["participants"])
        c["t_gold"] += len(g["time"])
        c["l_gold"] += len(g["place"])
        hits = [(span, e, sent) for span, e, sent in triggers if _overlap(span, g["spans"])]
        if not hits:
            continue
        c["ev_found"] += 1
        span, e, sent = max(hits, key=lambda h: len(h[1].source) + len(h[1].target))
        # participants
        matched_gold = set()
        for name in list(e.source) + list(e.target):
            spans = _actor_spans(article, offsets, name, sent, doc["text"])
            if not spans:
                continue             # an actor of the event not named in this report ("стороны", merged)
            ok = [k for k, gp in enumerate(g["participants"]) if any(_overlap(s, gp) for s in spans)]
            c["p_pred"] += 1
            if ok:
                c["p_tp"] += 1
                matched_gold |= set(ok)
        c["p_found"] += len(matched_gold)
        # time and place: the mentions of this report sentence
        for kind, gold_key, pre in (("time", "time", "t"), ("place", "place", "l")):
            mentions = [_doc(m, offsets) for m in e.evidence if m.kind == kind]
            mentions = [s for s in mentions if s and sent[0] <= s[0] < sent[1]]
            found = set()
            for s in mentions:
                c[f"{pre}_pred"] += 1
                ok = [k for k, gs in enumerate(g[gold_key]) if _overlap(s, gs)]
                if ok:
                    c[f"{pre}_tp"] += 1
                    found |= set(ok)
            c[f"{pre}_found"] += len(found)
    return c


def _block(tp_pred: int, pred: int, found: int, gold: int) -> dict:
    p = tp_pred / pred if pred else 0.0
    r = found / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": found, "fp": pred - tp_pred,
            "fn": gold - found}


def main(folder: Path, verbose: bool = False) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    folder = Path(folder)
    anns = sorted(folder.glob("*.ann"))
    if not anns:
        print(f"svodka: {folder}: no NEREL documents (N.txt + N.ann)", file=sys.stderr)
        return 2
    total: Counter = Counter()
    t0 = time.perf_counter()
    for ann in anns:
        doc = load_doc(ann)
        article, events, offsets = predict(ann.stem, doc["text"])
        c = score_doc(doc, article, events, offsets)
        total.update(c)
        if verbose:
            print(f"{ann.stem}: {dict(c)}")
    took = time.perf_counter() - t0
    n_triggers = total["ev_tp_pred"] + total["ev_fp"]
    result = {
        "events": _block(total["ev_tp_pred"], n_triggers, total["ev_found"], total["ev_gold"]),
        "participants": _block(total["p_tp"], total["p_pred"], total["p_found"], total["p_gold"]),
        "time": _block(total["t_tp"], total["t_pred"], total["t_found"], total["t_gold"]),
        "place": _block(total["l_tp"], total["l_pred"], total["l_found"], total["l_gold"]),
    }
    print(f"docs {len(anns)}, {took:.1f} s; gold events of coded types {total['ev_gold']}, "
          f"svodka triggers {total['ev_tp_pred'] + total['ev_fp']}")
    result["events"]["p_event_crime_penalty"] = round(total["ev_tp_pred_any"] / n_triggers, 4) if n_triggers else 0.0
    print(f"{'':14s}{'P':>8}{'R':>8}{'F1':>8}")
    for k, v in result.items():
        print(f"{k:14s}{v['p']:>8.3f}{v['r']:>8.3f}{v['f1']:>8.3f}")
    print(json.dumps(result, ensure_ascii=False))
    return 0
