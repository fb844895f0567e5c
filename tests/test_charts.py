"""SVG charts: deterministic, escaped, and drawn from the values given."""

from __future__ import annotations

from xml.etree import ElementTree

from briefing import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_timeline_is_deterministic_and_well_formed() -> None:
    spans = [charts.Span("1. Dunkerque", 13, 16), charts.Span("2. Caen", 20, 20)]
    one = charts.timeline_svg(spans, 30, "Les visites du mois")
    assert one == charts.timeline_svg(list(spans), 30, "Les visites du mois")
    root = ElementTree.fromstring(one)
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2
    widths = [float(bar.get("width", 0)) for bar in bars]
    assert abs(widths[0] - 4 * widths[1]) < 0.5  # four days against one (rounded to 0.1)
    title = root.find(f"{SVG}title")
    assert (
        title is not None
        and title.text == "Les visites du mois — 1. Dunkerque (13–16); 2. Caen (20–20)"
    )


def test_days_outside_the_month_are_clipped() -> None:
    svg = charts.timeline_svg([charts.Span("x", -3, 45)], 30, "t")
    bar = ElementTree.fromstring(svg).find(f"{SVG}rect")
    assert bar is not None
    assert float(bar.get("x", 0)) == charts.LABEL_WIDTH
    assert float(bar.get("x", 0)) + float(bar.get("width", 0)) <= charts.WIDTH


def test_text_is_escaped() -> None:
    nasty = '</text><script>alert("x")</script>&'
    svg = charts.bar_chart_svg([charts.Bar(nasty, 2)], nasty)
    root = ElementTree.fromstring(svg)  # still well-formed XML
    assert root.find(f"{SVG}script") is None
    assert "<script>" not in svg


def test_bars_are_ordered_by_count_then_label() -> None:
    bars = charts.count_labels([("Thương mại", "Đầu tư"), ("Đầu tư",), ("Giáo dục", "Đầu tư")])
    svg = charts.bar_chart_svg(bars, "Lĩnh vực")
    labels = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")][::2]
    assert labels == ["Đầu tư", "Giáo dục", "Thương mại"]


def test_long_labels_are_shortened() -> None:
    assert charts.shorten("Dunkerque " * 10).endswith("…")
    assert len(charts.shorten("Dunkerque " * 10)) == charts.MAX_LABEL
    assert charts.shorten("Caen") == "Caen"
