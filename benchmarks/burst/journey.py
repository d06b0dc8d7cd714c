"""One attendee's morning, as their browser makes it: the campaign link to the lesson, the
log-in page, logging in, the lesson, subscribing, both lessons done, the quiz (the
micro-credential's assessment): start, answer every question, submit, the badge page,
then Today, where their review cards are made from those answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from benchmarks.burst.browser import Browser

ANSWER_FORM = re.compile(rb'action="(/m/[^"]+/questions/(\d+)/answer)"')


@dataclass(frozen=True)
class Plan:
    """What every attendee is sent to, and what they answer."""

    slug: str
    lesson_ids: tuple[int, ...]
    correct: dict[int, list[int]]  # question id -> the right choice ids
    password: str

    def lesson(self, index: int) -> str:
        return f"/m/{self.slug}/lessons/{self.lesson_ids[index]}/"


async def attendee(browser: Browser, email: str, plan: Plan) -> None:
    """Raises BrowserError at the first step that fails."""
    first = plan.lesson(0)
    await browser.request(
        "log-in page", "GET", f"/accounts/login/?next={first}", marker=b'name="password"'
    )
    await browser.post_and_follow(
        "log in",
        "/accounts/login/",
        form={"username": email, "password": plan.password, "next": first},
        marker=b"You are not subscribed",
    )
    await browser.post_and_follow("subscribe", f"/m/{plan.slug}/subscribe", marker=b"Log out")
    for index in range(len(plan.lesson_ids)):
        last = index + 1 == len(plan.lesson_ids)
        await browser.post_and_follow(
            "lesson done",
            f"{plan.lesson(index)}complete",
            marker=b"Start the assessment" if last else b"Questions on this lesson",
        )
    page = await browser.post_and_follow(
        "start quiz", f"/m/{plan.slug}/assessment/start", marker=b"Submit attempt"
    )
    attempt = ""
    for action, question in ANSWER_FORM.findall(page.body):
        attempt = action.decode().rsplit("/questions/", 1)[0]
        await browser.post_and_follow(
            "answer",
            action.decode(),
            form={"choice": plan.correct[int(question)]},
            marker=b"Submit attempt",
        )
    if not attempt:
        raise AssertionError("the attempt page shows no question")
    await browser.post_and_follow("submit quiz", f"{attempt}/submit", marker=b"You earned")
    await browser.request("today (review cards made)", "GET", "/today/", marker=b'id="h-review"')
