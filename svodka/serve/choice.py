"""A name that stands for several corpus entities: the page that lists them, each with its type,
main role and article count (the API's 409 candidates), linked to the page that was asked for with
that one entity (a dossier by id, a timeline with ``#id`` for the ambiguous side)."""
from __future__ import annotations

from collections.abc import Callable

from ..link.lookup import resolve
from .data import Ambiguous


def main_roles(store, ids: list[int]) -> dict[int, str]:
    """Each entity's most frequent role (none for a store without the link tables)."""
    if not ids:
        return {}
    try:
        return store.main_roles(ids)
    except store.errors:
        return {}


def candidates(store, err: Ambiguous, href: Callable[[dict], str]) -> list[dict]:
    found = [c for c in err.candidates if isinstance(c, dict)]
    roles = main_roles(store, [c["id"] for c in found if isinstance(c.get("id"), int)])
    return [{**c, "role": roles.get(c.get("id")), "href": href(c)} for c in found]


def timeline_side(store, a: str) -> str:
    """Which name of a timeline is the ambiguous one: "a" when ``a`` is (it is resolved first), else "b"."""
    try:
        resolve(store, a, prefer_country=True)        # as svodka.link.timeline resolves it
    except LookupError:
        return "a"
    return "b"
