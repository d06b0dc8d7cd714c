"""A verifier's requests arriving together at a threaded server: every one is answered.

The public page verifies the credential and the status list is signed with the same JSON-LD
machinery, both again after each change; a fresh server meets its first requests with cold
caches, which is when two threads used to collide inside the JSON-LD library and one of them
got a 500 (or a valid badge shown as not valid).
"""

from __future__ import annotations

import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.published import status_list_changed
from bitewise.engines.ob3.rdfc import canonicalization_caches_clear
from bitewise.testing import earn, make_micro_credential, make_skill, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 16
ROUNDS = 12


@pytest.fixture(autouse=True)
def frequent_thread_switches() -> Iterator[None]:
    # Threads switch every microsecond instead of every 5 ms, so requests meet inside
    # shared caches as often as hours of real traffic would make them.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


@pytest.fixture
def credentials() -> list[IssuedCredential]:
    """Credentials of different shapes (one to six skills, with and without an expiry):
    each shape is learnt anew after a cold start, so more of the work overlaps."""
    for n, validity in ((1, None), (2, 12), (3, None), (4, 12), (5, None), (6, 12)):
        skills = [make_skill(f"Skill {n}.{k}") for k in range(n)]
        earn(make_user(), make_micro_credential(skills=skills, validity_months=validity))
    return list(IssuedCredential.objects.order_by("issued_at"))


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def all_at_once(urls: dict[str, str]) -> list[tuple[str, int, str]]:
    """CLIENTS clients start together; each asks for every URL, starting at a different one."""
    barrier = threading.Barrier(CLIENTS)
    answers: list[tuple[str, int, str]] = []
    names = list(urls)

    def client(index: int) -> None:
        barrier.wait()
        for name in names[index % len(names) :] + names[: index % len(names)]:
            status, body = fetch(urls[name])
            answers.append((name, status, body))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_the_public_page_answers_every_one_of_many_simultaneous_requests(
    live_server, credentials: list[IssuedCredential]
) -> None:
    [credential, *others] = credentials
    status_path = urlsplit(credential.document["credentialStatus"]["statusListCredential"]).path
    urls = {
        "page": f"{live_server.url}/credentials/{credential.pk}",
        **{f"page {n}": f"{live_server.url}/credentials/{c.pk}" for n, c in enumerate(others)},
        "json": f"{live_server.url}/credentials/{credential.pk}.json",
        "status list": f"{live_server.url}{status_path}",
        "did": f"{live_server.url}/.well-known/did.json",
    }
    for round_number in range(ROUNDS):
        canonicalization_caches_clear()  # a freshly started server
        # and a changed list: it is signed again, and each page verifies again
        status_list_changed(status_list_id=credential.status_list_id)
        answers = all_at_once(urls)
        failed = [(name, status, body[-300:]) for name, status, body in answers if status != 200]
        assert failed == [], f"round {round_number}: {failed[:2]}"
        assert len(answers) == CLIENTS * len(urls)
        pages = [body for name, _, body in answers if name.startswith("page")]
        assert len(pages) == CLIENTS * len(credentials)
        assert all('badge-earned">Valid' in page for page in pages), f"round {round_number}"
        lists = [body for name, _, body in answers if name == "status list"]
        assert all('"BitstringStatusListCredential"' in body for body in lists)
