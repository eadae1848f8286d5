"""The most frequent LOC names of a store and the places svodka resolved them to, for checking by hand.

    python benchmarks/geo_realnews.py /tmp/geo_real.db [--top 100] > benchmarks/geo_realnews.tsv

(the store: ``svodka ingest ../shared/eval/realnews/pages --db /tmp/geo_real.db``). One row per name, most
articles first: the name, the articles it is a LOC entity in, the place it was resolved to in most of them
(feature, country, ISO code, the place's name, lat, lon; "—" for none), how many of its articles resolved it
otherwise (another place, or none), and two empty columns — verdict (ok / wrong) and a note — for the hand
check (``--relocate``: geocode the stored articles again first, after a change to svodka.geo or the
gazetteer). benchmarks/geo_realnews_checked.tsv is that list with the verdicts; ``--score FILE`` prints its accuracy.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svodka.geo import locate  # noqa: E402
from svodka.store import open_store  # noqa: E402
from svodka.store.records import article_from_dict  # noqa: E402

COLUMNS = ["rank", "name", "articles", "feature", "country", "code", "place", "lat", "lon", "otherwise", "verdict",
           "note"]


def describe(geo: dict | None) -> tuple:
    if not geo:
        return ("—", "", "", "", "", "")
    code = geo.get("iso") or geo.get("admin1") or (str(geo["geonameid"]) if geo.get("geonameid") else "")
    return (geo.get("feature"), geo.get("country") or "", code, geo.get("name"), f"{geo['lat']:.2f}" if geo.get("lat")
            is not None else "", f"{geo['lon']:.2f}" if geo.get("lon") is not None else "")


def listing(db: str, top: int, relocate: bool = False) -> list[list[str]]:
    seen: dict[str, Counter] = defaultdict(Counter)
    with open_store(db, create=False, read_only=True) as store:
        for (data,) in store.article_data_rows():
            d = json.loads(data)
            if relocate:                  # the stored entities and events, geocoded again by this svodka
                article = article_from_dict(d)
                locate(article)
                d = article.to_dict()
            for e in d.get("entities") or ():
                if e.get("type") == "LOC" and not all(m.get("kind") in ("credit", "attribution")
                                                      for m in e.get("mentions") or [{}]):
                    seen[e["name"]][describe(e.get("geo"))] += 1
    names = sorted(seen, key=lambda n: (-sum(seen[n].values()), n))[:top]
    rows = []
    for rank, name in enumerate(names, 1):
        (place, count), total = seen[name].most_common(1)[0], sum(seen[name].values())
        rows.append([str(rank), name, str(total), *place, str(total - count), "", ""])
    return rows


def score(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    rows = [line.split("\t") for line in lines[1:]]
    ok = sum(1 for r in rows if r[COLUMNS.index("verdict")] == "ok")
    print(f"{ok} of {len(rows)} names resolved right: {ok / len(rows):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", nargs="?")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--score", type=Path, help="a checked list: print its accuracy")
    parser.add_argument("--relocate", action="store_true",
                        help="geocode the stored entities and events again (after a change to svodka.geo)")
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return
    print("\t".join(COLUMNS))
    for row in listing(args.db, args.top, args.relocate):
        print("\t".join(row))


if __name__ == "__main__":
    main()
