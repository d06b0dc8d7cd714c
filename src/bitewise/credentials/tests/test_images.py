"""The badge artwork is well-formed SVG whatever the achievement's title or issuer says:
a title is author-written and ends up in a file that learners open and other sites show."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from bitewise.credentials.images import badge_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    "title",
    [
        'First aid" onload="alert(document.domain)',  # would add a handler to <svg>
        'The "ABC" of triage',  # would make the file unreadable
        "Quotes ' and \" and <b>tags</b> & ampersands",
    ],
)
def test_a_title_cannot_add_attributes_or_elements_to_the_badge(title: str) -> None:
    issuer = 'Nurses "R" Us <script>alert(2)</script>'

    root = ElementTree.fromstring(badge_svg(title=title, issuer=issuer, kind="micro_credential"))

    assert root.tag == f"{SVG}svg"
    assert "onload" not in root.attrib
    assert root.attrib["aria-label"] == title
    assert [el.tag for el in root.iter() if not el.tag.startswith(SVG)] == []
    assert issuer[:40] in [el.text for el in root.iter(f"{SVG}text")]
