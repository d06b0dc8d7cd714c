from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.local_issuers import database_issuers
from bitewise.credentials.services.verification import verify_bytes
from bitewise.learning.models import Award
from bitewise.testing import make_micro_credential, make_pathway, make_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("credentials", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_issue_awards_signs_and_prints_the_public_url_and_id() -> None:
    learner, mc = make_user(email="ana@example.org"), make_micro_credential()

    url, credential_id = run(
        "issue", "--learner", "ANA@example.org", "--achievement", mc.slug
    ).split()

    credential = IssuedCredential.objects.get(learner=learner)
    assert credential_id == str(credential.pk)
    assert url == f"https://learn.example.org/credentials/{credential.pk}"
    assert credential.award.snapshot["granted"] == {"by": None}


def test_issue_a_pathway_and_twice_is_still_one_credential() -> None:
    learner, pathway = make_user(), make_pathway([make_micro_credential()])
    args = ("issue", "--learner", learner.email, "--achievement", pathway.slug, "--pathway")

    first, again = run(*args), run(*args)

    assert first == again
    assert IssuedCredential.objects.filter(award__pathway=pathway).count() == 1


@pytest.mark.parametrize(
    ("learner", "slug", "message"),
    [
        ("nobody@example.org", "MC", "No account"),
        ("LEARNER", "no-such-slug", "No micro-credential"),
    ],
    ids=["unknown-email", "unknown-slug"],
)
def test_issue_refuses_an_unknown_learner_or_slug_and_creates_nothing(
    learner: str, slug: str, message: str
) -> None:
    known, mc = make_user(), make_micro_credential()
    args = {"LEARNER": known.email}.get(learner, learner), {"MC": mc.slug}.get(slug, slug)
    with pytest.raises(CommandError, match=message):
        run("issue", "--learner", args[0], "--achievement", args[1])
    assert not Award.objects.exists() and not IssuedCredential.objects.exists()


def test_a_pathway_slug_without_the_flag_is_not_found() -> None:
    learner, pathway = make_user(), make_pathway([make_micro_credential()])
    with pytest.raises(CommandError, match="--pathway"):
        run("issue", "--learner", learner.email, "--achievement", pathway.slug)


@pytest.fixture
def credential() -> IssuedCredential:
    learner, mc = make_user(), make_micro_credential()
    run("issue", "--learner", learner.email, "--achievement", mc.slug)
    return IssuedCredential.objects.get()


def test_export_writes_json_ld_to_standard_output(credential: IssuedCredential) -> None:
    out = run("export", str(credential.pk), "--format", "jsonld")
    assert verify_bytes(out.encode(), local=database_issuers)[1].is_valid


@pytest.mark.parametrize("fmt", ["png", "svg", "jwt"])
def test_export_writes_a_verifiable_file(
    credential: IssuedCredential, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"badge.{fmt}"
    run("export", str(credential.pk), "--format", fmt, "--out", str(target))
    kind, result = verify_bytes(target.read_bytes(), local=database_issuers)
    assert kind == fmt and result.is_valid, result.reason


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "00000000-0000-0000-0000-000000000000", "--format", "jsonld"], "No credential"),
        (["export", "not-a-uuid", "--format", "jsonld"], "Not a credential id"),
        (["export", "ID", "--format", "pdf"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
    ids=["unknown-id", "malformed-id", "bad-format", "bad-subcommand"],
)
def test_export_refuses_bad_input(
    credential: IssuedCredential, args: list[str], message: str
) -> None:
    args = [str(credential.pk) if a == "ID" else a for a in args]
    with pytest.raises(CommandError, match=message):
        run(*args)
