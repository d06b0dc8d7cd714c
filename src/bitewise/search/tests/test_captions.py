"""Every lesson with audio or video gets captions (a WebVTT track) and a transcript to read,
from the transcript of the recording it plays: cut to its range, on its player's clock, and
exactly as visible as its media."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson, LessonKind, MediaKind, MicroCredential
from bitewise.catalog.services import micro_credential_publish, micro_credential_set_lessons
from bitewise.common.tests.uploads import wav_bytes
from bitewise.engines.transcripts import MAX_CUE_CHARS, Cue, TranscriptError, parse_transcript
from bitewise.membership.tests.factories import make_member, members_only
from bitewise.search.captions import lesson_captions
from bitewise.search.data import LessonCut, RecordingTranscript
from bitewise.search.models import Document, DocumentKind, Transcript, TranscriptCue
from bitewise.search.selectors import search
from bitewise.search.services.captions import transcript_cues_correct
from bitewise.search.services.transcripts import transcript_index_recording, transcript_upload
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db

TALK_VTT = b"""WEBVTT

00:00:00.000 --> 00:00:20.000
Ana Ruiz: Welcome to the budget session.

00:00:20.000 --> 00:00:40.000
Ana Ruiz: The operating reserve covers six months of expenses.

00:00:40.000 --> 00:01:00.000
Ben Okafor: Variance reports compare spending with the approved budget.

00:01:00.000 --> 00:01:20.000
Ben Okafor: The treasurer explains every variance to the committee.
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(root: Path, name: str) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(wav_bytes())
    return name


def media_lesson(
    name: str, *, start: int | None = None, end: int | None = None, published: bool = True
) -> tuple[Lesson, MicroCredential]:
    lesson = Lesson.objects.create(
        title=f"Talk {Lesson.objects.count()}",
        slug=f"talk-{Lesson.objects.count()}",
        kind=LessonKind.MEDIA,
        media_kind=MediaKind.AUDIO,
        start_seconds=start,
        end_seconds=end,
    )
    Lesson.objects.filter(pk=lesson.pk).update(media_file=name)
    lesson.refresh_from_db()
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    if published:
        micro_credential_publish(micro_credential=mc, by=None)
    return lesson, mc


def upload_for(lesson: Lesson) -> Transcript:
    staff = make_user(role=Role.AUTHOR)
    return transcript_upload(filename="talk.vtt", data=TALK_VTT, uploaded_by=staff, lesson=lesson)


def vtt_url(lesson: Lesson) -> str:
    return f"/lessons/{lesson.pk}/captions.vtt"


def test_a_lesson_playing_a_range_has_the_ranges_captions_on_the_recordings_clock(
    media_root: Path,
) -> None:
    recording = stored(media_root, "lessons/talk.wav")
    whole, _ = media_lesson(recording)
    upload_for(whole)
    middle, _ = media_lesson(recording, start=30, end=70)

    cues = lesson_captions(middle)

    assert [(c.start, c.end, c.speaker) for c in cues] == [
        (30.0, 40.0, "Ana Ruiz"),
        (40.0, 60.0, "Ben Okafor"),
        (60.0, 70.0, "Ben Okafor"),
    ]
    assert len(lesson_captions(whole)) == 4


def test_a_lesson_playing_a_clip_has_captions_on_the_clips_own_clock(media_root: Path) -> None:
    recording = stored(media_root, "recordings/talk.wav")
    clip_name = stored(media_root, "clips/x/002-40-80.wav")
    clip, _ = media_lesson(clip_name)
    parsed = parse_transcript(TALK_VTT.decode(), format="vtt")
    transcript_index_recording(
        recording=RecordingTranscript(
            source_key="repurpose-job:1",
            title="Talk",
            recording_file=recording,
            recording_url="",
            filename="talk.vtt",
            format="vtt",
            cues=parsed.cues,
            lessons=(LessonCut(lesson_id=clip.pk, start=40.0, end=80.0, media_offset=40.0),),
        )
    )

    cues = lesson_captions(clip)

    assert [(c.start, c.end) for c in cues] == [(0.0, 20.0), (20.0, 40.0)]
    assert cues[0].text.startswith("Variance reports")


def test_captions_are_found_in_a_bounded_number_of_queries(media_root: Path) -> None:
    lesson, _ = media_lesson(stored(media_root, "lessons/talk.wav"), start=0, end=60)
    upload_for(lesson)

    with CaptureQueriesContext(connection) as queries:
        lesson_captions(lesson)

    assert len(queries) <= 2


def test_the_webvtt_file_holds_the_lessons_captions(client: Client, media_root: Path) -> None:
    lesson, _ = media_lesson(stored(media_root, "lessons/talk.wav"), start=20, end=60)
    upload_for(lesson)

    response = client.get(vtt_url(lesson))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    parsed = parse_transcript(response.content.decode(), format="vtt")
    assert [(c.start, c.end) for c in parsed.cues] == [(20.0, 40.0), (40.0, 60.0)]
    assert "Ben Okafor: Variance reports" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "published", "status"),
    [
        pytest.param("visitor", True, 200, id="published-visitor"),
        pytest.param("learner", True, 200, id="published-learner"),
        pytest.param("visitor", False, 404, id="draft-visitor"),
        pytest.param("learner", False, 404, id="draft-learner"),
        pytest.param("author", False, 200, id="draft-staff"),
    ],
)
def test_captions_are_exactly_as_visible_as_the_lessons_media(
    client: Client, media_root: Path, who: str, published: bool, status: int
) -> None:
    name = stored(media_root, "lessons/talk.wav")
    lesson, _ = media_lesson(name, published=published)
    upload_for(lesson)
    if who != "visitor":
        client.force_login(make_user(role=Role.AUTHOR if who == "author" else Role.LEARNER))

    captions = client.get(vtt_url(lesson))
    media = client.get(f"/media/{name}")

    assert captions.status_code == media.status_code == status


def test_a_members_only_lessons_captions_are_for_members(client: Client, media_root: Path) -> None:
    name = stored(media_root, "lessons/talk.wav")
    lesson, mc = media_lesson(name)
    upload_for(lesson)
    members_only(mc)
    learner, member = make_user(), make_user()
    make_member(member)

    assert client.get(vtt_url(lesson)).status_code == 404
    client.force_login(learner)
    assert client.get(vtt_url(lesson)).status_code == 404
    client.force_login(member)
    assert client.get(vtt_url(lesson)).status_code == 200


def test_a_draft_lesson_sharing_a_published_recording_keeps_its_captions_for_staff(
    client: Client, media_root: Path
) -> None:
    """Captions go lesson by lesson (a lesson's own range, as open as the lesson), even where
    the recording they cut from is public through another lesson."""
    name = stored(media_root, "lessons/talk.wav")
    public, _ = media_lesson(name, start=0, end=40)
    upload_for(public)
    draft, _ = media_lesson(name, start=40, end=80, published=False)

    assert client.get(f"/media/{name}").status_code == 200
    assert client.get(vtt_url(public)).status_code == 200
    assert client.get(vtt_url(draft)).status_code == 404
    client.force_login(make_user(role=Role.AUTHOR))
    assert client.get(vtt_url(draft)).status_code == 200


def test_no_captions_when_the_media_file_is_gone(client: Client, media_root: Path) -> None:
    name = stored(media_root, "lessons/talk.wav")
    lesson, _ = media_lesson(name)
    upload_for(lesson)
    (media_root / name).unlink()

    assert client.get(vtt_url(lesson)).status_code == 404


def test_a_lesson_without_a_transcript_or_without_media_has_no_captions_file(
    client: Client, media_root: Path
) -> None:
    lesson, _ = media_lesson(stored(media_root, "lessons/talk.wav"))
    text_mc = make_micro_credential(lessons=1, quiz=False)
    text_lesson = text_mc.memberships.get().lesson

    assert client.get(vtt_url(lesson)).status_code == 404
    assert client.get(vtt_url(text_lesson)).status_code == 404
    assert client.get("/lessons/999999/captions.vtt").status_code == 404


def test_a_lesson_playing_another_sites_recording_is_captioned_while_the_lesson_is_visible(
    client: Client,
) -> None:
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    lesson = Lesson.objects.create(
        title="Remote", slug="remote", kind=LessonKind.MEDIA, media_kind=MediaKind.VIDEO,
        media_url="https://media.example.org/talk.mp4",
    )  # fmt: skip
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    upload_for(lesson)
    assert client.get(vtt_url(lesson)).status_code == 404

    micro_credential_publish(micro_credential=mc, by=None)

    assert client.get(vtt_url(lesson)).status_code == 200


def test_the_lesson_page_has_the_track_and_the_transcript_to_read(
    client: Client, media_root: Path
) -> None:
    lesson, mc = media_lesson(stored(media_root, "lessons/talk.wav"), start=20, end=60)
    upload_for(lesson)
    client.force_login(make_user())

    page = client.get(f"/m/{mc.slug}/lessons/{lesson.pk}/").content.decode()

    track = f'<track kind="captions" src="/lessons/{lesson.pk}/captions.vtt" srclang="en"'
    assert track in page and "default>" in page
    assert "<summary>Transcript</summary>" in page
    assert "<b>Ben Okafor:</b> Variance reports compare spending" in page
    assert "Welcome to the budget session" not in page  # before the lesson's range
    assert "No captions" not in page


def test_a_media_lesson_without_captions_tells_staff_and_shows_learners_nothing_broken(
    client: Client, media_root: Path
) -> None:
    lesson, mc = media_lesson(stored(media_root, "lessons/talk.wav"))
    url = f"/m/{mc.slug}/lessons/{lesson.pk}/"

    client.force_login(make_user())
    learner_page = client.get(url).content.decode()
    client.force_login(make_user(role=Role.AUTHOR))
    staff_page = client.get(url).content.decode()

    for page in (learner_page, staff_page):
        assert "<track" not in page and "<summary>Transcript</summary>" not in page
    assert "No captions" not in learner_page
    assert "No captions: this lesson's recording has no transcript yet" in staff_page


def test_staff_correct_a_cue_and_captions_passages_and_search_follow(
    client: Client, media_root: Path
) -> None:
    lesson, _ = media_lesson(stored(media_root, "lessons/talk.wav"))
    transcript = upload_for(lesson)
    staff = make_user(role=Role.AUTHOR)
    learner = make_user()
    assert search(query="operating reserve", user=learner, kind=DocumentKind.PASSAGE)

    changed = transcript_cues_correct(
        transcript=transcript,
        texts={1: "The rainy-day fund covers six months of expenses.", 2: TALK_VTT_LINE_3},
        by=staff,
    )

    assert changed == 1  # the third line was already so
    assert "rainy-day fund" in client.get(vtt_url(lesson)).content.decode()
    passage = transcript.passages.get(start_seconds=0.0)
    assert "rainy-day fund" in passage.text and "operating reserve" not in passage.text
    hit = search(query="rainy-day fund", user=learner, kind=DocumentKind.PASSAGE)[0]
    assert "rainy-day fund" in hit.snippet
    indexed = Document.objects.get(passage=passage)
    assert "rainy-day fund" in indexed.body and "operating reserve" not in indexed.body
    assert Document.objects.filter(kind=DocumentKind.PASSAGE).count() == transcript.passages.count()


TALK_VTT_LINE_3 = "Variance reports compare spending with the approved budget."


def test_only_staff_correct_a_transcript_and_a_bad_text_changes_nothing(
    media_root: Path,
) -> None:
    lesson, _ = media_lesson(stored(media_root, "lessons/talk.wav"))
    transcript = upload_for(lesson)
    before = list(TranscriptCue.objects.values_list("text", flat=True))

    with pytest.raises(PermissionDenied):
        transcript_cues_correct(transcript=transcript, texts={0: "Hijacked."}, by=make_user())
    with pytest.raises(TranscriptError, match="blank"):
        transcript_cues_correct(
            transcript=transcript, texts={0: "Fine.", 1: "  "}, by=make_user(role=Role.AUTHOR)
        )
    with pytest.raises(TranscriptError, match="over 10,000 characters"):
        transcript_cues_correct(
            transcript=transcript,
            texts={0: "x" * (MAX_CUE_CHARS + 1)},
            by=make_user(role=Role.AUTHOR),
        )
    with pytest.raises(TranscriptError, match="no longer there"):
        transcript_cues_correct(
            transcript=transcript, texts={99: "Nowhere."}, by=make_user(role=Role.AUTHOR)
        )

    assert list(TranscriptCue.objects.values_list("text", flat=True)) == before


def test_a_recording_handed_over_again_brings_its_corrections_along(media_root: Path) -> None:
    parsed = parse_transcript(TALK_VTT.decode(), format="vtt")
    recording = RecordingTranscript(
        source_key="repurpose-job:7", title="Talk", recording_file="recordings/t.wav",
        recording_url="", filename="t.vtt", format="vtt", cues=parsed.cues,
    )  # fmt: skip
    transcript = transcript_index_recording(recording=recording)
    corrected = (*parsed.cues[:3], Cue(60.0, 80.0, "The treasurer explains each variance."))
    passages_before = set(transcript.passages.values_list("pk", flat=True))

    transcript_index_recording(
        recording=RecordingTranscript(**{**recording.__dict__, "cues": corrected})
    )

    texts = list(transcript.cues.order_by("position").values_list("text", flat=True))
    assert texts[3] == "The treasurer explains each variance."
    assert set(transcript.passages.values_list("pk", flat=True)) == passages_before


def test_a_lesson_page_seen_before_follows_uploads_and_corrections(
    client: Client, media_root: Path
) -> None:
    """The lesson page keeps its captions in the shared cache: every transcript write
    shows at once on a page a learner has already seen."""
    lesson, mc = media_lesson(stored(media_root, "lessons/talk.wav"))
    url = f"/m/{mc.slug}/lessons/{lesson.pk}/"
    client.force_login(make_user())
    assert "<track" not in client.get(url).content.decode()

    transcript = upload_for(lesson)
    page = client.get(url).content.decode()
    assert "<track" in page and "operating reserve" in page

    transcript_cues_correct(
        transcript=transcript, texts={1: "The rainy-day fund covers six months."}, by=None
    )
    page = client.get(url).content.decode()
    assert "rainy-day fund" in page and "operating reserve" not in page


def test_a_clip_lesson_page_seen_before_follows_its_recordings_transcript(
    client: Client, media_root: Path
) -> None:
    recording = stored(media_root, "recordings/talk.wav")
    clip, mc = media_lesson(stored(media_root, "clips/x/002-40-80.wav"))
    url = f"/m/{mc.slug}/lessons/{clip.pk}/"
    client.force_login(make_user())
    assert "<track" not in client.get(url).content.decode()

    transcript_index_recording(
        recording=RecordingTranscript(
            source_key="repurpose-job:1",
            title="Talk",
            recording_file=recording,
            recording_url="",
            filename="talk.vtt",
            format="vtt",
            cues=parse_transcript(TALK_VTT.decode(), format="vtt").cues,
            lessons=(LessonCut(lesson_id=clip.pk, start=40.0, end=80.0, media_offset=40.0),),
        )
    )

    page = client.get(url).content.decode()
    assert "<track" in page and "Variance reports" in page
