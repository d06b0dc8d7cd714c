"""Titles from what speech recognition wrote: a plural heard as a possessive ("volcano's
form" for "volcanoes form") still names the topic."""

from __future__ import annotations

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.phrases import candidates, is_content

VOLCANOES_HEARD = (
    "volcano's form where molten rock from deep inside the earth reaches the surface. "
    "Molten rock is called magma while it is underground, and lava once it pours out. "
    "Most volcanoes sit along the edges of tectonic plates. "
    "Where two plates pull apart, magma wells up to fill the gap. "
    "The chain of volcano's around the Pacific Ocean grew this way. "
    "Runny magma lets gas bubble out, so lava flows in rivers. "
    "Sticky magma traps its gas until the volcano explodes. "
    "Scientists watch active volcanoes and the magma beneath them. "
    "Some volcanoes sleep for centuries between eruptions."
)
BREAD = (
    "Sourdough bread rises without packaged yeast. "
    "A starter of flour and water catches wild yeast and bacteria from the air. "
    "The bacteria make lactic acid, which gives the dough its sour taste. "
    "Bakers feed the starter every day and keep part of it for the next loaf."
)


def test_a_possessive_counts_as_its_noun() -> None:
    found = candidates("The volcano's slopes. Two volcanoes. It's late, let's go.")

    assert found["volcano"] == 1 and found["volcanoes"] == 1
    assert "volcano's" not in found and "it's" not in found and "it" not in found


def test_a_plural_heard_as_a_possessive_still_heads_the_title() -> None:
    drafts = draft_segments([VOLCANOES_HEARD, BREAD])

    assert drafts[0].title.lower().startswith("volcano"), drafts[0].title


def test_a_sound_is_no_term_and_an_acronym_is() -> None:
    for sound in ("nnn", "hmm", "mhm", "shh", "mmmm"):
        assert not is_content(sound), sound
    for term in ("sql", "cpd", "rhythm", "crypt"):
        assert is_content(term), term


def test_a_word_said_twice_in_a_row_is_not_a_phrase_in_the_title() -> None:
    meetings = (
        "We record the meeting meetings every week in the small room. "
        "The meeting meetings go into the corpus with consent forms signed. "
        "Each meeting is transcribed and the transcripts are checked by hand. "
        "Meetings with more than six people need a second microphone. "
        "Nnn, the meeting recordings are stored on the server."
    )

    title = draft_segments([meetings, BREAD])[0].title

    assert "meeting meeting" not in title.lower(), title
    assert "nnn" not in title.lower(), title


FEE_BUMPING = (
    "Okay. Yeah, sure, that makes sense. So next up is fee bumping. "
    "Right, so say you sent a payment and the network is busy. "
    "Your transaction sits in the mempool and miners skip it, because other transactions pay "
    "more. The mempool fills up on busy days, and a transaction with a low rate can wait for "
    "days. You can raise the fee on the transaction, and that is fee bumping. "
    "Wallets show the transaction as pending until a miner takes it out of the mempool. "
    "Some transactions never leave the mempool at all, and they drop out after two weeks. "
    "So the wallet offers to replace the transaction with one that pays more."
)
WALLETS = (
    "Hardware wallets keep the keys off the computer. The device signs each payment and the "
    "computer never sees the keys. A seed phrase backs up the keys on paper. People lose their "
    "seed phrase more often than their device, so store the paper in two places."
)


def test_the_topic_a_chapter_opens_on_heads_the_title() -> None:
    # after a few words of small talk the host names the topic; the talk then says
    # "transaction" and "mempool" more often, but a person would title it by the topic named
    title = draft_segments([FEE_BUMPING, WALLETS])[0].title

    assert title.lower().startswith("fee bumping"), title


def test_a_contraction_is_no_term() -> None:
    for word in ("they'll", "that'll", "who'd", "mustn't", "y'all", "there\u2019d"):
        assert not is_content(word), word
    assert is_content("o'clock") and is_content("volcano's")


def test_the_nouns_of_an_idiom_are_no_terms() -> None:
    found = candidates(
        "In terms of fees, the ledger wins at the end of the day. On the other hand, a bunch "
        "of ledgers makes sense for hand hygiene, and the end of the ledger is a terms sheet."
    )

    assert found["bunch"] == 0 and found["sense"] == 0 and found["day"] == 0
    assert found["fees"] == 1 and found["ledger"] == 2 and found["ledgers"] == 1
    # said outside an idiom, the same words still count
    assert found["hand hygiene"] == 1 and found["hand"] == 1 and found["end"] == 1
    assert found["terms sheet"] == 1 and found["terms"] == 1
