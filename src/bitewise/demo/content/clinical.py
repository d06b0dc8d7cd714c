"""Clinical practice: safe handoffs and spotting early deterioration."""

from __future__ import annotations

from bitewise.demo.content.shared import _media_body
from bitewise.demo.content.specs import (
    ChoiceSpec,
    LessonSpec,
    QuestionSpec,
)

HANDOFF_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="why-handoffs-go-wrong",
        title="Why handoffs go wrong",
        kind="text",
        minutes=4,
        summary="Where information gets lost at shift change, and the habits that keep it.",
        skills=("clinical-handoff-communication",),
        body="""\
Every handoff moves responsibility for a patient from one person to another. The
patient does not pause while that happens, and whatever the outgoing nurse knows but
does not say is, for the next twelve hours, simply not known.

## How information gets lost

- **Interruptions.** A call light, a phone, a colleague with a quick question: each one
  breaks the thread, and the item being discussed is the one most likely to be dropped.
- **Narrative without structure.** A chronological story of the shift buries the two
  things that matter under ten that do not.
- **Assumed context.** "You know how he gets" means nothing to a float nurse meeting the
  patient for the first time.
- **Pending work left implicit.** A potassium result due at 21:00, a dose held for a
  procedure, a family member who was promised a call: if it is not said, it does not happen.
- **No room for questions.** A handoff delivered at speed on the way out of the door is a
  broadcast, not a conversation.

## Habits that help

1. **Protect the time.** Agree a quiet spot or a "do not interrupt" signal for handoff.
2. **Use the same structure every time** (SBAR or your unit's tool) so gaps are visible.
3. **Hand off at the bedside when you can.** The patient can correct an error and the
   incoming nurse sees what you describe.
4. **Name what to watch and when.** "Recheck her blood pressure at 20:00; call if systolic
   is under 100" is something the next nurse can act on.
5. **Close the loop.** Read back critical values and orders, and end by asking: "What
   questions do you have?"
""",
    ),
    LessonSpec(
        slug="webinar-sbar-in-practice",
        title="Webinar part 1: SBAR in practice",
        kind="media",
        minutes=3,
        summary="Listen to how a clear SBAR call is built, part by part.",
        skills=("clinical-handoff-communication",),
        part=1,
        body=_media_body(
            "This part of the association webinar walks through a phone call from a ward "
            "nurse to an on-call provider, stopping after each part of SBAR.",
            """\
- **Situation** comes first and fits in one breath: who you are, which patient, and what
  has changed.
- **Background** is only what the listener needs for *this* problem, not the full history.
- **Assessment** is your judgment. Say it plainly: "I think she is becoming septic."
- **Recommendation** is a specific request with a time frame: "Please see her within
  twenty minutes."
- Finish by reading back any orders you were given.""",
        ),
    ),
    LessonSpec(
        slug="writing-a-tight-sbar",
        title="Writing a tight SBAR",
        kind="text",
        minutes=5,
        summary="A worked SBAR call about a post-operative patient, line by line.",
        skills=("clinical-handoff-communication",),
        body="""\
SBAR (Situation, Background, Assessment, Recommendation) gives a call to a busy
provider a shape they can follow while half their attention is elsewhere. Here is one
call, built up step by step.

### Situation

> "This is Priya, RN on 4 West. I'm calling about Mr. Okafor in bed 12. His blood
> pressure has dropped from 124/78 to 88/50 over the last two hours."

One sentence of who and where, one sentence of what changed. No history yet.

### Background

> "He's day one after a bowel resection, on a morphine PCA, with no cardiac history. His
> last hemoglobin this morning was 11.2."

Only what bears on *this* problem. His allergy to penicillin can wait unless you are about
to ask for an antibiotic.

### Assessment

> "His heart rate is 118, his hands are cool, and he's made 15 mL of urine an hour for
> the last two hours. I'm worried he's bleeding or significantly dry."

This is the part nurses most often leave out, and the one that changes how fast the
provider moves. You have seen the patient; they have not. Say what you think.

### Recommendation

> "I'd like you to see him within fifteen minutes. Can I draw a CBC and start a fluid
> bolus while you're on your way?"

A specific ask with a time frame. If the answer is "no", you now know to escalate.

### Close the loop

Read back any orders ("That's 500 mL of normal saline over 30 minutes, and a CBC now"),
write down who you spoke to and when, and set yourself a time to recheck.

**Practice tip:** before you dial, write the four letters down the side of a scrap of paper
and fill in one line for each. It takes thirty seconds and saves three minutes on the call.
""",
    ),
    LessonSpec(
        slug="check-handoffs-and-sbar",
        title="Check your understanding: handoffs and SBAR",
        kind="quiz",
        minutes=4,
        summary="Three questions on safe handoffs and structured calls.",
        skills=("clinical-handoff-communication",),
        body="Answer each question to see why each option is right or wrong.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt="In SBAR, where do you state your own judgment of what is happening?",
                choices=(
                    ChoiceSpec(
                        "Situation",
                        "Situation says what changed, briefly; the interpretation comes later.",
                    ),
                    ChoiceSpec(
                        "Background",
                        "Background gives context the listener needs, not your conclusion.",
                    ),
                    ChoiceSpec(
                        "Assessment",
                        "Right: the assessment is where you say what you think is going on.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Recommendation",
                        "The recommendation is what you ask for, which follows from your "
                        "assessment.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt="Which of these make a shift handoff safer? Select all that apply.",
                choices=(
                    ChoiceSpec(
                        "Naming pending results and when they are due",
                        "Yes: pending work is the item most often lost at shift change.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Inviting the incoming nurse to ask questions",
                        "Yes: a question is often the first sign something was not clear.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Giving report in the corridor while answering call lights",
                        "No: interruptions are a leading way details get dropped.",
                    ),
                    ChoiceSpec(
                        "Reading back a critical value or order",
                        "Yes: read-back catches mishearing before it reaches the patient.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt="A good SBAR recommendation names a specific request and a time frame.",
                choices=(
                    ChoiceSpec(
                        "True",
                        "Correct: 'please see him within 15 minutes' can be agreed to or "
                        "refused; 'can you have a look at some point' cannot.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "False",
                        "A vague request leaves the timing to chance; be specific.",
                    ),
                ),
            ),
        ),
    ),
)

DETERIORATION_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="early-warning-scores",
        title="Early warning scores: what they measure",
        kind="text",
        minutes=5,
        summary="How track-and-trigger scores work, and why your concern still counts.",
        skills=("recognizing-clinical-deterioration",),
        body="""\
Most patients who have a cardiac arrest on a general ward show abnormal vital signs in
the hours before. Early warning scores exist to turn those scattered signs into one
number that triggers a response.

## What goes into the score

Scores differ between hospitals (the UK's NEWS2 and many "modified early warning scores"
are common), but most combine the same observations:

| Observation | Why it matters |
| --- | --- |
| Respiratory rate | Often the earliest sign, and the one most often guessed instead of counted |
| Oxygen saturation, and whether oxygen is given | Falling saturation, or rising oxygen needs |
| Systolic blood pressure | Falls late; compensation hides shock for a while |
| Heart rate | Rises early as the body compensates |
| Level of consciousness, or new confusion | A brain short of oxygen or perfusion shows it |
| Temperature | Infection, though a normal temperature does not exclude sepsis |

Each observation scores points as it moves away from normal; the total (and any single
extreme value) maps to a response: more frequent observations, a nurse-in-charge review,
or an urgent call.

## Using it well

- **Count the respiratory rate for a full minute.** A recorded rate of exactly 16 or 18,
  shift after shift, is often an estimate.
- **Look at the trend.** A score that goes 1, 2, 3, 4 over a day is telling you something
  even if none of the numbers has triggered.
- **Your concern is a valid trigger.** Many escalation policies let you call because you
  are worried, whatever the score says. Use it, and document what you saw.
- **Know your local thresholds** and who you call at each level, before you need them.
""",
    ),
    LessonSpec(
        slug="webinar-subtle-signs",
        title="Webinar part 2: The subtle signs of deterioration",
        kind="media",
        minutes=3,
        summary="A charge nurse's account of the signs that came before a rapid response call.",
        skills=("recognizing-clinical-deterioration",),
        part=2,
        body=_media_body(
            "In this part of the webinar, a charge nurse reviews the six hours before a "
            "rapid response call and points out the signs that were there all along.",
            """\
- The respiratory rate rose from 18 to 26 over four hours before anything else moved.
- The heart rate crept up while the blood pressure held, which is compensation at work.
- "He's just a bit restless tonight" was the first recorded sign, three hours before the
  call.
- Urine output had fallen, but nobody had totalled the hourly amounts.
- The lesson drawn: trends and soft signs deserve the same attention as a single alarming
  number.""",
        ),
    ),
    LessonSpec(
        slug="check-recognizing-deterioration",
        title="Check your understanding: recognizing deterioration",
        kind="quiz",
        minutes=4,
        summary="Three questions on vital-sign trends and escalation.",
        skills=("recognizing-clinical-deterioration",),
        body="Answer each question to see the reasoning behind it.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt=(
                    "Which vital sign often changes first, and is the one most often "
                    "estimated rather than counted?"
                ),
                choices=(
                    ChoiceSpec(
                        "Respiratory rate",
                        "Right: breathing speeds up early, and a full-minute count is the "
                        "only way to catch it.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Temperature",
                        "Temperature matters for infection, but it is measured by a device "
                        "and is not usually the first sign.",
                    ),
                    ChoiceSpec(
                        "Systolic blood pressure",
                        "Blood pressure tends to fall late, once compensation fails.",
                    ),
                    ChoiceSpec(
                        "Oxygen saturation",
                        "Saturation is read from a monitor, and can stay normal while the "
                        "respiratory rate climbs.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "A patient's warning score is steady at 2, but they are newly restless "
                    "and 'don't look right' to you. What is reasonable? Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "Repeat a full set of observations now, counting the respiratory rate",
                        "Yes: fresh, careful numbers may show what the last set missed.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Escalate, giving your concern as the reason",
                        "Yes: concern is a legitimate trigger in most escalation policies.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Wait for the next scheduled observation round",
                        "No: new restlessness can be an early sign of hypoxia or shock.",
                    ),
                    ChoiceSpec(
                        "Document what you saw and whom you told",
                        "Yes: it helps the next person see the trend and shows the response.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt="A normal blood pressure reading rules out early shock.",
                choices=(
                    ChoiceSpec(
                        "True",
                        "Not so: the body keeps blood pressure up for a while by raising the "
                        "heart rate and narrowing vessels.",
                    ),
                    ChoiceSpec(
                        "False",
                        "Correct: a rising heart rate, faster breathing and falling urine "
                        "output can come well before the blood pressure drops.",
                        correct=True,
                    ),
                ),
            ),
        ),
    ),
)
