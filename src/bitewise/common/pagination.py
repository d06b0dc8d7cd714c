"""The one pagination of every paginated API route: page numbers, with both parameters
bounded so that no page turns into an offset the database cannot hold (a 422 instead)."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000  # 1,000,000 rows at the largest page size: far past any real list


class Paginated(PageNumberPagination):
    """``@paginate(Paginated)`` under ``@router.get(..., response=list[ItemOut])``."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE}")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE, description=f"1 to {MAX_PAGE_SIZE}; {PAGE_SIZE} if unset"
        )

    def __init__(self, **kwargs: object) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)  # type: ignore[arg-type]
