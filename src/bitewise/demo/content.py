"""The demo catalog as plain data: the loader turns it into rows through the services.

Written for a professional association: clinical practice (nurses), accounting, and data
privacy for any professional. Framework codes are O*NET-SOC occupation codes, mapped by
hand for this demo; they are labelled as such wherever they appear.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillSpec:
    slug: str
    name: str
    description: str
    framework_code: str
    framework_url: str


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    explanation: str
    correct: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    kind: str  # "single", "multiple" or "true_false"
    prompt: str
    choices: tuple[ChoiceSpec, ...]


@dataclass(frozen=True)
class RecordingPart:
    number: int
    title: str
    start: int  # seconds into the recording
    end: int


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    kind: str  # "text", "media" or "quiz"
    minutes: int
    summary: str
    body: str
    skills: tuple[str, ...]
    part: int | None = None  # RecordingPart.number, for media lessons
    questions: tuple[QuestionSpec, ...] = ()


@dataclass(frozen=True)
class MicroCredentialSpec:
    slug: str
    title: str
    summary: str
    level: str
    skills: tuple[str, ...]
    lessons: tuple[str, ...]  # lesson slugs, in learning order
    ce_credits: str
    ce_credit_type: str
    pass_percent: int
    published_days_ago: int


@dataclass(frozen=True)
class PathwaySpec:
    slug: str
    title: str
    summary: str
    rule: str  # "all" or "n_of"
    required_count: int
    micro_credentials: tuple[str, ...]
    published_days_ago: int


@dataclass(frozen=True)
class UserSpec:
    email: str
    role: str
    display_name: str


def _onet(code: str) -> str:
    return f"https://www.onetonline.org/link/summary/{code}"


SKILLS: tuple[SkillSpec, ...] = (
    SkillSpec(
        slug="clinical-handoff-communication",
        name="Clinical handoff communication",
        description=(
            "Passing responsibility for a patient to another clinician without losing "
            "information: structured handoffs, SBAR calls, read-back of critical items. "
            "Demo mapping: O*NET-SOC 29-1141.00, Registered Nurses."
        ),
        framework_code="O*NET-SOC 29-1141.00",
        framework_url=_onet("29-1141.00"),
    ),
    SkillSpec(
        slug="recognizing-clinical-deterioration",
        name="Recognizing clinical deterioration",
        description=(
            "Noticing that a patient is getting worse before a crisis: trends in vital "
            "signs, early warning scores, and escalating on concern. "
            "Demo mapping: O*NET-SOC 29-1141.00, Registered Nurses."
        ),
        framework_code="O*NET-SOC 29-1141.00",
        framework_url=_onet("29-1141.00"),
    ),
    SkillSpec(
        slug="revenue-recognition",
        name="Revenue recognition (ASC 606 / IFRS 15)",
        description=(
            "Applying the five-step contract model: performance obligations, transaction "
            "price, allocation, and timing of recognition. "
            "Demo mapping: O*NET-SOC 13-2011.00, Accountants and Auditors."
        ),
        framework_code="O*NET-SOC 13-2011.00",
        framework_url=_onet("13-2011.00"),
    ),
    SkillSpec(
        slug="month-end-close",
        name="Month-end close and reconciliations",
        description=(
            "Closing the books on time and accurately: account reconciliations, accruals, "
            "cut-off and review. Demo mapping: O*NET-SOC 13-2011.00, Accountants and Auditors."
        ),
        framework_code="O*NET-SOC 13-2011.00",
        framework_url=_onet("13-2011.00"),
    ),
    SkillSpec(
        slug="personal-data-handling",
        name="Personal data handling",
        description=(
            "Recognizing personal data, keeping only what is needed, and responding well "
            "when something goes wrong. Demo mapping: O*NET-SOC 13-1041.00, Compliance "
            "Officers."
        ),
        framework_code="O*NET-SOC 13-1041.00",
        framework_url=_onet("13-1041.00"),
    ),
)

RECORDING_NAME = "demo/association-webinar.wav"
RECORDING_PARTS: tuple[RecordingPart, ...] = (
    RecordingPart(1, "SBAR in practice", 0, 180),
    RecordingPart(2, "The subtle signs of deterioration", 180, 360),
    RecordingPart(3, "One contract, five steps", 360, 540),
    RecordingPart(4, "A privacy incident, minute by minute", 540, 720),
)

_ABOUT_RECORDING = (
    "> **About this recording.** In this demo the association webinar is a synthesized "
    "recording of tones, standing in for a real session. Each part has its own pitch and "
    "opens with a chime that beeps the part number, so you can hear that this lesson plays "
    "only its own slice of the one long file. The notes below carry the lesson's content."
)


def _media_body(intro: str, points: str) -> str:
    return f"{intro}\n\n{_ABOUT_RECORDING}\n\n### Key points\n\n{points}\n"


# --- Clinical practice -----------------------------------------------------------------

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

# --- Accounting ------------------------------------------------------------------------

REVENUE_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="five-step-revenue-model",
        title="The five-step revenue model",
        kind="text",
        minutes=6,
        summary="ASC 606 and IFRS 15 in five steps, with a bundled contract worked through.",
        skills=("revenue-recognition",),
        body="""\
ASC 606 (US GAAP) and IFRS 15 share one model for revenue from contracts with customers.
It has five steps, and most disagreements about revenue turn out to be about one of them.

1. **Identify the contract.** An agreement that creates enforceable rights, with
   commercial substance, where collecting the consideration is probable.
2. **Identify the performance obligations.** Each promise to transfer a *distinct* good or
   service: one the customer can benefit from on its own (or with resources readily
   available), and that is separately identifiable from the other promises.
3. **Determine the transaction price.** What you expect to be entitled to, including
   estimated variable consideration (discounts, bonuses, usage fees), constrained so a
   significant reversal is not probable.
4. **Allocate the price** to the performance obligations in proportion to their standalone
   selling prices.
5. **Recognize revenue** when, or as, each obligation is satisfied: over time, or at the
   point in time control passes.

## A worked example

A firm sells a one-year analytics subscription with a one-day training workshop for a
single price of **$12,600**. Sold separately, the subscription goes for $12,000 and the
workshop for $1,800, so together they would cost $13,800.

| Obligation | Standalone price | Share | Allocated |
| --- | ---: | ---: | ---: |
| Subscription | $12,000 | 86.96% | $10,956.52 |
| Workshop | $1,800 | 13.04% | $1,643.48 |
| **Total** | **$13,800** | | **$12,600.00** |

The workshop revenue ($1,643.48) is recognized when the workshop is delivered. The
subscription revenue is recognized over the year, about $913.04 a month. If the customer
paid the full $12,600 on signing, the unearned part sits on the balance sheet as a
contract liability (deferred revenue) until it is earned.
""",
    ),
    LessonSpec(
        slug="webinar-one-contract-five-steps",
        title="Webinar part 3: One contract, five steps",
        kind="media",
        minutes=3,
        summary="A controller walks a real-world style services contract through the model.",
        skills=("revenue-recognition",),
        part=3,
        body=_media_body(
            "In this part of the webinar, a controller takes a managed-services contract "
            "with an implementation phase and a performance bonus through all five steps.",
            """\
- The implementation phase was *not* a separate obligation: it only set up the service
  and gave the customer nothing usable on its own.
- The performance bonus is variable consideration; only the amount that is not likely to
  reverse goes into the transaction price.
- The monthly service is satisfied over time, because the customer consumes it as it is
  delivered.
- Documenting the judgment at each step is what makes the answer defensible at audit.""",
        ),
    ),
    LessonSpec(
        slug="over-time-or-point-in-time",
        title="Over time or at a point in time?",
        kind="text",
        minutes=5,
        summary="The three tests for recognizing revenue over time, and what to do otherwise.",
        skills=("revenue-recognition",),
        body="""\
Step 5 asks *when* a performance obligation is satisfied. The standards answer with a
test: revenue is recognized **over time** if at least one of these is true.

1. **The customer receives and consumes the benefit as you perform.** Cleaning, payroll
   processing, a software subscription: if you stopped halfway, another provider would not
   need to redo the work already done.
2. **Your work creates or enhances an asset the customer controls as it is built,** such
   as a building extension on the customer's own land.
3. **Your work creates an asset with no alternative use to you, and you have an enforceable
   right to payment for the work done so far.** A custom machine that only this customer
   can use, under a contract that pays for work to date if the customer cancels.

If none of the three applies, revenue is recognized at the **point in time** control
passes. Indicators that control has passed include:

- a present right to payment,
- legal title,
- physical possession,
- the significant risks and rewards of ownership,
- the customer's acceptance.

## Measuring progress

For obligations satisfied over time, you still have to measure how far along you are. An
*output* method (units delivered, milestones reached) or an *input* method (costs incurred,
hours worked relative to the total expected) may fit. Pick the one that best shows the
transfer of control, and apply it consistently to similar contracts.

**Common trap:** when cash arrives has no bearing on when revenue is earned. A large
upfront payment is a contract liability until you perform.
""",
    ),
    LessonSpec(
        slug="check-revenue-recognition",
        title="Check your understanding: revenue recognition",
        kind="quiz",
        minutes=5,
        summary="Four questions on the five steps, allocation and timing.",
        skills=("revenue-recognition",),
        body="Answer each question; the explanations show the reasoning.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt=(
                    "At which step do you split the transaction price using standalone "
                    "selling prices?"
                ),
                choices=(
                    ChoiceSpec(
                        "Step 2: identify the performance obligations",
                        "Step 2 finds the promises; it does not put a price on them.",
                    ),
                    ChoiceSpec(
                        "Step 3: determine the transaction price",
                        "Step 3 fixes the total; the split comes next.",
                    ),
                    ChoiceSpec(
                        "Step 4: allocate the transaction price",
                        "Right: allocation uses relative standalone selling prices.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Step 5: recognize revenue",
                        "Step 5 is about timing, once each obligation has its amount.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "Which of these are tests for recognizing revenue over time? "
                    "Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "The customer receives and consumes the benefit as you perform",
                        "Yes: this is the first test, typical of services.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Your work creates or enhances an asset the customer controls",
                        "Yes: this is the second test.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "The customer has paid a deposit",
                        "No: when cash is received does not decide when revenue is earned.",
                    ),
                    ChoiceSpec(
                        "The asset has no alternative use to you and you have an enforceable "
                        "right to payment for work to date",
                        "Yes: both halves together make the third test.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt="Receiving cash up front means the revenue can be recognized at once.",
                choices=(
                    ChoiceSpec(
                        "True",
                        "No: cash received before you perform is a contract liability.",
                    ),
                    ChoiceSpec(
                        "False",
                        "Correct: revenue follows performance, not payment.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="single",
                prompt=(
                    "A $9,000 bundle holds two distinct promises with standalone prices of "
                    "$8,000 and $2,000. How much is allocated to the $2,000 promise?"
                ),
                choices=(
                    ChoiceSpec(
                        "$1,800",
                        "Right: $9,000 x 2,000 / 10,000 = $1,800.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "$2,000",
                        "That ignores the bundle discount, which is shared in proportion.",
                    ),
                    ChoiceSpec(
                        "$1,000",
                        "That puts the whole $1,000 discount on the smaller promise.",
                    ),
                    ChoiceSpec(
                        "$4,500",
                        "An even split ignores the standalone prices.",
                    ),
                ),
            ),
        ),
    ),
)

CLOSE_LESSONS: tuple[LessonSpec, ...] = (
    LessonSpec(
        slug="reconciliations-that-catch-errors",
        title="Reconciliations that catch real errors",
        kind="text",
        minutes=5,
        summary="What separates a reconciliation that finds problems from one that hides them.",
        skills=("month-end-close",),
        body="""\
A reconciliation compares the balance in your ledger with evidence from somewhere else
and explains every difference. Done well, it is the cheapest control in accounting. Done
badly, it is a page that makes a wrong number look reviewed.

## Reconcile to something independent

The stronger the source, the more the reconciliation proves:

- **Cash:** the bank statement, obtained from the bank, not a spreadsheet of expected
  payments.
- **Receivables and payables:** the subledger, and for key balances, customer or supplier
  statements.
- **Fixed assets:** the asset register, with additions tied to invoices.
- **Accruals and prepayments:** a schedule showing how each balance was calculated.

## Explain every reconciling item

Timing differences (a deposit in transit, a cheque not yet presented) are normal and should
clear next month. Anything else needs a cause and an owner. Watch for:

- items older than 60 or 90 days that nobody has cleared,
- a line called "unidentified difference" or "suspense",
- round numbers that recur month after month,
- differences that are always just under a review threshold.

## Make review mean something

The reviewer should be someone other than the preparer, should check the source document
and not only the arithmetic, and should sign and date the reconciliation. A reconciliation
reviewed after the books are closed and reported has found its problems too late to help.
""",
    ),
    LessonSpec(
        slug="accruals-and-cut-off",
        title="Accruals and cut-off",
        kind="text",
        minutes=4,
        summary="Recording costs in the month they were incurred, with a worked journal.",
        skills=("month-end-close",),
        body="""\
Accrual accounting records an expense in the period the goods or services were received,
whatever the date on the invoice. Cut-off is the discipline of getting that boundary right
at each month end.

## A worked accrual

A consultant works for you during the last two weeks of June. Their invoice for $6,000
arrives on 10 July, after the June books should be closed.

**30 June**, accrue the cost:

| Account | Debit | Credit |
| --- | ---: | ---: |
| Professional fees expense | 6,000 | |
| Accrued liabilities | | 6,000 |

**1 July**, reverse the accrual (or relieve it when the invoice is posted), so the cost is
not counted twice when the invoice is entered in July.

## Where the estimate comes from

Use the best evidence you have: a purchase order, a contract rate times hours worked,
timesheets, or a recurring monthly amount. Write down how you got the number. When the
invoice arrives, compare it with the accrual; a pattern of large differences means the
estimating method needs work.

## Cut-off checks worth doing

- Goods received in the last few days of the month without an invoice.
- Shipments to customers on the last and first days of the month: was revenue recorded
  in the right period?
- Recurring costs (rent, utilities, subscriptions) that are missing from the month.
""",
    ),
    LessonSpec(
        slug="check-close-and-reconciliations",
        title="Check your understanding: close and reconciliations",
        kind="quiz",
        minutes=4,
        summary="Three questions on reconciliation evidence and accruals.",
        skills=("month-end-close",),
        body="Answer each question to see the explanation for every option.",
        questions=(
            QuestionSpec(
                kind="single",
                prompt="Which is the strongest evidence for reconciling the cash balance?",
                choices=(
                    ChoiceSpec(
                        "The bank statement, obtained from the bank",
                        "Right: it is independent of your own records.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "The general ledger balance itself",
                        "That is the number being tested, so it cannot be the evidence.",
                    ),
                    ChoiceSpec(
                        "Last month's reconciliation",
                        "Useful context, but it says nothing about this month's balance.",
                    ),
                    ChoiceSpec(
                        "An email from the treasury team with the balance",
                        "Better than nothing, but it is internal and can repeat an error.",
                    ),
                ),
            ),
            QuestionSpec(
                kind="true_false",
                prompt=(
                    "A reconciling item called 'unidentified difference' can be carried "
                    "forward indefinitely if it is below materiality."
                ),
                choices=(
                    ChoiceSpec(
                        "True",
                        "No: small unexplained differences can hide larger offsetting errors.",
                    ),
                    ChoiceSpec(
                        "False",
                        "Correct: every item needs a cause and an owner, whatever its size.",
                        correct=True,
                    ),
                ),
            ),
            QuestionSpec(
                kind="multiple",
                prompt=(
                    "Services were received in June; the invoice arrives in July. What is "
                    "right for the June close? Select all that apply."
                ),
                choices=(
                    ChoiceSpec(
                        "Record an accrued expense in June",
                        "Yes: the cost belongs to the month the service was received.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Wait for the invoice and expense it in July",
                        "No: that understates June's costs and overstates July's.",
                    ),
                    ChoiceSpec(
                        "Base the estimate on a PO, contract or time records, and document it",
                        "Yes: a documented basis makes the estimate reviewable.",
                        correct=True,
                    ),
                    ChoiceSpec(
                        "Reverse or relieve the accrual when the invoice is posted",
                        "Yes: otherwise the cost is counted twice.",
                        correct=True,
                    ),
                ),
            ),
        ),
    ),
)

# --- Data privacy ----------------------------------------------------------------------

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

LESSONS: tuple[LessonSpec, ...] = (
    *HANDOFF_LESSONS,
    *DETERIORATION_LESSONS,
    *REVENUE_LESSONS,
    *CLOSE_LESSONS,
    *PRIVACY_LESSONS,
)


def _slugs(lessons: tuple[LessonSpec, ...]) -> tuple[str, ...]:
    return tuple(lesson.slug for lesson in lessons)


MICRO_CREDENTIALS: tuple[MicroCredentialSpec, ...] = (
    MicroCredentialSpec(
        slug="safe-handoffs-with-sbar",
        title="Safe Handoffs with SBAR",
        summary=(
            "Give and take handoffs that keep every pending task, and make calls to "
            "providers that get the response your patient needs."
        ),
        level="foundation",
        skills=("clinical-handoff-communication",),
        lessons=_slugs(HANDOFF_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CNE",
        pass_percent=80,
        published_days_ago=75,
    ),
    MicroCredentialSpec(
        slug="spotting-early-deterioration",
        title="Spotting Early Deterioration",
        summary=(
            "Read vital-sign trends and early warning scores, and escalate on concern "
            "before a patient reaches crisis."
        ),
        level="intermediate",
        skills=("recognizing-clinical-deterioration",),
        lessons=_slugs(DETERIORATION_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CNE",
        pass_percent=80,
        published_days_ago=45,
    ),
    MicroCredentialSpec(
        slug="revenue-recognition-essentials",
        title="Revenue Recognition Essentials",
        summary=(
            "Apply the ASC 606 / IFRS 15 five-step model to bundled contracts, and decide "
            "when revenue is earned over time or at a point in time."
        ),
        level="intermediate",
        skills=("revenue-recognition",),
        lessons=_slugs(REVENUE_LESSONS),
        ce_credits="0.40",
        ce_credit_type="CPE",
        pass_percent=75,
        published_days_ago=9,
    ),
    MicroCredentialSpec(
        slug="clean-month-end-close",
        title="A Clean Month-End Close",
        summary=(
            "Reconciliations that find real errors, and accruals that put costs in the right month."
        ),
        level="foundation",
        skills=("month-end-close",),
        lessons=_slugs(CLOSE_LESSONS),
        ce_credits="0.20",
        ce_credit_type="CPE",
        pass_percent=70,
        published_days_ago=120,
    ),
    MicroCredentialSpec(
        slug="personal-data-basics",
        title="Personal Data Basics for Professionals",
        summary=(
            "Recognize personal data, keep only what you need, and know what to do in the "
            "first hour of a privacy incident."
        ),
        level="foundation",
        skills=("personal-data-handling",),
        lessons=_slugs(PRIVACY_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CE",
        pass_percent=70,
        published_days_ago=3,
    ),
)

PATHWAYS: tuple[PathwaySpec, ...] = (
    PathwaySpec(
        slug="safe-and-trusted-clinical-practice",
        title="Safe and Trusted Clinical Practice",
        summary=(
            "For nurses who want to show they communicate safely, catch deterioration "
            "early and handle patient data with care. Earn any two of the three "
            "micro-credentials."
        ),
        rule="n_of",
        required_count=2,
        micro_credentials=(
            "safe-handoffs-with-sbar",
            "spotting-early-deterioration",
            "personal-data-basics",
        ),
        published_days_ago=40,
    ),
)

USERS: tuple[UserSpec, ...] = (
    UserSpec("staff@demo.bitewise.test", "admin", "Sam Rivera (staff admin)"),
    UserSpec("author@demo.bitewise.test", "author", "Alex Chen (author)"),
    UserSpec("learner@demo.bitewise.test", "learner", "Jordan Lee"),
)
LEARNER_EMAIL = "learner@demo.bitewise.test"
# The learner holds the first and is halfway through the second (so the pathway shows 1 of 2).
LEARNER_EARNED = "safe-handoffs-with-sbar"
LEARNER_HALFWAY = "personal-data-basics"
