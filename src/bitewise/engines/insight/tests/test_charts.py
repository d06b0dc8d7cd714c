from __future__ import annotations

from xml.etree import ElementTree

from bitewise.engines.insight.charts import Bar, Point, Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_is_well_formed_svg_with_title_and_escaped_labels() -> None:
    svg = bar_chart(
        [Bar("<script>x</script>", 10, "10"), Bar("B", 5, "5")],
        title="Issued & revoked",
        desc="Two bars",
        chart_id="c1",
    )
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Issued & revoked"  # type: ignore[union-attr]
    assert "<script>" not in svg
    widths = [float(r.get("width", 0)) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]


def test_a_line_breaks_where_a_group_is_hidden() -> None:
    series = Series("Observed", [Point(7, 0.8, 0.7, 0.9), Point(30, None), Point(90, 0.5)])
    svg = line_chart(
        [series],
        x_labels=[(7, "7 d"), (30, "30 d"), (90, "90 d")],
        title="t",
        desc="d",
        chart_id="c",
    )
    root = ElementTree.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    assert len(list(root.iter(f"{SVG}polyline"))) == 0  # no two neighbouring points
