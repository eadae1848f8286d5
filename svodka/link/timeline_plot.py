"""A timeline drawn with matplotlib (``svodka timeline A B --plot FILE``): the monthly series above (cooperation
up, conflict down, the mean Goldstein value), every event below (date × Goldstein, size by sources).

What makes it readable: titled axes with their units, signed Goldstein ticks ("+5", "−5"), months as a reader
says them, event labels placed where they overlap no other label (a label with no free place is left off and
counted in the caption), every event drawn — one without a date of its own at the month it counts in, and the
caption says how many could not be placed at all — and an extension matplotlib cannot write refused before any
work (``check_path``).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402  (after choosing the backend)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from ..cameo import QUADS  # noqa: E402
from ..lang.plural import count_en  # noqa: E402

COLORS = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
MINUS = "\u2212"
LABEL_STEPS = 9            # places tried for an event's label: above and below the point, further each time


def formats() -> list[str]:
    """The file extensions matplotlib writes (png, svg, pdf …)."""
    fig = plt.figure()
    try:
        return sorted(fig.canvas.get_supported_filetypes())
    finally:
        plt.close(fig)


def check_path(path: str) -> None:
    """ValueError with a clear message when ``path`` has no extension or one matplotlib cannot write."""
    suffix = Path(path).suffix.lower().lstrip(".")
    known = formats()
    if not suffix:
        raise ValueError(f"{path!r} has no extension: give one of .{', .'.join(known)}")
    if suffix not in known:
        raise ValueError(f"cannot write {path!r}: .{suffix} is no format matplotlib writes (it writes .{', .'.join(known)})")


def signed_tick(value: float, _position=None) -> str:
    if abs(value) < 1e-9:
        return "0"
    return f"{value:+g}".replace("-", MINUS)


def month_tick(value: float, position=None) -> str:
    """A date tick as a reader says it: "Oct", and the year under the first tick and under January ("Jan\n2026");
    a day when the ticks are days."""
    day = mdates.num2date(value)
    text = day.strftime("%b") if day.day == 1 else day.strftime("%d %b")
    return f"{text}\n{day.year}" if position == 0 or (day.month == 1 and day.day == 1) else text


def event_day(e: dict) -> date | None:
    """Where an event stands on the time axis: its day; an intention on the day it was stated; a coarser date
    in the middle of the month it counts in."""
    value = (e.get("date") or "")[:10]
    if e.get("modality") in ("intent", "future") and e.get("reported"):
        value = e["reported"][:10]
    try:
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value)
        return date.fromisoformat((e.get("month") or "")[:7] + "-15")
    except ValueError:
        return None


def _overlaps(box, placed: list) -> bool:
    return any(box.overlaps(other) for other in placed)


def place_labels(fig, ax, points: list[tuple[date, float, str, float]]) -> int:
    """Label each point where its text overlaps no marker and no label placed before (nearest first: above,
    below, further up, further down …); returns how many labels found no free place and were left off."""
    renderer = fig.canvas.get_renderer()
    placed = []
    for x, y, _text, size in points:            # the markers are obstacles too
        cx, cy = ax.transData.transform((mdates.date2num(x), y))
        r = (size ** 0.5) / 2 * fig.dpi / 72
        placed.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    left_off = 0
    for x, y, text, _size in sorted(points, key=lambda p: (p[0], -p[1])):
        for step in range(LABEL_STEPS):
            dy = (4 + 9 * (step // 2)) * (1 if step % 2 == 0 else -1) - (0 if step % 2 == 0 else 6)
            label = ax.annotate(text, (x, y), fontsize=6, xytext=(5, dy), textcoords="offset points")
            box = label.get_window_extent(renderer).expanded(1.02, 1.1)
            if not _overlaps(box, placed):
                placed.append(box)
                break
            label.remove()
        else:
            left_off += 1
    return left_off


def plot(t: dict, path: str) -> str:
    """Draw the timeline ``t`` (``svodka.link.timeline.timeline``) into ``path`` (png, svg, pdf … by its
    extension; ValueError for one matplotlib cannot write). Returns the path."""
    check_path(path)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7.5), sharex=True, gridspec_kw={"height_ratios": [1, 1.3]})
    rows = t["series"]
    if rows:
        xs = [date.fromisoformat(r["month"] + "-15") for r in rows]
        up, down = [0] * len(rows), [0] * len(rows)
        for q in (1, 2, 3, 4):
            vals = [r["quad"][q] for r in rows]
            if q <= 2:
                top.bar(xs, vals, width=20, bottom=up, color=COLORS[q], label=QUADS[q])
                up = [u + v for u, v in zip(up, vals)]
            else:
                top.bar(xs, [-v for v in vals], width=20, bottom=down, color=COLORS[q], label=QUADS[q])
                down = [d - v for d, v in zip(down, vals)]
        top.axhline(0, color="black", linewidth=0.6)
        top.yaxis.set_major_locator(MaxNLocator(integer=True))
        top.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{abs(v):g}"))     # counts both ways
        twin = top.twinx()
        mx = [x for x, r in zip(xs, rows) if r["goldstein_mean"] is not None]
        my = [r["goldstein_mean"] for r in rows if r["goldstein_mean"] is not None]
        twin.plot(mx, my, color="#2166ac", marker="o", linewidth=1.5, label="mean Goldstein")
        twin.set_ylim(-10.5, 10.5)
        twin.yaxis.set_major_formatter(FuncFormatter(signed_tick))
        twin.set_ylabel(f"mean Goldstein ({MINUS}10 … +10)")
        handles, labels = top.get_legend_handles_labels()
        h2, l2 = twin.get_legend_handles_labels()
        top.legend(handles + h2, labels + l2, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7, ncol=5,
                   frameon=False)       # above the bars, never over them
    top.set_ylabel("events a month\n(cooperation ↑, conflict ↓)")
    fig.suptitle(f"{t['a']['name']} — {t['b']['name']}: {len(t['events'])} events")
    points, unplaced = draw_events(bottom, t["events"])
    finish(fig, bottom, points, [f"{unplaced} of {count_en(len(t['events']), 'event')} without a date or Goldstein "
                                 "value: not drawn"] if unplaced else [], path)
    return path


def draw_events(ax, events: list[dict]) -> tuple[list[tuple], int]:
    """Every event as a point (date × Goldstein; size by sources; a diamond for an intention, hollow for a
    negated one) on titled, signed axes; returns (the points to label, how many events could not be placed)."""
    points, unplaced = [], 0
    for e in events:
        x = event_day(e)
        if x is None or e.get("goldstein") is None:
            unplaced += 1
            continue
        negated = e.get("modality") == "negated"
        size = 30 + 25 * (e.get("num_sources") or 1)
        ax.scatter([x], [e["goldstein"]], s=size,
                   color="none" if negated else COLORS.get(e.get("quad_class"), "grey"), alpha=0.8,
                   edgecolors=COLORS.get(e.get("quad_class"), "black") if negated else "black", linewidths=0.8,
                   marker="o" if e.get("modality") in ("fact", "claim", None) else "D")
        points.append((x, e["goldstein"], f"{e['type']} {e.get('cameo') or ''}".strip(), size))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_ylim(-10.5, 10.5)
    ax.yaxis.set_major_formatter(FuncFormatter(signed_tick))
    ax.set_ylabel(f"Goldstein scale ({MINUS}10 … +10)\nmarker size: sources")
    ax.set_xlabel("date (an event without a day: mid-month)")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=14))
    ax.xaxis.set_major_formatter(FuncFormatter(month_tick))
    ax.legend(handles=[Line2D([], [], marker="o", linestyle="", color="grey", label="reported as fact"),
                       Line2D([], [], marker="D", linestyle="", color="grey", label="intended or future"),
                       Line2D([], [], marker="o", linestyle="", markerfacecolor="none", color="grey",
                              label="negated")], loc="lower left", fontsize=7, ncol=3)
    return points, unplaced


def finish(fig, ax, points: list[tuple], notes: list[str], path: str) -> None:
    """Lay the figure out, label the points where they fit, write what was left out under it, save and close."""
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    left_off = place_labels(fig, ax, points) if points else 0
    if left_off:
        notes = notes + [f"{count_en(left_off, 'label')} left off for room (every point is drawn)"]
    if notes:
        fig.text(0.01, 0.01, "; ".join(notes), fontsize=7, color="#444")
    fig.savefig(path)
    plt.close(fig)


__all__ = ["plot", "check_path", "formats", "draw_events", "finish", "place_labels", "event_day", "signed_tick",
           "month_tick"]
