"""What the presenter says in the demo's association webinar: six lines for each part, one
every half minute. The recording is synthesized from these lines and its transcript is made
of them, so what a learner hears, reads in the captions and finds in search is the same."""

from __future__ import annotations

CUE_SECONDS = 30

SCRIPT: dict[int, tuple[str, ...]] = {
    1: (
        "Welcome. In this first part we practise SBAR, the structure for calling a provider "
        "about a patient who worries you.",
        "S is the situation: say who you are, which patient, and the problem, in one sentence.",
        "B is the background that matters now: the diagnosis, recent changes and relevant "
        "history, not the whole chart.",
        "A is your assessment. Say plainly what you think is happening, even when you are not "
        "sure.",
        "R is your recommendation: what you need, and by when. For example, please come and "
        "see the patient within fifteen minutes.",
        "Finally, read back any order you are given, and write down who you spoke to and when.",
    ),
    2: (
        "Part two is about the subtle signs of deterioration, hours before a crisis.",
        "Watch the trend, not one number. A rising respiratory rate is often the first sign.",
        "Early warning scores add up small changes in vital signs, so that a worrying pattern "
        "is hard to miss.",
        "New confusion, a drop in urine output, or a patient who says something is wrong, all "
        "count as warning signs.",
        "If you are worried, escalate on concern. You do not need a high score to call for help.",
        "After you escalate, repeat the observations within thirty minutes and record what "
        "changed.",
    ),
    3: (
        "Part three: one contract, five steps, the model for recognizing revenue.",
        "Step one, identify the contract with the customer. Step two, identify each "
        "performance obligation.",
        "Step three, determine the transaction price, including any variable consideration.",
        "Step four, allocate the price to the obligations in proportion to their stand alone "
        "selling prices.",
        "Step five, recognize revenue when each obligation is satisfied, over time or at a "
        "point in time.",
        "A bundled contract for software and a year of support is two obligations, recognized "
        "on different schedules.",
    ),
    4: (
        "Part four follows a privacy incident, minute by minute.",
        "At minute one, an email with a patient list goes to the wrong address. First, contain it.",
        "Ask the recipient to delete the email, and confirm in writing that they have done so.",
        "Next, assess the risk: what personal data was exposed, how much, and who could be harmed.",
        "Then notify your privacy officer at once, because the clock for reporting a breach "
        "may already be running.",
        "Last, record what happened and what you changed, so the same mistake is less likely "
        "next time.",
    ),
}
