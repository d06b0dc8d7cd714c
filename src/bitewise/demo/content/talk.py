"""A recorded conference session for the "recordings into lessons" demo: a host and four
speakers, each on one part of the member journey, as a Zoom transcript would give it."""

from __future__ import annotations

from dataclasses import dataclass

TALK_TITLE = "Member engagement that lasts: a conference session"
TALK_FILENAME = "member-engagement-session.vtt"


@dataclass(frozen=True)
class Turn:
    speaker: str
    topic: str  # the sub-topic a lesson should cover; "" for the host's words
    sentences: tuple[str, ...]


TALK: tuple[Turn, ...] = (
    Turn(
        "Sam Rivera",
        "",
        (
            "Good afternoon, everyone, and welcome to the member engagement track of this "
            "year's annual conference.",
            "I'm Sam Rivera, I run member services at the association, so this session is "
            "close to my heart.",
            "We have four speakers today, each taking one piece of the member journey, from "
            "the first welcome to the renewal that keeps people with us.",
            "Please drop your questions in the chat as we go, and we will save a few minutes "
            "at the end for them.",
            "This session is recorded, and the recording will become short lessons for members "
            "who could not be here today.",
            "Priya Shah leads onboarding for our nursing section, and she is going to start us "
            "off.",
            "Priya, over to you.",
        ),
    ),
    Turn(
        "Priya Shah",
        "Onboarding new members",
        (
            "Thanks, Sam, and hello everyone, I want to talk about onboarding, the first ninety "
            "days after someone joins, because that is when newcomers decide whether they belong.",
            "When we looked back over five years, people who attended nothing in their first "
            "ninety days were three times as likely to leave after one year.",
            "So we stopped treating onboarding as a welcome email and a membership card, and "
            "started treating it as a short journey with clear steps.",
            "The first step is a welcome call within a week of joining, made by a staff member "
            "or a trained volunteer rather than an automated message.",
            "The welcome call is only ten minutes long, and the whole point is to ask the "
            "newcomer what they hope to get out of joining.",
            "We write that answer down, because it shapes every onboarding message the newcomer "
            "receives afterwards.",
            "A new graduate nurse who wants a mentor gets a very different onboarding journey "
            "from an experienced manager who mainly wants continuing education.",
            "The second step is a short orientation, which we now run as a thirty-minute online "
            "session every other Tuesday evening.",
            "In the orientation we show newcomers where the member directory is, how to sign up "
            "for their first event, and how to introduce themselves in the online community.",
            "Few people came to orientation until we started inviting them personally during the "
            "welcome call instead of by email.",
            "The third step is pairing each new member with a peer mentor from their own region "
            "or specialty for the first ninety days.",
            "Peer mentors are asked for very little, just one coffee or video chat a month and a "
            "quick message before the first big event.",
            "That first event matters enormously, because a new member who walks into a room "
            "and knows one friendly face is far more likely to come back.",
            "We also send a short onboarding checklist, with items like completing your profile, "
            "joining a section, and claiming your first free course.",
            "Each item on the onboarding checklist is small on purpose, so a busy nurse can "
            "finish it on a phone between shifts.",
            "Since we launched this onboarding journey, far more newcomers stay beyond their "
            "first year, and many of them name their peer mentor as the reason.",
            "My advice is to start with the welcome call alone, see what happens, and add the "
            "orientation and the peer mentors once the calls run smoothly.",
            "And make sure the person who makes the welcome call is the same friendly face who "
            "greets the newcomer at their first event.",
        ),
    ),
    Turn(
        "Marcus Bell",
        "Measuring engagement",
        (
            "Thanks, Priya. I'm going to talk about measuring engagement, the data, scores and "
            "dashboards that tell you whether any of this is actually working.",
            "For years our board report showed a single number, total membership, and that "
            "figure told us almost nothing until it was too late.",
            "Total membership is a lagging indicator, because by the time that figure drops, the "
            "interest behind it faded months before.",
            "What we wanted instead were leading indicators, signals in our data that show "
            "engagement slipping while there is still time to act.",
            "We built a simple engagement score from five activities, namely event attendance, "
            "course completions, email clicks, community posts and volunteering.",
            "Each activity earns points, and recent activity counts more than old activity, so "
            "the engagement score falls on its own when a member goes quiet.",
            "We deliberately kept the scoring rules simple enough to explain on a single slide, "
            "because staff will not trust a number they cannot explain.",
            "Pulling the data together was the hardest part, since attendance lived in the event "
            "platform and course completions lived in the learning system.",
            "We now export both into the association management system every night, and the "
            "engagement score is recalculated from that combined data each morning.",
            "The dashboard groups members into bands, and the band we watch most closely is "
            "members whose score dropped sharply over the last quarter.",
            "A falling score turned out to be a far better predictor of a lapse than a low "
            "score, which surprised several people on our analytics team.",
            "Some people have always had a low score, they read the journal, pay every year, and "
            "are perfectly happy with that relationship.",
            "Email open rates are the weakest signal in the model, because privacy features in "
            "mail apps now report opens that never really happened.",
            "Clicks, registrations and completed courses are much more reliable signals, since "
            "each one needs a real decision by the member.",
            "Twice a year we also ask one survey question, how likely are you to recommend the "
            "association to a colleague, and compare the answers with the scores.",
            "When the survey and the engagement score disagree, that gap is usually where we "
            "learn something about members we had been misreading.",
            "We review the data every quarter and adjust the points for each activity, because "
            "the score should follow whatever actually predicts a lapse.",
            "If you take one thing from this part, track a handful of leading indicators every "
            "month and share the dashboard with everyone who talks to members.",
        ),
    ),
    Turn(
        "Dana Okoro",
        "Volunteer programs",
        (
            "Thanks, Marcus. I look after volunteer programs, and I want to explain why "
            "volunteering is the strongest loyalty builder we have, and how we nearly broke it.",
            "Our old model had two kinds of volunteer roles, a seat on a standing committee or a "
            "chapter board position, and both asked for years of commitment.",
            "Unsurprisingly, the same small group of long-serving volunteers filled most "
            "committee seats, and younger members told us they could never find the time.",
            "So three years ago we introduced micro-volunteering, meaning short, well-defined "
            "tasks that take between one and five hours from start to finish.",
            "A micro-volunteering task might be reviewing two conference abstracts, recording a "
            "five-minute tip for new nurses, or judging a student poster competition.",
            "Every task is posted on a volunteer board with a clear description, the time "
            "commitment, the deadline and the skills it needs.",
            "Members choose the tasks they want, which matters, because choosing feels very "
            "different from being recruited by a committee chair.",
            "In the first year more than four hundred members completed a micro-volunteering "
            "task, and over half of them had never volunteered with us before.",
            "Recognition turned out to be as important as the tasks themselves, and it does not "
            "need to be expensive to mean something.",
            "Each volunteer gets a personal thank-you note from the committee chair or the "
            "program lead within a week of finishing the task.",
            "We also list volunteers by name in the conference program and the annual report, "
            "which people mention again and again in their feedback.",
            "For accountants and nurses, volunteer hours can sometimes count toward professional "
            "development, so we issue a simple certificate describing the work.",
            "Micro-volunteering has also become our pipeline for committee leadership, because "
            "people who enjoy a small task often ask for a bigger role.",
            "About a third of our new committee members last year started with a single "
            "micro-volunteering task the year before.",
            "The one thing we got wrong early on was posting volunteer tasks and then leaving "
            "volunteers waiting weeks for materials or answers.",
            "Now every volunteer task has a named staff contact who replies within two working "
            "days, and volunteer drop-out fell by half after that change.",
            "Start small, post five well-described volunteer tasks, thank every single volunteer "
            "personally, and watch who comes back asking for a committee seat.",
        ),
    ),
    Turn(
        "Luis Ortega",
        "Renewal campaigns",
        (
            "Thanks, Dana. I'll finish with renewal campaigns, the notices and reminders that "
            "ask members to renew for another year and pay their dues.",
            "Our renewal campaign used to be three identical renewal notices, sent thirty days "
            "apart, each one a little more urgent than the last.",
            "The renewal rate was flat for a decade, and the notices gave members no reason to "
            "renew beyond a due date and an invoice for their dues.",
            "We rebuilt the renewal campaign around a value statement, a short personal summary "
            "of what each member actually used during the membership year.",
            "The value statement lists the continuing education credits they earned, the "
            "conferences they attended and the member discounts they used.",
            "For a certified public accountant who earned twenty CPE credits through our "
            "courses, that value statement makes the dues look like a bargain.",
            "The first renewal notice now goes out ninety days before the membership expires, "
            "and it leads with the value statement rather than the invoice.",
            "Members who renew early are offered a small thank-you, such as a free webinar "
            "recording, instead of a discount that trains people to wait.",
            "We also made auto-renewal the default option on the renewal form, with a clear "
            "reminder two weeks before any card is charged.",
            "Auto-renewal now covers about forty percent of our members, and their renewal rate "
            "is above ninety-five percent year after year.",
            "After the expiry date there is a sixty-day grace period, during which members keep "
            "their benefits and receive two gentle reminders.",
            "The grace period reminders come from a named person at the association, not from a "
            "no-reply address, and that alone raised our response rate.",
            "Before the grace period ends, someone on the membership team phones every lapsing "
            "member who renewed for five years or more.",
            "When a membership does lapse, we wait three months and then send a short win-back "
            "message asking one question about why they left.",
            "The answers to that win-back question are honest and sometimes painful, and we read "
            "every single one of them at our monthly membership meeting.",
            "Overall, our renewal rate has risen from seventy-eight to eighty-six percent in "
            "three years, and the extra dues paid for the whole program twice over.",
            "My suggestion is to rewrite your first renewal notice around a value statement this "
            "month, because it is the cheapest change with the biggest effect.",
        ),
    ),
    Turn(
        "Sam Rivera",
        "",
        (
            "Thank you, Luis, and thank you all four for such practical advice.",
            "We have a few minutes left, so let's take the first question from the chat.",
        ),
    ),
)
