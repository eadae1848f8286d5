"""The web app: the REST API (``/api``), the pages, the static files, the error handling, the
security headers and the request limits (guard.py), over one store opened read-only. Every route
answers GET and HEAD only; anything else is a 405 (docs/security.md).

    from svodka.serve import create_app
    app = create_app("svodka.db")          # any ASGI server; `svodka serve` runs uvicorn
"""
from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import StoreError, default_db
from . import api, attention, downloads, pages
from .data import Ambiguous, Data, LinkUnavailable, NotFound
from .guard import CSP, HEADERS, Guard  # noqa: F401  (CSP, HEADERS: where they always were)
from .jsonsafe import SafeJSONResponse as JSONResponse

HERE = Path(__file__).resolve().parent

# Handlers run in a thread pool; SQLite releases the GIL while it searches, the rest (routing,
# Jinja2, JSON) holds it, so beyond a few threads more only add switching (benchmarks/bench_load.py).
THREADS = 8


def _message(err: RequestValidationError) -> str:
    parts = []
    for e in err.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _wants_json(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def create_app(db: str | Path, *, writable: bool = False, threads: int | None = None) -> FastAPI:
    """The app over the store at ``db`` (a path or sqlite:///…; it must exist). Read-only unless
    ``writable`` (nothing in the app writes; the flag only lifts ``PRAGMA query_only``). ``threads``:
    how many requests are handled at once (default ``$SVODKA_THREADS`` or THREADS); more wait."""
    data = Data(str(db), writable=writable)
    handlers = max(1, int(threads or os.environ.get("SVODKA_THREADS") or THREADS))

    @asynccontextmanager
    async def lifespan(app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = handlers
        yield

    app = FastAPI(lifespan=lifespan, title="svodka", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  default_response_class=JSONResponse,
                  description="Russian news knowledge base: articles with entities, quotes, times and CAMEO events; "
                              "entities, events and stories across articles. Read-only.")
    app.state.data = data

    def error(request: Request, status: int, message: str, detail=None):
        if _wants_json(request):
            body = {"error": message}
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status)
        return pages.error_page(request, status, message)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, err: RequestValidationError):
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in err.errors()]
        return error(request, 422, _message(err), detail)

    @app.exception_handler(StoreError)
    async def on_store_error(request: Request, err: StoreError):
        return error(request, 400, str(err))

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, err: NotFound):
        return error(request, 404, str(err))

    @app.exception_handler(Ambiguous)
    async def on_ambiguous(request: Request, err: Ambiguous):
        if _wants_json(request):
            return JSONResponse({"error": str(err), "candidates": err.candidates}, status_code=409)
        return pages.error_page(request, 409, str(err))

    @app.exception_handler(LinkUnavailable)
    async def on_unlinked(request: Request, err: LinkUnavailable):
        return error(request, 503, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, err: StarletteHTTPException):
        message = err.detail if isinstance(err.detail, str) else "error"
        if err.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = error(request, err.status_code, message)
        for k, v in (getattr(err, "headers", None) or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(Exception)
    async def on_bug(request: Request, err: Exception):        # a bug in Guard itself (others: on_bug_in_guard)
        return error(request, 500, f"internal error ({type(err).__name__})")

    def on_bug_in_guard(scope, err: Exception):
        return error(Request(scope), 500, f"internal error ({type(err).__name__})")

    # outermost but for Starlette's last resort: limits, Host check, headers on every answer, the 500s
    app.add_middleware(Guard, headers=HEADERS, on_error=on_bug_in_guard)

    app.include_router(api.router)
    app.include_router(attention.router)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request):
        return pages.api_docs(request, app.openapi())

    app.include_router(downloads.router)          # before the pages: /entity/NAME/events.csv is no dossier
    app.include_router(attention.pages_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def from_env() -> FastAPI:
    """The app over ``$SVODKA_DB`` (default svodka.db), for an ASGI server that starts one app per
    worker process: ``uvicorn --factory svodka.serve.app:from_env --workers 2`` (docs/security.md)."""
    return create_app(default_db())
