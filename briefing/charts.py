"""Charts drawn by the program as SVG from the facts of one month.

In: plain values already localised by the caller (labels, titles, day numbers).
Out: a standalone ``<svg>`` string, deterministic (same input, same bytes) with every
piece of text XML-escaped, ready to be inlined in the edition's HTML.

Two pictures: the month's visits on a timeline (one bar per visit from its first to its
last day) and the sectors of cooperation across visits as a horizontal bar chart.
SVG text does not wrap, so long labels are shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 600
LABEL_WIDTH = 210
ROW = 16
TOP = 4
MAX_LABEL = 34
INK = "#1f2d3d"
ACCENT = "#b5412c"
GRID = "#c9ced6"
FONT = "Be Vietnam Pro, DejaVu Sans, sans-serif"


@dataclass(frozen=True)
class Span:
    """One bar of the timeline: a visit from day `start` to day `end` of the month."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Bar:
    """One bar of the bar chart: a label and how many visits it counts."""

    label: str
    value: int


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """Cut `text` to `limit` characters, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Presentation attributes rather than a <style> element: every SVG reader understands them.
STYLES = {
    "": f'font-size="10" fill="{INK}"',
    "t": f'font-size="12" font-weight="bold" fill="{INK}"',
    "s": 'font-size="9" fill="#5b6675"',
}


def _text(x: float, y: float, body: str, anchor: str = "start", cls: str = "") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-family="{FONT}" '
        f"{STYLES[cls]}>{escape(body)}</text>"
    )


def _frame(height: int, title: str, summary: str, body: list[str]) -> str:
    # <title> becomes the tagged PDF's alternate text: it carries the data, not just a name.
    alt = f"{title} — {summary}" if summary else title
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}">'
        f"<title>{escape(alt)}</title>"
    )
    return head + "".join(body) + "</svg>"


def timeline_svg(spans: Sequence[Span], days_in_month: int, title: str) -> str:
    """Draw the visits of a month as bars over its days (days outside are clipped)."""
    plot = WIDTH - LABEL_WIDTH - 10
    step = plot / days_in_month
    height = TOP + ROW * max(len(spans), 1) + 22
    body = [_day_ticks(days_in_month, step, height)]
    for row, span in enumerate(spans):
        y = TOP + row * ROW
        first = min(max(span.start, 1), days_in_month)
        last = min(max(span.end, first), days_in_month)
        x = LABEL_WIDTH + (first - 1) * step
        body.append(_text(LABEL_WIDTH - 6, y + 11, shorten(span.label), "end"))
        body.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{(last - first + 1) * step:.1f}" '
            f'height="{ROW - 6}" rx="2" fill="{ACCENT}"/>'
        )
    summary = "; ".join(f"{s.label} ({s.start}–{s.end})" for s in spans)
    return _frame(height, title, summary, body)


def _day_ticks(days: int, step: float, height: int) -> str:
    parts = []
    for day in range(1, days + 1):
        x = LABEL_WIDTH + (day - 0.5) * step
        # 1, 5, 10... and the last day unless it would crowd the previous tick.
        if day == 1 or day % 5 == 0 or (day == days and days % 5 >= 2):
            parts.append(
                f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{height - 18}" '
                f'stroke="{GRID}" stroke-width="0.5"/>'
            )
            parts.append(_text(x, height - 6, str(day), "middle", "s"))
    return "".join(parts)


def bar_chart_svg(bars: Sequence[Bar], title: str) -> str:
    """Draw horizontal bars, longest first, each labelled with its value."""
    ordered = sorted(bars, key=lambda bar: (-bar.value, bar.label))
    top = max((bar.value for bar in ordered), default=1) or 1
    plot = WIDTH - LABEL_WIDTH - 40
    height = TOP + ROW * max(len(ordered), 1) + 6
    body = []
    for row, bar in enumerate(ordered):
        y = TOP + row * ROW
        length = plot * bar.value / top
        body.append(_text(LABEL_WIDTH - 6, y + 11, shorten(bar.label), "end"))
        body.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" '
            f'height="{ROW - 6}" rx="2" fill="{INK}"/>'
        )
        body.append(_text(LABEL_WIDTH + length + 4, y + 11, str(bar.value), cls="s"))
    summary = "; ".join(f"{bar.label}: {bar.value}" for bar in ordered)
    return _frame(height, title, summary, body)


def count_labels(groups: Sequence[Sequence[str]]) -> list[Bar]:
    """Count in how many groups (visits) each label appears."""
    counts: dict[str, int] = {}
    for labels in groups:
        for label in set(labels):
            counts[label] = counts.get(label, 0) + 1
    return [Bar(label, value) for label, value in sorted(counts.items())]
