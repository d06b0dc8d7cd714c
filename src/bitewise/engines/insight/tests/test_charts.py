from __future__ import annotations

from xml.etree import ElementTree

from bitewise.engines.insight.charts import (
    WIDTH,
    Bar,
    Point,
    Series,
    bar_chart,
    line_chart,
    text_width,
)

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


def _texts(root: ElementTree.Element) -> dict[str, tuple[float, float]]:
    return {
        t.text or "": (float(t.get("x", 0)), float(t.get("y", 0))) for t in root.iter(f"{SVG}text")
    }


def test_a_long_legend_wraps_under_the_x_labels_and_stays_inside_the_chart() -> None:
    names = [
        "Revenue recognition (ASC …",
        "Clinical handoff communic…",
        "Month-end close and recon…",
    ]
    svg = line_chart(
        [Series(name, [Point(7, 0.8), Point(90, 0.6)]) for name in names],
        x_labels=[(7, "7 days"), (90, "90 days")],
        title="t",
        desc="d",
        chart_id="c",
        y_label="Share answered right",
    )
    root = ElementTree.fromstring(svg)
    texts = _texts(root)
    legend = sorted((texts[name][1], texts[name][0], name) for name in names)
    assert len({y for y, _, _ in legend}) == 2  # two rows: three names do not fit one
    for y, x, name in legend:
        assert x + text_width(name, 12) <= WIDTH
        assert y - 12 > texts["7 days"][1]  # below the x labels
    (_, x0, first), (_, x1, _) = legend[0], legend[1]
    assert x0 + text_width(first, 12) < x1 - 30  # the second's line starts after the first
    height = float((root.get("viewBox") or "").split()[3])
    assert legend[-1][0] < texts["Share answered right"][1] - 12 < height - 12


def test_a_long_bar_label_is_cut_to_fit_left_of_its_bar() -> None:
    svg = bar_chart(
        [Bar("Privacy by design: a 10-minute webinar on consent", 4, "4")],
        title="t",
        desc="d",
        chart_id="c",
    )
    root = ElementTree.fromstring(svg)
    label = next(t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end")
    assert (label.text or "").startswith("Privacy by design") and (label.text or "").endswith("…")
    assert text_width(label.text or "", 13) <= float(label.get("x", 0))
