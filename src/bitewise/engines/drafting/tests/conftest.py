from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bitewise.engines.drafting.related import Related

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
# the sentence-embedding model the search app ships (a static model2vec model, numpy only)
MODEL = Path(__file__).resolve().parents[2] / "embeddings" / "model"


@pytest.fixture(scope="session")
def related() -> Related:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    return Related.from_static_model(StaticModel.from_pretrained(str(MODEL)))


@pytest.fixture(scope="session")
def four_topics() -> list[dict[str, str]]:
    topics: list[dict[str, str]] = json.loads((DATA / "four_topics.json").read_text())["topics"]
    return topics
