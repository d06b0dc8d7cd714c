"""Every paginated API route takes bounded page numbers: an enormous page is a 422 with a
message, never a database overflow (a 500)."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.api import api
from bitewise.common.pagination import MAX_PAGE, MAX_PAGE_SIZE
from bitewise.testing import make_micro_credential

pytestmark = pytest.mark.django_db

PAGINATED = ["/api/catalog", "/api/webinars"]


@pytest.mark.parametrize("path", PAGINATED)
@pytest.mark.parametrize(
    ("query", "named"),
    [
        pytest.param("page=461168601842738792", "page", id="offset-overflow"),
        pytest.param(f"page={MAX_PAGE + 1}", "page", id="past-the-last-page-number"),
        pytest.param("page=0", "page", id="zero"),
        pytest.param(f"page_size={MAX_PAGE_SIZE + 1}", "page_size", id="page-too-big"),
        pytest.param("page_size=0", "page_size", id="empty-page"),
    ],
)
def test_a_page_out_of_bounds_is_a_422_that_names_it(
    client: Client, path: str, query: str, named: str
) -> None:
    response = client.get(f"{path}?{query}")

    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{named}: ")


@pytest.mark.parametrize("path", PAGINATED)
def test_the_last_page_number_allowed_is_an_empty_page(client: Client, path: str) -> None:
    make_micro_credential()

    response = client.get(f"{path}?page={MAX_PAGE}&page_size={MAX_PAGE_SIZE}")

    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["count"] >= 0


def test_every_paginated_operation_bounds_its_page_parameters() -> None:
    schema = api.get_openapi_schema()
    paginated = {
        path: {p["name"]: p["schema"] for p in operation.get("parameters", [])}
        for path, item in schema["paths"].items()
        for operation in item.values()
        if any(p["name"] == "page" for p in operation.get("parameters", []))
    }

    assert sorted(paginated) == PAGINATED  # a new one joins the cases above
    for parameters in paginated.values():
        assert parameters["page"]["maximum"] == MAX_PAGE
        page_size = parameters["page_size"]
        bounded = [page_size, *page_size.get("anyOf", [])]
        assert any(s.get("maximum") == MAX_PAGE_SIZE for s in bounded)
