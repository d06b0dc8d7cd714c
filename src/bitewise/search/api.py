"""The search API router (mounted in bitewise/api.py)."""

from ninja import Router

router = Router(tags=["search"])
