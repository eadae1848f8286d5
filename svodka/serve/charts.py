"""Charts as server-side SVG: no JavaScript, no external service, nothing to load.

``bars(series)`` — counts per month (a dossier's mentions over time);
``balance(months)`` — cooperation above the axis and conflict below it, per month (a timeline of
two actors), with the net Goldstein value as a line.

Every label goes through ``escape``; colours are presentation attributes (the pages' Content
Security Policy allows no inline styles).
"""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from ..edtf import human
from ..lang.calendar import MONTHS_EN, MONTHS_RU

W, H = 720, 240
PAD_L, PAD_R, PAD_T, PAD_B = 58, 14, 16, 52      # room for the axis titles beside and under the plot
MINUS = "\u2212"                                 # a real minus sign: "−8", not a hyphen


def signed(value: float, digits: int = 1) -> str:
    """A value with its sign, as a scale from −10 to +10 reads: "+2.5", "−8.0", "0"."""
    if abs(value) < 0.5 * 10 ** -digits:
        return "0"
    return f"{value:+.{digits}f}".replace("-", MINUS)


def month_of(value: str | None) -> str | None:
    """YYYY-MM of an EDTF or ISO date ("2025-12-24", "2025-12", "2025-12-15/2025-12-21"), else None."""
    if not value or len(value) < 7:
        return None
    head = value.split("/", 1)[0][:7]
    try:
        year, month = int(head[:4]), int(head[5:7])
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" if head[4] == "-" and 1 <= month <= 12 else None


def month_range(first: str, last: str, cap: int = 240) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), at most ``cap`` (the last ones)."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out[-cap:]


def fill_months(counts: dict[str, float]) -> list[tuple[str, float]]:
    months = sorted(k for k in counts if month_of(k))
    if not months:
        return []
    return [(m, counts.get(m, 0)) for m in month_range(months[0], months[-1])]


def _nice(top: float) -> float:
    if top <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000):
        if top <= step * 4:
            return step * 4 if top > step * 2 else max(step * 2, top)
    return top


def _label_every(n: int, width: float) -> int:
    room = max(1, int(width // 46))
    return max(1, -(-n // room))


def _svg(title: str, body: list[str], cls: str) -> Markup:
    return Markup(
        f'<svg class="chart {cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
        + "".join(body) + "</svg>")


def _axis_titles(body: list[str], left: str, bottom: str, right: str = "", right_x: float = W - 4) -> None:
    """Axis titles: the left (and right) one turned along its axis, the bottom one centred under the plot."""
    mid_y = PAD_T + (H - PAD_T - PAD_B) / 2
    if left:
        body.append(f'<text x="14" y="{mid_y:.1f}" text-anchor="middle" class="axis-title" '
                    f'transform="rotate(-90 14 {mid_y:.1f})">{escape(left)}</text>')
    if right:
        body.append(f'<text x="{right_x:.1f}" y="{mid_y:.1f}" text-anchor="middle" class="axis-title" '
                    f'transform="rotate(90 {right_x:.1f} {mid_y:.1f})">{escape(right)}</text>')
    if bottom:
        body.append(f'<text x="{PAD_L + (W - PAD_L - PAD_R) / 2:.1f}" y="{H - 6}" text-anchor="middle" '
                    f'class="axis-title">{escape(bottom)}</text>')


def _month_tick(body: list[str], x: float, label: str, first: bool, lang: str) -> None:
    """A month under the axis as a reader says it — "Dec", the year under January and the first month —,
    other labels as they are (cut to 8 characters)."""
    y = H - PAD_B + 15
    if len(label) == 7 and label[4] == "-" and label[5:].isdigit() and 1 <= int(label[5:]) <= 12:
        name = (MONTHS_RU if lang == "ru" else MONTHS_EN)[int(label[5:]) - 1][:3]
        year = f'<tspan x="{x:.1f}" dy="13">{label[:4]}</tspan>' if first or label[5:] == "01" else ""
        body.append(f'<text x="{x:.1f}" y="{y}" text-anchor="middle" class="tick">{escape(name)}{year}</text>')
    else:
        body.append(f'<text x="{x:.1f}" y="{y}" text-anchor="middle" class="tick">{escape(label[:8])}</text>')


def bars(series: list[tuple[str, float]], title: str, *, amount: Callable[[float], str] | None = None,
         y_title: str = "", x_title: str = "", lang: str = "en") -> Markup:
    """A bar per (label, value); labels are months (YYYY-MM) or any short text. ``amount``: a value as a bar's
    tooltip says it, with its unit ("3 articles"); ``y_title``, ``x_title``: the axes' titles."""
    amount = amount or _num
    plot_w, plot_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    body: list[str] = []
    if not series:
        body.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="empty">—</text>')
        return _svg(title, body, "bars")
    top = _nice(max(v for _, v in series))
    n = len(series)
    slot = plot_w / n
    bar = max(1.0, slot * 0.72)
    for frac in (0, 0.5, 1):
        y = PAD_T + plot_h * (1 - frac)
        body.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid" stroke="#d9dde3"/>')
        body.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_num(top * frac)}</text>')
    every = _label_every(n, plot_w)
    for i, (label, value) in enumerate(series):
        h = plot_h * (value / top) if top else 0
        x = PAD_L + i * slot + (slot - bar) / 2
        y = PAD_T + plot_h - h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" class="bar" fill="#3b6fb6">'
                    f'<title>{escape(human(label, lang))}: {escape(amount(value))}</title></rect>')
        if i % every == 0:
            _month_tick(body, x + bar / 2, label, i == 0, lang)
    _axis_titles(body, y_title, x_title)
    return _svg(title, body, "bars")


def balance(rows: list[dict], title: str, *, labels: tuple[str, str, str] = ("cooperation", "conflict", "mean Goldstein"),
            y_titles: tuple[str, str] = ("events a month", "mean Goldstein"),
            x_title: str = "month", amount: Callable[[float], str] | None = None, lang: str = "en") -> Markup:
    """A timeline's months (``{month, cooperation, conflict, goldstein_mean}``): cooperation events
    as green bars up, conflict events as red bars down (left axis: events), and the mean Goldstein
    value of the month as a line with dots (right axis, −10 … +10, signed). ``amount``: a count of events as a
    tooltip says it ("3 events")."""
    amount = amount or _num
    plot_w, plot_h = W - PAD_L - PAD_R - 44, H - PAD_T - PAD_B
    body: list[str] = []
    if not rows:
        body.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="empty">—</text>')
        return _svg(title, body, "balance")
    top = _nice(max([r.get("cooperation") or 0 for r in rows] + [r.get("conflict") or 0 for r in rows] + [1]))
    mid = PAD_T + plot_h / 2
    half = plot_h / 2
    right = PAD_L + plot_w
    n = len(rows)
    slot = plot_w / n
    bar = max(1.0, slot * 0.6)
    for frac in (-1, -0.5, 0, 0.5, 1):
        y = mid - half * frac
        body.append(f'<line x1="{PAD_L}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" '
                    f'class="{"axis" if frac == 0 else "grid"}" stroke="{"#7a8391" if frac == 0 else "#d9dde3"}"/>')
        if frac in (-1, 0, 1):
            body.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_num(abs(top * frac))}</text>')
        body.append(f'<text x="{right + 6}" y="{y + 4:.1f}" text-anchor="start" class="tick">{signed(10 * frac, 0)}</text>')
    every = _label_every(n, plot_w)
    points = []
    for i, r in enumerate(rows):
        label = str(r.get("month") or "")
        coop, conf = r.get("cooperation") or 0, r.get("conflict") or 0
        x = PAD_L + i * slot + (slot - bar) / 2
        if coop:
            h = half * coop / top
            body.append(f'<rect x="{x:.1f}" y="{mid - h:.1f}" width="{bar:.1f}" height="{h:.1f}" class="coop" '
                        f'fill="#2e8b57"><title>{escape(human(label, lang))}: {escape(labels[0])}: {escape(amount(coop))}</title></rect>')
        if conf:
            h = half * conf / top
            body.append(f'<rect x="{x:.1f}" y="{mid:.1f}" width="{bar:.1f}" height="{h:.1f}" class="conflict" '
                        f'fill="#c0392b"><title>{escape(human(label, lang))}: {escape(labels[1])}: {escape(amount(conf))}</title></rect>')
        mean = r.get("goldstein_mean")
        if isinstance(mean, (int, float)):
            points.append((x + bar / 2, mid - half * max(-10.0, min(10.0, mean)) / 10, label, mean))
        if i % every == 0:
            _month_tick(body, x + bar / 2, label, i == 0, lang)
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="#1f3b63" stroke-width="1.5" class="mean"/>')
    for x, y, label, mean in points:
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#1f3b63" class="dot"><title>{escape(human(label, lang))}: '
                    f'{escape(labels[2])} {signed(mean)}</title></circle>')
    _axis_titles(body, y_titles[0], x_title, y_titles[1], right_x=W - 8)
    return _svg(title, body, "balance")


def _num(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.1f}"
