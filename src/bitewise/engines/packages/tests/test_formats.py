from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from bitewise.engines.packages.course import (
    PackageChoice,
    PackageCourse,
    PackageLesson,
    PackageQuestion,
)
from bitewise.engines.packages.formats import package_zip

COURSE = PackageCourse(
    identifier="bitewise-handoffs-v2",
    activity_id="https://x.org/xapi/activities/micro-credential/4",
    title='Handoffs "<safe>"',
    description="",
    lessons=(PackageLesson(1, "One", "<p>Hi</p>", media_name="lesson-1.mp3", media_kind="audio"),),
    questions=(PackageQuestion(5, "Why?", (PackageChoice(6, "So", True),), is_multiple=False),),
    pass_percent=70,
    media=(("lesson-1.mp3", b"ID3"),),
)


def names(data: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(data)).namelist())


@pytest.mark.parametrize(
    ("standard", "manifest"),
    [("scorm12", "imsmanifest.xml"), ("scorm2004", "imsmanifest.xml"), ("cmi5", "cmi5.xml")],
    ids=["scorm12", "scorm2004", "cmi5"],
)
def test_each_package_has_its_manifest_page_runtime_and_media(standard: str, manifest: str) -> None:
    data = package_zip(COURSE, standard)  # type: ignore[arg-type]
    assert names(data) == {manifest, "index.html", "runtime.js", "course.css", "media/lesson-1.mp3"}
    archive = zipfile.ZipFile(io.BytesIO(data))
    ET.fromstring(archive.read(manifest))  # well-formed XML, the title escaped
    page = archive.read("index.html").decode()
    assert "Handoffs &quot;&lt;safe&gt;&quot;" in page and f'data-standard="{standard}"' in page
    assert "http" not in page.replace(COURSE.activity_id, "")  # nothing from another origin


def test_cmi5_without_an_assessment_moves_on_when_completed() -> None:
    course = PackageCourse(**{**COURSE.__dict__, "questions": (), "media": (), "lessons": ()})
    archive = zipfile.ZipFile(io.BytesIO(package_zip(course, "cmi5")))
    au = ET.fromstring(archive.read("cmi5.xml")).find(
        "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}au"
    )
    assert au is not None and au.get("moveOn") == "Completed" and au.get("masteryScore") is None


def test_an_unknown_standard_or_an_unsafe_media_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown package standard"):
        package_zip(COURSE, "aicc")  # type: ignore[arg-type]
    unsafe = PackageCourse(**{**COURSE.__dict__, "media": (("../evil.js", b""),)})
    with pytest.raises(ValueError, match="unsafe media file name"):
        package_zip(unsafe, "scorm12")
