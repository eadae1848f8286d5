"""`svodka eval pages DIR`: body and title quality on a folder laid out like ../shared/eval/pages/dev.

DIR holds html/<ID>.html, text/<ID>.txt, reference/<ID>.txt and optionally titles.tsv (ID<TAB>title).
Each page goes through the pipeline in one batch (so pages of one site share their template, as in
an ingest); the article's reader text (title, lead, body paragraphs, one per line) is scored against
the reference with the shared metric, the title by exact match after whitespace normalisation.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..model import Article, Rejected
from ..pipeline import Pipeline
from ..read import read_bytes
from . import shingles


def site_of_id(doc_id: str) -> str:
    """'20111128_www.regnum.ru_2fa9…' → 'regnum.ru' (the host in the ID, www. dropped)."""
    parts = doc_id.split("_")
    host = "_".join(parts[1:-1]) if len(parts) >= 3 else doc_id
    return host[4:] if host.startswith("www.") else host


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def load_titles(folder: Path) -> dict[str, str]:
    path = folder / "titles.tsv"
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            doc_id, title = line.split("\t", 1)
            out[doc_id] = title
    return out


def predict(folder: Path, form: str = "text", pipeline: Pipeline | None = None) -> dict[str, Article | Rejected]:
    """Run the pipeline over every page of the folder in the chosen input form."""
    sub, ext = ("html", ".html") if form == "html" else ("text", ".txt")
    ids = sorted(p.name[: -len(ext)] for p in (folder / sub).glob(f"*{ext}"))
    raws = [read_bytes((folder / sub / f"{i}{ext}").read_bytes(), i, kind="html" if form == "html" else "text")
            for i in ids]
    results = list((pipeline or Pipeline(batch_size=max(1, len(raws)), nlp=False)).pipe(raws))
    return dict(zip(ids, results))


def score(folder: Path, predictions: dict[str, Article | Rejected]) -> dict:
    """Per-page counts, per-site figures and the summary line."""
    titles = load_titles(folder)
    counts: dict[str, tuple[float, float, float]] = {}
    title_hits: dict[str, bool] = {}
    for doc_id, result in predictions.items():
        ref_path = folder / "reference" / f"{doc_id}.txt"
        if not ref_path.is_file():
            continue
        ref = ref_path.read_text(encoding="utf-8")
        if ref.startswith("TITLE:"):
            ref = ref.partition("\n")[2]
        text = result.reader_text() if isinstance(result, Article) else ""
        counts[doc_id] = shingles.match(ref, text)
        if doc_id in titles:
            got = result.title if isinstance(result, Article) else None
            title_hits[doc_id] = norm(got) == norm(titles[doc_id])
    by_site: dict[str, list[str]] = defaultdict(list)
    for doc_id in counts:
        by_site[site_of_id(doc_id)].append(doc_id)
    sites = {}
    for site, ids in sorted(by_site.items()):
        s = shingles.summary([counts[i] for i in ids])
        hits = [title_hits[i] for i in ids if i in title_hits]
        s["title_accuracy"] = sum(hits) / len(hits) if hits else None
        s["docs"] = len(ids)
        sites[site] = s
    total = shingles.summary(list(counts.values()))
    result = {"docs": len(counts), **total,
              "title_accuracy": sum(title_hits.values()) / len(title_hits) if title_hits else None,
              "titles": len(title_hits),
              "site_macro_f1": sum(s["f1"] for s in sites.values()) / len(sites) if sites else 0.0}
    return {"sites": sites, "summary": result, "counts": counts}
