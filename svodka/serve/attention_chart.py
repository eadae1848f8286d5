"""Attention over time as server-side SVG: one line per series (a query, or a query's site), matching
articles per period on the left axis; each point's title gives the count, the period's total and the share.
The legend is the page's (``legend``: a list under the chart), so that any number of series fits.

No JavaScript; colours are presentation attributes (the Content Security Policy allows no inline styles);
every label goes through ``escape``.
"""
from __future__ import annotations

from markupsafe import Markup, escape

W, H = 720, 250
PAD_L, PAD_R, PAD_T, PAD_B = 52, 14, 14, 46
# distinguishable on white, in this order (two queries: blue and orange)
COLOURS = ("#2f6db5", "#e07b20", "#2e8b57", "#b8336a", "#6a51a3", "#8c6d31", "#17a2b8", "#c0392b", "#7a8391",
           "#4d7c0f", "#d4a017", "#555555")
MARKERS_UP_TO = 60          # periods: beyond this a point per period is clutter, the line alone shows it


def colour(i: int) -> str:
    return COLOURS[i % len(COLOURS)]


def _nice_top(top: float) -> float:
    """The axis maximum: 1, 2 or 5 × a power of ten at or above ``top``."""
    if top <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if top <= step * m:
                return step * m
        step *= 10


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _label(period: str, interval: str) -> str:
    """"2025-12" → "12.25"; "2025-12-24" → "24.12"; with the year when the ticks cross years, kept short."""
    if interval == "month" and len(period) == 7:
        return f"{period[5:]}.{period[2:4]}"
    if len(period) == 10:
        return f"{period[8:]}.{period[5:7]}.{period[2:4]}"
    return period[:8]


def chart(found: dict, title: str, *, words: dict[str, str]) -> Markup:
    """The SVG of ``svodka.link.attention.attention``'s result. ``words``: the axis titles and the point
    title's words, translated (``articles``, ``of``, ``share``, and the interval's name)."""
    periods, series = found["periods"], found["series"]
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    body: list[str] = []
    if not periods or not series:
        body.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="empty">—</text>')
        return _svg(title, body)
    top = _nice_top(max([p["count"] for s in series for p in s["points"]] + [1]))
    n = len(periods)
    step = plot_w / max(1, n - 1) if n > 1 else 0
    x_of = (lambda i: PAD_L + i * step) if n > 1 else (lambda i: PAD_L + plot_w / 2)
    fracs = (0, 0.25, 0.5, 0.75, 1) if top >= 4 and top % 4 == 0 else (0, 0.5, 1)    # whole-number ticks
    for frac in fracs:
        y = PAD_T + plot_h * (1 - frac)
        body.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid" '
                    f'stroke="{"#7a8391" if frac == 0 else "#e3e6eb"}"/>')
        body.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_tick(top * frac)}</text>')
    body.append(f'<text x="14" y="{PAD_T + plot_h / 2:.1f}" text-anchor="middle" class="axis-title" '
                f'transform="rotate(-90 14 {PAD_T + plot_h / 2:.1f})">{escape(words["articles"])}</text>')
    body.append(f'<text x="{PAD_L + plot_w / 2:.1f}" y="{H - 6}" text-anchor="middle" class="axis-title">'
                f'{escape(words[found["interval"]])}</text>')
    every = max(1, -(-n // max(1, int(plot_w // 62))))
    for i, period in enumerate(periods):
        if i % every == 0:
            body.append(f'<text x="{x_of(i):.1f}" y="{H - PAD_B + 16}" text-anchor="middle" class="tick">'
                        f'{escape(_label(period, found["interval"]))}</text>')
    for k, s in enumerate(series):
        c = colour(k)
        points = [(x_of(i), PAD_T + plot_h * (1 - p["count"] / top), p) for i, p in enumerate(s["points"])]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2" '
                        f'class="series series-{k}"><title>{escape(s["label"])}</title></polyline>')
        if n <= MARKERS_UP_TO or len(points) == 1:
            for x, y, p in points:
                share = f'{p["share"] * 100:.1f}'
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{c}" class="dot series-{k}"><title>'
                            f'{escape(s["label"])} · {escape(p["period"])}: {p["count"]} {escape(words["of"])} '
                            f'{p["total"]} ({escape(words["share"])} {share} %)</title></circle>')
    return _svg(title, body)


def legend(found: dict) -> list[dict]:
    """The series as the page lists them under the chart: colour, label, matches, undated."""
    return [{"colour": colour(k), "label": s["label"], "matches": s["matches"], "undated": s["undated"]}
            for k, s in enumerate(found["series"])]


def _svg(title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart attention" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>")
