"""svodka's command line: one sub-command per verb, each a thin wrapper over a documented function.

The verbs live in svodka/cmd/ (one module per area, each with ``register(subparsers)``).
"""
from __future__ import annotations

import argparse
import sys
import warnings

from .cmd._common import resolve_db
from .cmd import analyze, attention, crawl, evaluate, store, events, export, link, serve

AREAS = [analyze, evaluate, store, events, export, link, attention, serve, crawl]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="svodka", description="Russian news pages → a structured news knowledge base.")
    sub = parser.add_subparsers(dest="command", required=True)
    for area in AREAS:
        area.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    args = build_parser().parse_args(argv)
    resolve_db(args)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
