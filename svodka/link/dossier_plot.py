"""A dossier drawn with matplotlib (``svodka entity NAME --plot FILE``): the articles naming the entity each
month above, its events below (date × Goldstein, size by sources), with the timeline plot's rules
(``timeline_plot``): titled axes with units, signed Goldstein ticks, labels that overlap nothing, every event
drawn or counted under the figure — also those beyond the dossier's latest ones —, and an extension matplotlib
cannot write refused before any work.
"""
from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from ..lang.plural import count_en
from .timeline_plot import check_path, draw_events, finish


def plot(d: dict, path: str) -> str:
    """Draw the dossier ``d`` (``svodka.link.dossier.dossier``) into ``path`` (png, svg, pdf … by its
    extension; ValueError for one matplotlib cannot write). Returns the path."""
    check_path(path)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True, gridspec_kw={"height_ratios": [1, 1.3]})
    months = [m for m in d.get("by_month") or [] if m.get("month")]
    if months:
        top.bar([date.fromisoformat(m["month"] + "-15") for m in months], [m["articles"] for m in months],
                width=20, color="#3b6fb6")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_ylabel("articles a month")
    events = d.get("events") or []
    fig.suptitle(f"{d['name']}: {count_en(d.get('articles') or 0, 'article')}, "
                 f"{count_en(d.get('events_total', len(events)), 'event')}")
    points, unplaced = draw_events(bottom, events)
    notes = []
    if d.get("events_total", len(events)) > len(events):
        notes.append(f"the latest {len(events)} of {count_en(d['events_total'], 'event')} are drawn")
    if unplaced:
        notes.append(f"{unplaced} of them without a date or Goldstein value: not drawn")
    finish(fig, bottom, points, notes, path)
    return path


__all__ = ["plot"]
