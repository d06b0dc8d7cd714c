"""What the migrations make of transcripts indexed before their cues were kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bitewise.search.models import TranscriptCue

BEFORE = [("search", "0003_recordings"), ("repurposing", "0003_segment_lesson")]


@pytest.mark.django_db(transaction=True)
def test_a_published_jobs_transcript_gets_its_cues_from_the_job() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    job = apps.get_model("repurposing", "RepurposeJob").objects.create(
        title="Talk",
        cues=[[0.0, 5.0, "Welcome.", "Ana"], [5.0, 9.5, "Reserves matter.", ""]],
    )
    untimed = apps.get_model("repurposing", "RepurposeJob").objects.create(
        title="Notes", cues=[[0.0, 4.0, "Guessed times.", ""]], cues_are_timed=False
    )
    Transcript = apps.get_model("search", "Transcript")
    made = Transcript.objects.create(
        source_key=f"repurpose-job:{job.pk}", filename="talk", format="speech", cue_count=2
    )
    Transcript.objects.create(
        source_key=f"repurpose-job:{untimed.pk}", filename="notes", format="text", cue_count=1
    )
    Transcript.objects.create(source_key="", filename="upload.vtt", format="vtt", cue_count=3)
    Transcript.objects.create(
        source_key="repurpose-job:999", filename="gone", format="vtt", cue_count=1
    )

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    cues = TranscriptCue.objects.order_by("transcript_id", "position")
    assert [(c.transcript_id, c.position, c.start_seconds, c.end_seconds, c.text, c.speaker)
            for c in cues] == [
        (made.pk, 0, 0.0, 5.0, "Welcome.", "Ana"),
        (made.pk, 1, 5.0, 9.5, "Reserves matter.", ""),
    ]  # fmt: skip
