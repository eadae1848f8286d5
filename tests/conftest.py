"""Shared test helpers: where ../shared is (tests that need it skip cleanly without it)."""
from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import httpx
import pytest

warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SVODKA_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "examples" / "000_68e2d56d0b42af1b.txt"
PAGES_DEV = SHARED / "eval" / "pages" / "dev"


def wait_for(base: str, alive=lambda: True, seconds: float = 60) -> None:
    """Until a `svodka serve` at ``base`` answers /api/stats (``alive()`` false: it exited first)."""
    deadline = time.monotonic() + seconds
    while True:
        assert alive(), "the server exited"
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, f"the server did not answer within {seconds:g} s"
        time.sleep(0.2)


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared absent)")
    return path


# --- store backends: SQLite always, PostgreSQL when $SVODKA_TEST_PG names a reachable server ----------

BACKENDS = ["sqlite", "postgresql"]
_PG_STATE: dict = {}


def pg_url() -> str:
    """The test server's URL ($SVODKA_TEST_PG, e.g. postgresql://svodka:svodka@127.0.0.1/svodka_test),
    or skip: a developer's plain `make test` needs no PostgreSQL (.ci/run starts one)."""
    url = os.environ.get("SVODKA_TEST_PG")
    if not url:
        pytest.skip("SVODKA_TEST_PG is not set: no PostgreSQL server to test the PostgreSQL store on")
    if "error" not in _PG_STATE:
        import psycopg
        try:
            psycopg.connect(url, connect_timeout=5).close()
            _PG_STATE["error"] = None
        except psycopg.Error as err:
            _PG_STATE["error"] = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if _PG_STATE["error"]:
        pytest.skip(f"the PostgreSQL server of SVODKA_TEST_PG is unreachable: {_PG_STATE['error']}")
    return url


def new_pg_store(label: str) -> str:
    """The URL of a new, empty store on the test server: a schema of its own (dropped at the end of
    the session), chosen with libpq's ``options=-csearch_path=…``."""
    import re
    import uuid

    import psycopg

    url = pg_url()
    schema = f"t_{re.sub(r'[^a-z0-9]+', '_', label.lower())[:30]}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    _PG_STATE.setdefault("schemas", []).append(schema)
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def store_at(backend: str, folder: Path, label: str) -> str:
    """A new store's path (SQLite) or URL (PostgreSQL)."""
    return str(folder / f"{label}.db") if backend == "sqlite" else new_pg_store(label)


def pytest_sessionfinish(session, exitstatus):
    schemas = _PG_STATE.get("schemas")
    if schemas:
        import psycopg
        try:
            with psycopg.connect(os.environ["SVODKA_TEST_PG"], autocommit=True) as conn:
                for schema in schemas:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        except psycopg.Error:
            pass


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """A new, empty store on each backend (one test, twice)."""
    return store_at(request.param, tmp_path, request.node.name)


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    """The backend a module's stores are on (the module's tests run once per backend)."""
    if request.param == "postgresql":
        pg_url()
    return request.param


class ReplayPipeline:
    """The real pipeline, remembering what it gave for an input (the same documents in the same
    order): the second ingest of a corpus — into the other backend — stores exactly the articles the
    first analysed, without running the language layer again. Nothing is faked: the first run is real."""

    def __init__(self) -> None:
        self.memory: dict[tuple, list] = {}

    def pipe(self, items):
        import copy

        from svodka.pipeline import default_pipeline

        items = list(items)
        key = tuple((getattr(i, "source", None), getattr(i, "sha256", None)) for i in items)
        if key not in self.memory:
            self.memory[key] = list(default_pipeline().pipe(items))
        return iter(copy.deepcopy(self.memory[key]))


@pytest.fixture(scope="session")
def replay_pipeline() -> ReplayPipeline:
    return ReplayPipeline()


# --- headless Chromium (Debian's chromium, driven by playwright) for the web UI tests -----------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module; the tests skip when chromium or playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--headless"])
        yield b
        b.close()
