"""Attention over time as a standalone SVG document: one line per series (a query, or a query's site), matching
articles per period on the left axis, the legend under the plot (each series with its matches, and those
without a date). Each point's title gives the count, the period's total and the share (seen where the SVG is
opened by itself).

The search page shows it as an image (``/search/attention.svg``), so the page does not wait for the counts.
No script, no stylesheet: fonts and colours are presentation attributes; every label goes through ``escape``.
"""
from __future__ import annotations

from markupsafe import escape

W = 720
PLOT_H = 190
PAD_L, PAD_R, PAD_T = 52, 14, 14
AXIS_H = 44                  # tick labels and the axis title under the plot
ROW_H = 18                   # a legend row
CHAR_W = 6.4                 # the legend's text width per character, roughly (11 px sans-serif)
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


def _fractions(top: float) -> tuple[float, ...]:
    """Where the grid lines go, as fractions of the axis: at whole numbers of articles only."""
    for parts in (4, 5, 2):
        if top % parts == 0:
            return tuple(i / parts for i in range(parts + 1))
    return (0, 1)


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _label(period: str, interval: str) -> str:
    """"2025-12" → "12.25"; "2025-12-24" → "24.12.25"."""
    if interval == "month" and len(period) == 7:
        return f"{period[5:]}.{period[2:4]}"
    if len(period) == 10:
        return f"{period[8:]}.{period[5:7]}.{period[2:4]}"
    return period[:8]


def _legend(series: list[dict], words: dict[str, str], top: float) -> tuple[list[str], float]:
    """The legend's SVG pieces from ``top`` down, wrapped into rows; and its height."""
    body, x, y = [], PAD_L, top + 12
    for k, s in enumerate(series):
        label = s["label"] if len(s["label"]) <= 48 else s["label"][:47] + "…"
        text = f"{label} ({s['matches']}" + (f", {s['undated']} {words['undated']}" if s["undated"] else "") + ")"
        width = 22 + CHAR_W * len(text)
        if x > PAD_L and x + width > W - PAD_R:
            x, y = PAD_L, y + ROW_H
        body.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" rx="2" fill="{colour(k)}" class="swatch"/>'
                    f'<text x="{x + 16:.1f}" y="{y:.1f}" class="legend-label">{escape(text)}</text>')
        x += width + 12
    return body, (y - top) + ROW_H / 2 if series else 0


def chart(found: dict, title: str, *, words: dict[str, str]) -> str:
    """The SVG document of ``svodka.link.attention.attention``'s result. ``words``: translated words — the axis
    titles (``articles``, and the interval's name: ``day``, ``week``, ``month``), ``of``, ``share`` and
    ``undated`` for the points' titles and the legend."""
    periods, series = found["periods"], found["series"]
    plot_w = W - PAD_L - PAD_R
    base = PAD_T + PLOT_H                  # the x axis
    body: list[str] = []
    if not periods or not series:
        body.append(f'<text x="{W / 2}" y="{base / 2}" text-anchor="middle" class="empty">—</text>')
        return _svg(title, body, base + AXIS_H)
    top = _nice_top(max([p["count"] for s in series for p in s["points"]] + [1]))
    n = len(periods)
    step = plot_w / (n - 1) if n > 1 else 0
    x_of = (lambda i: PAD_L + i * step) if n > 1 else (lambda i: PAD_L + plot_w / 2)
    fracs = _fractions(top)
    for frac in fracs:
        y = base - PLOT_H * frac
        body.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid" '
                    f'stroke="{"#7a8391" if frac == 0 else "#e3e6eb"}"/>')
        body.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_tick(top * frac)}</text>')
    middle = PAD_T + PLOT_H / 2
    body.append(f'<text x="14" y="{middle:.1f}" text-anchor="middle" class="axis-title" fill="#333" '
                f'transform="rotate(-90 14 {middle:.1f})">{escape(words["articles"])}</text>')
    body.append(f'<text x="{PAD_L + plot_w / 2:.1f}" y="{base + AXIS_H - 8}" text-anchor="middle" class="axis-title" '
                f'fill="#333">{escape(words[found["interval"]])}</text>')
    every = max(1, -(-n // max(1, int(plot_w // 62))))
    for i, period in enumerate(periods):
        if i % every == 0:
            body.append(f'<text x="{x_of(i):.1f}" y="{base + 16}" text-anchor="middle" class="tick">'
                        f'{escape(_label(period, found["interval"]))}</text>')
    for k, s in enumerate(series):
        c = colour(k)
        points = [(x_of(i), base - PLOT_H * p["count"] / top, p) for i, p in enumerate(s["points"])]
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
    legend, height = _legend(series, words, base + AXIS_H)
    body += legend
    return _svg(title, body, base + AXIS_H + height + 6)


def _svg(title: str, body: list[str], height: float) -> str:
    return (f'<svg class="chart attention" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height:.0f}" '
            f'width="{W}" height="{height:.0f}" role="img" aria-label="{escape(title)}" '
            f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="11" fill="#555">'
            f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="#fff"/>'
            + "".join(body) + "</svg>")
