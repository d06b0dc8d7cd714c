"""A synthetic webinar transcript shared by the repurposing tests: three speakers, one topic
each, so a good segmentation has an obvious answer."""

from __future__ import annotations

from bitewise.engines.transcripts.captions import timestamp

TOPICS = [
    (
        "Ana Ruiz",
        [
            "Our annual budget starts with a revenue forecast for the association.",
            "The revenue forecast uses membership dues and conference income.",
            "Each committee submits a budget request before the board meeting.",
            "The board approves the operating budget and the operating reserve.",
            "A healthy operating reserve covers six months of expenses.",
            "Variance reports compare actual spending with the approved budget.",
            "The treasurer explains every budget variance to the finance committee.",
            "Dues revenue and sponsorship revenue are forecast separately.",
        ],
    ),
    (
        "Ben Okafor",
        [
            "Spaced repetition schedules each review just before the learner forgets.",
            "The forgetting curve shows memory decaying after a single lesson.",
            "Retrieval practice means answering quiz questions instead of rereading notes.",
            "Spaced repetition with retrieval practice flattens the forgetting curve.",
            "Short review sessions spread over weeks beat one long cramming session.",
            "Each learner sees the review when the forgetting curve says memory is fading.",
            "Retrieval practice works best with feedback on every quiz answer.",
            "Flashcards are the simplest tool for spaced repetition.",
        ],
    ),
    (
        "Chen Wei",
        [
            "An open badge is a verifiable credential that a learner can share.",
            "The issuer signs the open badge with a private key.",
            "Employers verify the digital credential against the issuer's public key.",
            "Each badge names its achievement criteria and the evidence submitted.",
            "Learners keep badges in a digital wallet and share them on profiles.",
            "Revoked credentials appear in a status list that verifiers check.",
            "The open badge standard makes the credential portable between platforms.",
            "A digital credential expires when the certification lapses.",
        ],
    ),
]


def webinar_vtt(cues_per_topic: int = 50, seconds: float = 6.0) -> str:
    """About 15 minutes: three speakers, one topic each, a pause at each change of topic."""
    blocks, clock = ["WEBVTT"], 0.0
    for speaker, lines in TOPICS:
        for i in range(cues_per_topic):
            blocks.append(
                f"{timestamp(clock)} --> {timestamp(clock + seconds)}\n{speaker}: {lines[i % 8]}"
            )
            clock += seconds + 0.2
        clock += 3.0
    return "\n\n".join(blocks) + "\n"


PHRASE = "The quokka mnemonic ties each review to a flashcard deck."
SPOKEN_AT = 70 * 6.2 + 3.0  # cue 70 of webinar_vtt(): in the second speaker's topic


def transcript_with_phrase() -> str:
    """webinar_vtt() with one sentence said nowhere else, at SPOKEN_AT seconds."""
    blocks = webinar_vtt().split("\n\n")
    timing, _ = blocks[71].split("\n", 1)  # blocks[0] is the WEBVTT header
    blocks[71] = f"{timing}\nBen Okafor: {PHRASE}"
    return "\n\n".join(blocks)
