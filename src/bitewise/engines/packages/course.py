"""What goes into a package, and the page and runtime every format shares."""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class PackageChoice:
    id: int
    text: str
    is_correct: bool


@dataclass(frozen=True)
class PackageQuestion:
    id: int
    prompt: str
    choices: tuple[PackageChoice, ...]
    is_multiple: bool


@dataclass(frozen=True)
class PackageLesson:
    id: int
    title: str
    body_html: str  # already sanitized by the site (engines.text.markdown)
    media_name: str = ""  # a file shipped in the package under media/
    media_kind: str = ""  # "audio" or "video"
    media_link: str = ""  # media hosted elsewhere: shown as a link, never loaded


@dataclass(frozen=True)
class PackageCourse:
    identifier: str  # letters, digits, dashes: unique per micro-credential and version
    activity_id: str  # the cmi5 AU's IRI (the xAPI activity id of the micro-credential)
    title: str
    description: str
    lessons: tuple[PackageLesson, ...]
    questions: tuple[PackageQuestion, ...]
    pass_percent: int
    media: tuple[tuple[str, bytes], ...] = ()  # (name under media/, content)

    @property
    def has_assessment(self) -> bool:
        return bool(self.questions)


def asset(name: str) -> bytes:
    """A file shipped with the engine (runtime.js, course.css)."""
    return resources.files("bitewise.engines.packages").joinpath("assets", name).read_bytes()


def _lesson_html(index: int, lesson: PackageLesson) -> str:
    e = html.escape
    media = ""
    if lesson.media_name:
        tag = "video" if lesson.media_kind == "video" else "audio"
        media = f'<{tag} controls preload="metadata" src="media/{e(lesson.media_name)}"></{tag}>'
    elif lesson.media_link:
        media = (
            f'<p class="media-link">This lesson\'s recording is online: '
            f'<a href="{e(lesson.media_link)}" target="_blank" rel="noopener">open it</a>.</p>'
        )
    hidden = "" if index == 0 else " hidden"
    return (
        f'<section class="lesson" data-lesson="{index}"{hidden}>'
        f'<h2>{e(lesson.title)}</h2>{media}<div class="body">{lesson.body_html}</div></section>'
    )


def _question_html(number: int, question: PackageQuestion) -> str:
    e = html.escape
    kind = "checkbox" if question.is_multiple else "radio"
    choices = "".join(
        f'<label class="choice"><input type="{kind}" name="q{question.id}" value="{c.id}"'
        f' data-correct="{"1" if c.is_correct else "0"}"> {e(c.text)}</label>'
        for c in question.choices
    )
    return (
        f'<fieldset class="question" data-question="{question.id}">'
        f"<legend>{number}. {e(question.prompt)}</legend>{choices}</fieldset>"
    )


def index_html(course: PackageCourse, *, standard: str) -> str:
    """The one page of the package: the lessons one at a time, then the assessment."""
    e = html.escape
    lessons = "".join(_lesson_html(i, lesson) for i, lesson in enumerate(course.lessons))
    quiz = ""
    if course.has_assessment:
        questions = "".join(_question_html(n, q) for n, q in enumerate(course.questions, 1))
        quiz = (
            '<section class="assessment" hidden><h2>Assessment</h2>'
            f'<p>Pass mark: {course.pass_percent}%.</p><form id="assessment">{questions}'
            '<button type="submit">Submit answers</button></form></section>'
        )
    return (
        "<!doctype html>\n"
        f'<html lang="en" data-standard="{standard}" data-pass="{course.pass_percent}"'
        f' data-lessons="{len(course.lessons)}" data-activity="{e(course.activity_id)}">'
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{e(course.title)}</title>'
        '<link rel="stylesheet" href="course.css"></head><body><main>'
        f"<h1>{e(course.title)}</h1>{lessons}{quiz}"
        '<nav><button type="button" id="previous">Previous</button>'
        '<span id="position" aria-live="polite"></span>'
        '<button type="button" id="next">Next</button></nav>'
        '<p id="outcome" role="status"></p>'
        '</main><script src="runtime.js"></script></body></html>'
    )
