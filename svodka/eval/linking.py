"""`svodka eval linking DIR [--db PATH] [--keep] [--errors N]`: cross-document entity linking on SlavicNER.

How it is measured:

  * DIR holds ``raw/<topic>/ru/<doc>.txt`` (the texts) and ``ner/<topic>/ru/<doc>.tsv`` (the gold: one
    mention a line, ``start<TAB>end<TAB>surface<TAB>base form<TAB>type<TAB>cross-lingual id``; offsets are
    into the .txt file). Only PER, ORG and LOC rows count, each type on its own (gold LOC includes the
    ``GPE-*`` ids); a gold cluster is one cross-lingual id (compared case-insensitively: the corpus spells
    a few ids two ways);
  * ``DIR/raw`` is ingested into a store (a fresh temporary SQLite file, or ``--db``: an existing store
    is reused, ingest skipping what it holds) with svodka's own ``ingest``, so every document becomes an
    article whose entities are linked into corpus entities (``entity_links.corpus``);
  * a document's article is the one stored under the document's path (table ``sources``);
  * each predicted mention (offsets into an article field: ``title``, ``lead``, ``body[i]``) is placed in
    the raw text by finding its field's text there (fields in reading order); a gold mention takes the
    predicted mention whose placed span overlaps it (same type first, then linked ones, then the widest
    overlap); failing that ("text" match), the k-th predicted mention of the document whose text equals
    the gold surface (case-insensitive, ё = е) for the gold's k-th occurrence of that surface, else any
    mention with that text; the mention's entity → its corpus entity;
  * a gold mention with no predicted corpus entity (no article, no matching mention, an entity left
    unlinked) is a singleton cluster of its own;
  * B-cubed (Bagga & Baldwin 1998) over the gold mentions of one type, clusters restricted to them:
    precision_m = |pred(m) ∩ gold(m)| / |pred(m)|, recall_m = |pred(m) ∩ gold(m)| / |gold(m)|, averaged
    over mentions; F1 their harmonic mean.

The last line printed is one JSON object: ``{"PER": {"p", "r", "f1", "mentions", "clusters_gold",
"clusters_pred"}, "ORG": …, "LOC": …}``. ``--errors N`` also prints, per type, the N largest predicted
corpus entities that mix several gold ids and the N largest gold ids split over several corpus entities.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import ingest
from ..store import open_store

TYPES = ("PER", "ORG", "LOC")
_SPACES = re.compile(r"\s+")


def key(text: str | None) -> str:
    """A surface as it is compared: whitespace collapsed, stripped, lower case, ё read as е."""
    return _SPACES.sub(" ", str(text or "")).strip().lower().replace("ё", "е")


# --- B-cubed ------------------------------------------------------------------------------

def bcubed(pairs: Iterable[tuple[Hashable, Hashable]]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of mentions given as (gold cluster, predicted cluster) pairs, one a
    mention. No mentions: (0, 0, 0)."""
    both: Counter = Counter()
    gold: Counter = Counter()
    pred: Counter = Counter()
    n = 0
    for g, p in pairs:
        both[g, p] += 1
        gold[g] += 1
        pred[p] += 1
        n += 1
    if not n:
        return 0.0, 0.0, 0.0
    # every mention of the cell (g, p) has |pred ∩ gold| = both[g, p]
    precision = sum(c * c / pred[p] for (g, p), c in both.items()) / n
    recall = sum(c * c / gold[g] for (g, p), c in both.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- gold ---------------------------------------------------------------------------------

@dataclass(slots=True, frozen=True)
class GoldMention:
    doc: str            # <topic>/ru/<doc>.txt, relative to raw/
    start: int
    stop: int
    surface: str
    type: str
    id: str             # the cross-lingual id as written


def load_gold(root: Path) -> dict[str, list[GoldMention]]:
    """``<topic>/ru/<doc>.txt`` → its PER/ORG/LOC gold mentions, by start (a span listed twice counts once)."""
    ner = Path(root) / "ner"
    gold: dict[str, list[GoldMention]] = {}
    for tsv in sorted(ner.rglob("*.tsv")):
        doc = tsv.relative_to(ner).with_suffix(".txt").as_posix()
        seen, rows = set(), []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < 6 or cells[4] not in TYPES or not cells[0].isdigit() or not cells[1].isdigit():
                continue
            m = GoldMention(doc, int(cells[0]), int(cells[1]), cells[2], cells[4], cells[5].strip())
            if (m.start, m.stop, m.type) not in seen:
                seen.add((m.start, m.stop, m.type))
                rows.append(m)
        gold[doc] = sorted(rows, key=lambda m: (m.start, m.stop))
    return gold


# --- predictions --------------------------------------------------------------------------

@dataclass(slots=True)
class Predicted:
    text: str                   # the mention's text (a key)
    type: str | None            # its entity's type
    corpus: int | None          # its entity's corpus entity (None: not linked)
    start: int | None = None    # its span in the raw text (None: its field was not found there)
    stop: int | None = None
    order: tuple = ()           # reading order


@dataclass(slots=True)
class Doc:
    article: str | None = None
    mentions: list[Predicted] = field(default_factory=list)
    fields_found: int = 0
    fields_missed: int = 0


_FIELD = re.compile(r"([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$")
_READING = {"title": 0, "alt_titles": 1, "lead": 2, "body": 3}


def _field_order(name: str) -> tuple[int, int]:
    """Reading order of a field: title, alternative titles, lead, body paragraphs, the rest."""
    m = _FIELD.match(name or "")
    if not m:
        return 9, 0
    return _READING.get(m.group(1), 4), int(m.group(2) or 0)


def _field_text(article: dict, name: str) -> str | None:
    """The text of a field named as mentions name it: ``title``, ``body[3]``, ``media[0].caption`` …"""
    m = _FIELD.match(name or "")
    if not m:
        return None
    value = article.get(m.group(1))
    if m.group(2) is not None:
        i = int(m.group(2))
        value = value[i] if isinstance(value, list) and i < len(value) else None
    if m.group(3):
        value = value.get(m.group(3)) if isinstance(value, dict) else None
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class Placed:
    """Where a field's text is in the raw text: from ``at``, as an exact copy, or (``chars``) with other
    whitespace — then ``chars`` maps each non-space character of the field to its raw position."""

    at: int
    end: int
    chars: dict[int, int] | None = None
    text: str = ""

    def span(self, start: int, stop: int) -> tuple[int, int] | None:
        if self.chars is None:
            return self.at + start, self.at + stop
        text = self.text
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start >= stop or start not in self.chars or stop - 1 not in self.chars:
            return None
        return self.chars[start], self.chars[stop - 1] + 1


def _place(raw: str, text: str, cursor: int) -> Placed | None:
    at = raw.find(text, cursor)
    if at < 0:
        at = raw.find(text)
    if at >= 0:
        return Placed(at, at + len(text))
    words = text.split()
    if not words:
        return None
    pattern = re.compile(r"\s*".join(re.escape(w) for w in words))
    m = pattern.search(raw, cursor) or pattern.search(raw)
    if not m:
        return None
    mine = [j for j, ch in enumerate(text) if not ch.isspace()]
    theirs = [i for i in range(m.start(), m.end()) if not raw[i].isspace()]
    if len(mine) != len(theirs):
        return None
    return Placed(m.start(), m.end(), dict(zip(mine, theirs)), text)


def place_fields(raw: str, article: dict, names: Iterable[str]) -> dict[str, Placed]:
    """Field name → where its text is in the raw text: fields in reading order, each looked for after
    the previous one found, then anywhere; exactly, then with whitespace read loosely (lines the page
    reading joined, spaces collapsed); a field whose text is not in the raw text is left out."""
    where: dict[str, Placed] = {}
    cursor = 0
    for name in sorted(set(names), key=lambda n: (_field_order(n), n)):
        text = _field_text(article, name)
        if not text or not text.strip():
            continue
        placed = _place(raw, text, cursor)
        if placed is None:
            continue
        where[name] = placed
        if placed.at >= cursor:
            cursor = placed.end
    return where


def articles_by_source(store) -> dict[str, tuple[int, str]]:
    """Every source an article was read from → (article pk, article id)."""
    return {source: (pk, aid) for source, pk, aid in store.articles_by_source()}


def doc_for(source: str, raw_root: Path, docs: set[str]) -> str | None:
    """The gold document a source path is (relative to ``raw_root``, else by its ending)."""
    try:
        rel = Path(os.path.relpath(source, raw_root)).as_posix()
    except ValueError:
        rel = ""
    if rel in docs:
        return rel
    for doc in docs:
        if source.endswith("/" + doc):
            return doc
    return None


def predict(store, raw_root: Path, docs: Iterable[str]) -> dict[str, Doc]:
    """Gold document → its article's mentions placed in the raw text, with their corpus entities."""
    raw_root = Path(raw_root)
    docs = set(docs)
    found: dict[str, tuple[int, str]] = {}
    for source, (pk, aid) in sorted(articles_by_source(store).items()):
        doc = doc_for(source, raw_root, docs)
        if doc is not None and doc not in found:
            found[doc] = (pk, aid)
    out: dict[str, Doc] = {}
    for doc in sorted(docs):
        if doc not in found:
            out[doc] = Doc()
            continue
        pk, aid = found[doc]
        article = store.article_dict(aid) or {}
        raw = (raw_root / doc).read_bytes().decode("utf-8", errors="replace")
        types = store.entity_types_of_article(pk)
        links = store.entity_links_of_article(pk)
        rows = store.mentions_of_article(pk)
        names = {r[1] for r in rows if r[1]}
        where = place_fields(raw, article, names)
        d = Doc(article=aid, fields_found=len(where), fields_missed=len(names) - len(where))
        for entity, name, start, stop, text in rows:
            p = Predicted(key(text), types.get(entity), links.get(entity))
            span = where[name].span(start, stop) if name in where and start is not None and stop is not None \
                else None
            if span is not None:
                p.start, p.stop = span
            p.order = (*_field_order(name or ""), start if start is not None else 0)
            d.mentions.append(p)
        d.mentions.sort(key=lambda p: p.order)
        out[doc] = d
    return out


def assign(gold: list[GoldMention], doc: Doc) -> list[tuple[int | None, str]]:
    """For each gold mention of one document (by start): (its predicted corpus entity or None, how it
    was found: "span", "text" or "none")."""
    by_text: dict[str, list[Predicted]] = defaultdict(list)
    for p in doc.mentions:
        by_text[p.text].append(p)
    seen: Counter = Counter()
    out: list[tuple[int | None, str]] = []
    for g in gold:
        k = key(g.surface)
        nth = seen[k]
        seen[k] += 1
        best, rank = None, None
        for p in doc.mentions:
            if p.start is None or p.start >= g.stop or p.stop <= g.start:
                continue
            r = (p.type == g.type, p.corpus is not None, min(p.stop, g.stop) - max(p.start, g.start),
                 -abs((p.stop - p.start) - (g.stop - g.start)))
            if rank is None or r > rank:
                best, rank = p, r
        if best is not None and best.corpus is not None:
            out.append((best.corpus, "span"))
            continue
        same = by_text.get(k, [])
        pick = same[nth] if nth < len(same) and same[nth].corpus is not None else \
            next((p for p in same if p.corpus is not None), None)
        if pick is not None:
            out.append((pick.corpus, "text"))
        else:
            out.append((None, "none"))
    return out


# --- scoring ------------------------------------------------------------------------------

def score(gold: dict[str, list[GoldMention]], predicted: dict[str, Doc]) -> dict:
    """Per type: the summary (p, r, f1, mentions, clusters_gold, clusters_pred), how mentions were
    matched, and the (gold id, predicted cluster) of each mention for the error listing."""
    pairs: dict[str, list[tuple[str, Hashable]]] = {t: [] for t in TYPES}
    how: dict[str, Counter] = {t: Counter() for t in TYPES}
    spelling: dict[str, str] = {}
    for doc, rows in gold.items():
        found = assign(rows, predicted.get(doc) or Doc())
        for g, (corpus, via) in zip(rows, found):
            gid = g.id.casefold() if g.id else f"(no id) {doc}:{g.start}"
            spelling.setdefault(gid, g.id or gid)
            cluster: Hashable = corpus if corpus is not None else ("singleton", doc, g.start, g.stop)
            pairs[g.type].append((gid, cluster))
            how[g.type][via] += 1
    summary = {}
    for t in TYPES:
        p, r, f1 = bcubed(pairs[t])
        summary[t] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "mentions": len(pairs[t]),
                      "clusters_gold": len({g for g, _ in pairs[t]}),
                      "clusters_pred": len({c for _, c in pairs[t]})}
    return {"summary": summary, "how": how, "pairs": pairs, "spelling": spelling}


def mixed_and_split(pairs: list[tuple[str, Hashable]], n: int) -> tuple[list, list]:
    """The ``n`` largest predicted corpus entities holding several gold ids: (corpus id, size, [(gold id,
    count)]), and the ``n`` largest gold ids spread over several corpus entities: (gold id, size,
    [(corpus id, count)], unlinked count)."""
    by_pred: dict[int, Counter] = defaultdict(Counter)
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for g, c in pairs:
        by_gold[g][c] += 1
        if not isinstance(c, tuple):
            by_pred[c][g] += 1
    mixed = [(c, sum(ids.values()), ids.most_common()) for c, ids in by_pred.items() if len(ids) > 1]
    mixed.sort(key=lambda x: (-x[1], -len(x[2]), x[0]))
    split = []
    for g, cs in by_gold.items():
        linked = Counter({c: k for c, k in cs.items() if not isinstance(c, tuple)})
        if len(linked) > 1:
            split.append((g, sum(cs.values()), linked.most_common(), sum(cs.values()) - sum(linked.values())))
    split.sort(key=lambda x: (-x[1], -len(x[2]), x[0]))
    return mixed[:n], split[:n]


def _names(store) -> dict[int, str]:
    return store.corpus_entity_names()


def print_errors(result: dict, n: int, names: dict[int, str], out=sys.stdout) -> None:
    spelling = result["spelling"]
    for t in TYPES:
        mixed, split = mixed_and_split(result["pairs"][t], n)
        print(f"{t}: predicted corpus entities mixing several gold ids ({len(mixed)} shown)", file=out)
        for cid, size, ids in mixed:
            parts = ", ".join(f"{spelling.get(g, g)} {k}" for g, k in ids)
            print(f"  #{cid} {names.get(cid, '?')} ({size} mentions): {parts}", file=out)
        print(f"{t}: gold ids split over several corpus entities ({len(split)} shown)", file=out)
        for g, size, cs, unlinked in split:
            parts = ", ".join(f"#{c} {names.get(c, '?')} {k}" for c, k in cs)
            tail = f", unlinked {unlinked}" if unlinked else ""
            print(f"  {spelling.get(g, g)} ({size} mentions): {parts}{tail}", file=out)


# --- the command --------------------------------------------------------------------------

def main(root: Path, db: str | None = None, keep: bool = False, errors: int = 0, progress: bool = True,
         out=sys.stdout) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    root = Path(root)
    raw_root = root / "raw"
    gold = load_gold(root)
    if not gold or not raw_root.is_dir():
        print(f"svodka: {root}: no SlavicNER documents (raw/<topic>/ru/*.txt and ner/<topic>/ru/*.tsv)",
              file=sys.stderr)
        return 2
    tmpdir = None
    if db is None:
        tmpdir = tempfile.mkdtemp(prefix="svodka-eval-linking-")
        db = str(Path(tmpdir) / "linking.db")
    try:
        report = ingest([str(raw_root)], db, progress=progress)
        store = open_store(db, create=False)
        try:
            predicted = predict(store, raw_root, gold)
            result = score(gold, predicted)
            names = _names(store) if errors > 0 else {}
        finally:
            store.close()
    finally:
        if tmpdir is not None and not keep:
            shutil.rmtree(tmpdir, ignore_errors=True)
    if tmpdir is not None and keep:
        print(f"svodka: store kept at {db}", file=sys.stderr)
    if errors > 0:
        print_errors(result, errors, names, out)
    articles = sum(1 for d in predicted.values() if d.article)
    placed = sum(d.fields_found for d in predicted.values())
    missed = sum(d.fields_missed for d in predicted.values())
    print(f"{len(gold)} documents, {articles} with an article; ingest: {report}; fields placed in the raw "
          f"text {placed}, not found {missed}", file=out)
    print(f"{'':4s}{'P':>8}{'R':>8}{'F1':>8}{'mentions':>10}{'gold':>7}{'pred':>7}"
          f"{'by span':>9}{'by text':>9}{'none':>7}", file=out)
    for t in TYPES:
        s, h = result["summary"][t], result["how"][t]
        print(f"{t:4s}{s['p']:>8.4f}{s['r']:>8.4f}{s['f1']:>8.4f}{s['mentions']:>10d}{s['clusters_gold']:>7d}"
              f"{s['clusters_pred']:>7d}{h['span']:>9d}{h['text']:>9d}{h['none']:>7d}", file=out)
    print(json.dumps(result["summary"], ensure_ascii=False), file=out)
    return 0
