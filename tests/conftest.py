"""Shared test helpers: where ../shared is (tests that need it skip cleanly without it)."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SVODKA_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "examples" / "000_68e2d56d0b42af1b.txt"
PAGES_DEV = SHARED / "eval" / "pages" / "dev"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared absent)")
    return path
