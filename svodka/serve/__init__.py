"""serve: the web UI and the REST API over a store (``svodka serve``).

    from svodka.serve import create_app
    app = create_app("svodka.db")        # FastAPI; read-only; /api (OpenAPI at /api/docs) and the pages

  app.py        the app: routers, error handling (4xx with a clear message), the thread pool's size
  guard.py      in front of everything: request limits (414, 413), the Host check, security headers, HEAD
  jsonsafe.py   JSON with no byte readable as markup
  api.py        the REST API under /api
  pages.py      the server-rendered pages (Jinja2, autoescape on), English with a Russian switch
  data.py       what they read: per-thread read-only stores, caching, adapters over the store's view
                queries (svodka.store.view_queries) and over svodka.link
  actors.py     whether an event's actor is a name, in Python (dates: svodka/edtf.py)
  event_views.py   the corpus events list (svodka.link.event_list) for /events and /api/events
  highlight.py  article text with mentions, times and quotes as escaped HTML
  charts.py     server-side SVG charts
  i18n.py       the UI's words in Russian
  templates/, static/   every asset is served by svodka itself
"""
from __future__ import annotations


def create_app(db, **options):
    from .app import create_app as make     # heavy: FastAPI (~0.5 s) loads when an app is made
    return make(db, **options)


__all__ = ["create_app"]
