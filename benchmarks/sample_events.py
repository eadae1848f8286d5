"""A random sample of a store's events with their evidence sentence, for reading by hand.

    python benchmarks/sample_events.py STORE.db [--seed 7] [--n 30]

Each line: article pk, type, CAMEO, source -> target, date, place, modality, the trigger word, then the
report sentence. Only articles in Russian. SQLite stores (a realnews ingest: `svodka ingest
../shared/eval/realnews/pages --db STORE.db`).
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    db = sqlite3.connect(args.db)
    rows = db.execute("SELECT e.article, e.type, e.cameo, e.source, e.target, e.date, e.place, e.modality, e.evidence"
                      " FROM events e JOIN articles a ON a.pk = e.article WHERE a.language = 'ru'"
                      " ORDER BY e.article, e.n").fetchall()
    for pk, type_, cameo, source, target, date, place, modality, evidence in \
            random.Random(args.seed).sample(rows, min(args.n, len(rows))):
        marks = json.loads(evidence)
        sentence = next((m["text"] for m in marks if m["kind"] == "sentence"), "")
        trigger = next((m["text"] for m in marks if m["kind"] == "trigger"), "")
        print(f"[{pk}] {type_} {cameo} {json.loads(source)} -> {json.loads(target)} {date} {place} {modality}"
              f" | {trigger}\n     {sentence[:300]}")


if __name__ == "__main__":
    main()
