"""`svodka serve --db svodka.db [--host 127.0.0.1] [--port 8000]`: the web UI and the REST API.

Loopback only unless ``--host`` says otherwise; the store is opened read-only. A missing store is one
line on stderr and exit code 2.
"""
from __future__ import annotations

import sys

from ._common import add_db


def cmd_serve(args) -> int:
    # heavy: the store, FastAPI and uvicorn, only for this verb (and an install without the web extras says so)
    from ..store import StoreError, read_only_url

    try:
        import uvicorn                          # optional web extras: see the comment above
        from ..serve import create_app          # (FastAPI)
    except ImportError as err:
        print(f"svodka: serve needs fastapi, uvicorn and jinja2 ({err}); pip install svodka", file=sys.stderr)
        return 2
    try:
        app = create_app(read_only_url(args.db))      # the app's stores open read-only (mode=ro)
    except StoreError as err:
        print(f"svodka: {err}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"svodka: serving on {args.host}: reachable from other machines (read-only)", file=sys.stderr)
    from ..store.postgres import redacted      # psycopg: only here, as in _common.shown
    print(f"svodka: serving {redacted(args.db)} on http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
          f"  (API: /api, docs: /api/docs)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=args.access_log, http="svodka.serve.wire:Protocol")
    return 0


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the web UI and the REST API over a store (read-only)")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(func=cmd_serve)
