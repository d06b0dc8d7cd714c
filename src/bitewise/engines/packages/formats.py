"""The manifests and the zip: SCORM 1.2 (imsmanifest.xml, IMS CP 1.1.2 + ADL CP 1.2),
SCORM 2004 4th edition (imsmanifest.xml, IMS CP 1.1 + ADL CP 1.3 + IMS SS) and cmi5
(cmi5.xml, the cmi5 course structure).

https://adlnet.gov/projects/scorm/ · https://github.com/AICC/CMI-5_Spec_Current
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Literal
from xml.etree import ElementTree as ET

from bitewise.engines.packages.course import PackageCourse, asset, index_html

Standard = Literal["scorm12", "scorm2004", "cmi5"]
STANDARDS: tuple[Standard, ...] = ("scorm12", "scorm2004", "cmi5")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _files(course: PackageCourse) -> list[str]:
    return ["index.html", "runtime.js", "course.css", *(f"media/{n}" for n, _ in course.media)]


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    body: bytes = ET.tostring(element, encoding="utf-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _scorm_manifest(
    course: PackageCourse,
    *,
    namespaces: dict[str, str],
    schema_location: str,
    version: str,
    schema_version: str,
    scorm_type: str,
    mastery: Callable[[ET.Element], None],
) -> bytes:
    """One SCORM manifest: a single organization with one item played by one SCO.
    ``namespaces`` maps prefix to URI, "" being content packaging's and "adlcp" ADL's;
    ``mastery`` adds the pass mark to the item when the course is assessed."""
    for prefix, uri in (*namespaces.items(), ("xsi", XSI)):
        ET.register_namespace(prefix, uri)
    cp, adlcp = namespaces[""], namespaces["adlcp"]
    manifest = ET.Element(
        f"{{{cp}}}manifest",
        {
            "identifier": course.identifier,
            "version": version,
            f"{{{XSI}}}schemaLocation": schema_location,
        },
    )
    metadata = ET.SubElement(manifest, f"{{{cp}}}metadata")
    ET.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{cp}}}schemaversion").text = schema_version
    organizations = ET.SubElement(manifest, f"{{{cp}}}organizations", {"default": "org"})
    organization = ET.SubElement(organizations, f"{{{cp}}}organization", {"identifier": "org"})
    ET.SubElement(organization, f"{{{cp}}}title").text = course.title
    item = ET.SubElement(
        organization, f"{{{cp}}}item", {"identifier": "item", "identifierref": "sco"}
    )
    ET.SubElement(item, f"{{{cp}}}title").text = course.title
    if course.has_assessment:
        mastery(item)
    resources = ET.SubElement(manifest, f"{{{cp}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{cp}}}resource",
        {
            "identifier": "sco",
            "type": "webcontent",
            f"{{{adlcp}}}{scorm_type}": "sco",
            "href": "index.html",
        },
    )
    for name in _files(course):
        ET.SubElement(resource, f"{{{cp}}}file", {"href": name})
    return _xml(manifest)


def scorm12_manifest(course: PackageCourse) -> bytes:
    cp = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    adlcp = "http://www.adlnet.org/xsd/adlcp_rootv1p2"

    def mastery(item: ET.Element) -> None:
        ET.SubElement(item, f"{{{adlcp}}}masteryscore").text = str(course.pass_percent)

    return _scorm_manifest(
        course,
        namespaces={"": cp, "adlcp": adlcp},
        schema_location=f"{cp} imscp_rootv1p1p2.xsd {adlcp} adlcp_rootv1p2.xsd",
        version="1.0",
        schema_version="1.2",
        scorm_type="scormtype",
        mastery=mastery,
    )


def scorm2004_manifest(course: PackageCourse) -> bytes:
    cp = "http://www.imsglobal.org/xsd/imscp_v1p1"
    adlcp = "http://www.adlnet.org/xsd/adlcp_v1p3"
    imsss = "http://www.imsglobal.org/xsd/imsss"

    def mastery(item: ET.Element) -> None:
        sequencing = ET.SubElement(item, f"{{{imsss}}}sequencing")
        objectives = ET.SubElement(sequencing, f"{{{imsss}}}objectives")
        primary = ET.SubElement(
            objectives,
            f"{{{imsss}}}primaryObjective",
            {"objectiveID": "passed", "satisfiedByMeasure": "true"},
        )
        ET.SubElement(
            primary, f"{{{imsss}}}minNormalizedMeasure"
        ).text = f"{course.pass_percent / 100:.2f}"

    return _scorm_manifest(
        course,
        namespaces={"": cp, "adlcp": adlcp, "imsss": imsss},
        schema_location=f"{cp} imscp_v1p1.xsd {adlcp} adlcp_v1p3.xsd {imsss} imsss_v1p0.xsd",
        version="1",
        schema_version="2004 4th Edition",
        scorm_type="scormType",
        mastery=mastery,
    )


def cmi5_course_structure(course: PackageCourse) -> bytes:
    ns = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
    ET.register_namespace("", ns)

    def text(parent: ET.Element, name: str, value: str) -> None:
        ET.SubElement(
            ET.SubElement(parent, f"{{{ns}}}{name}"), f"{{{ns}}}langstring", {"lang": "en-US"}
        ).text = value

    structure = ET.Element(f"{{{ns}}}courseStructure")
    course_element = ET.SubElement(
        structure, f"{{{ns}}}course", {"id": f"{course.activity_id}/course"}
    )
    text(course_element, "title", course.title)
    text(course_element, "description", course.description or course.title)
    attributes = {"id": course.activity_id, "moveOn": "Completed"}
    if course.has_assessment:
        attributes.update(
            {"moveOn": "CompletedAndPassed", "masteryScore": f"{course.pass_percent / 100:.2f}"}
        )
    au = ET.SubElement(structure, f"{{{ns}}}au", attributes)
    text(au, "title", course.title)
    text(au, "description", course.description or course.title)
    ET.SubElement(au, f"{{{ns}}}url").text = "index.html"
    return _xml(structure)


MANIFESTS = {
    "scorm12": ("imsmanifest.xml", scorm12_manifest),
    "scorm2004": ("imsmanifest.xml", scorm2004_manifest),
    "cmi5": ("cmi5.xml", cmi5_course_structure),
}


def package_zip(course: PackageCourse, standard: Standard) -> bytes:
    """The package as zip bytes: the manifest at the root, the page, runtime and media."""
    if standard not in MANIFESTS:
        raise ValueError(f"unknown package standard {standard!r}")
    for name, _ in course.media:
        if not _SAFE_NAME.match(name):
            raise ValueError(f"unsafe media file name {name!r}")
    manifest_name, build = MANIFESTS[standard]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(manifest_name, build(course))
        archive.writestr("index.html", index_html(course, standard=standard))
        archive.writestr("runtime.js", asset("runtime.js"))
        archive.writestr("course.css", asset("course.css"))
        for name, content in course.media:
            archive.writestr(f"media/{name}", content)
    return buffer.getvalue()
