"""Data privacy for any professional."""

from __future__ import annotations

from bitewise.demo.content.shared import _media_body
from bitewise.demo.content.specs import (
    ChoiceSpec,
    LessonSpec,
    QuestionSpec,
)

PRIVACY_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="what-counts-as-personal-data",
        title="What counts as personal data",
        kind="text",
        minutes=4,
        summary="Direct and indirect identifiers, sensitive data, and pseudonymized data.",
        skills=("personal-data-handling",),
        body="""\
Privacy laws differ by country and sector (the EU and UK GDPR, HIPAA for US health care,
a growing list of US state laws), but they share a core idea: **personal data is any
information relating to a person who is identified or can be identified.** This lesson
covers the common ground; your organization's policy tells you which laws apply to you.
It is general guidance, not legal advice.

## Identified, or identifiable

Some data names a person outright: a name, an email address, a member number. Other data
identifies someone only in combination. "A nurse on the night shift at a small rural
hospital who qualified in 2009" may describe exactly one person. IP addresses, device IDs
and location histories are personal data when they can be linked back to someone.

## Some data needs extra care

Many laws give special protection to categories whose misuse can do serious harm, such as
health information, genetic and biometric data, racial or ethnic origin, religious beliefs,
sexual orientation, and criminal records. Continuing-education records can sit close to
this line: a note that a member took a course after a disciplinary finding reveals more
than the course title.

## Pseudonymized is not anonymous

Replacing names with codes lowers risk, but if someone holds the key (or could rebuild it
by matching other fields), the data is still personal data. Truly anonymous data, where no
one can reasonably re-identify a person, falls outside most privacy laws; getting there is
harder than it looks, especially with small groups.

**A useful habit:** before you share a file, ask "could someone work out who this is
about?" If the answer is "maybe", treat it as personal data.
""",
    ),
    LessonSpec(
        slug="webinar-privacy-incident",
        title="Webinar part 4: A privacy incident, minute by minute",
        kind="media",
        minutes=3,
        summary="A misdirected spreadsheet, from the first 'oh no' to the closing report.",
        skills=("personal-data-handling",),
        part=4,
        body=_media_body(
            "In the last part of the webinar, an association's privacy lead walks through "
            "a real-world style incident: a membership spreadsheet emailed to the wrong "
            "address.",
            """\
- The staff member reported it within ten minutes, which made everything after it easier.
- The first steps were containment: a recall attempt, and a polite request to the
  recipient to delete the file and confirm.
- The privacy lead recorded what was sent, to whom, when, and how many people it affected.
- Whether to notify a regulator or the members depended on the risk to them; under the
  GDPR, a notifiable breach goes to the regulator within 72 hours of becoming aware of it.
- The fix was about the process (a shared link with access control instead of an
  attachment), not about blaming the person.""",
        ),
    ),
    LessonSpec(
        slug="minimize-restrict-retain",
        title="Minimize, restrict, retain",
        kind="text",
        minutes=5,
        summary="Three everyday habits that prevent most privacy problems.",
        skills=("personal-data-handling",),
        body="""\
Most privacy incidents are not break-ins. They are ordinary work done with more personal
data than the task needed, shared more widely than it had to be, and kept longer than
anyone remembers. Three habits address all three.

## Minimize

Collect and use only what the task needs. An event sign-up form rarely needs a date of
birth. A report to the board on member growth needs counts, not names. When you export
data, choose the columns rather than taking the whole table "just in case".

## Restrict

Give access on a need-to-know basis, and prefer sharing that you can take back:

- Share a link to a controlled folder instead of attaching a spreadsheet to an email.
- Check the recipient before you press send; autocomplete is behind many misdirected
  emails.
- Keep work data off personal email accounts and unmanaged devices.
- Remove access when people change roles or leave.

## Retain, then dispose

Keep personal data only as long as there is a reason to, and follow your organization's
retention schedule. Old exports on a laptop, last year's conference attendee list in a
shared drive, and scanned forms in a scanner's memory are all personal data still in your
care. Delete them securely when their time is up.

## When something goes wrong

Report it at once to your privacy or data protection contact, even if you are not sure it
counts. Early reporting is what makes containment possible, and some laws set short
deadlines for notifying regulators.
""",
    ),
    LessonSpec(
        slug="check-personal-data",
        title="Check your understanding: personal data",
        kind="quiz",
        minutes=4,
        summary="Three questions on identifying personal data and handling an incident.",
        skills=("personal-data-handling",),
        body="Answer each question; every option comes with an explanation.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt="Which of these is personal data?",
                choices=(
                    ChoiceSpec(
                        "An IP address linked to a member's account",
                        "Right: it relates to a person who can be identified.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "The average age of 12,000 members",
                        "An aggregate over a large group does not identify anyone.",
                    ),
                    ChoiceSpec(
                        "The number of courses published last year",
                        "That is information about the catalog, not about a person.",
                    ),
                    ChoiceSpec(
                        "The city where the annual conference is held",
                        "That describes an event, not a person.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "You emailed a spreadsheet with 40 members' names and phone numbers to "
                    "the wrong external address. What should you do? Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "Report it to your privacy contact right away",
                        "Yes: early reporting makes containment and any notice possible.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Ask the recipient to delete it and confirm they have",
                        "Yes: it is a reasonable containment step, usually led by your "
                        "privacy contact.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Wait to see whether anyone complains",
                        "No: waiting can miss legal deadlines and lets harm grow.",
                    ),
                    ChoiceSpec(
                        "Write down what was sent, to whom and when",
                        "Yes: the facts are needed to judge the risk to the members.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt=(
                    "Under the GDPR, a notifiable personal data breach must generally be "
                    "reported to the regulator within 72 hours of becoming aware of it."
                ),
                choices=(
                    ChoiceSpec(
                        "True",
                        "Correct: Article 33 sets 72 hours where feasible, unless the breach "
                        "is unlikely to result in a risk to people.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "False",
                        "The GDPR does set a 72-hour deadline for notifiable breaches.",
                    ),
                ),
            ),
        ),
    ),
)
