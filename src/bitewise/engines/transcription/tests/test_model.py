from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

import pytest

from bitewise.engines.transcription import (
    MODEL_SHA256,
    TranscriptionError,
    assemble_from_packages,
    load_model,
    pick_device,
    resolve_model,
)
from bitewise.engines.transcription import model as model_module

PART_ONE, PART_TWO = b"first half of the weights|", b"second half"
FAKE_SHA256 = hashlib.sha256(PART_ONE + PART_TWO).hexdigest()
FAKE_PACKAGES = ("fake_whisper_part1", "fake_whisper_part2")


@pytest.fixture
def fake_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    """Two tiny importable packages shaped like the real ones (a few bytes, not 145 MB)."""
    site = tmp_path / "site"
    for number, name in enumerate(FAKE_PACKAGES, 1):
        (site / name / "data").mkdir(parents=True)
        (site / name / "__init__.py").write_text("raise RuntimeError('never imported')\n")
        (site / name / "data" / f"model.bin.part{number}").write_bytes(
            (PART_ONE, PART_TWO)[number - 1]
        )
    for side in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (site / FAKE_PACKAGES[0] / "data" / side).write_text(side)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    return FAKE_PACKAGES


def test_the_packaged_model_is_assembled_with_the_published_hash(model_cache: Path) -> None:
    folder = model_cache / "whisper-base"
    assert model_module.sha256_of(folder / "model.bin") == MODEL_SHA256
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        assert (folder / name).stat().st_size > 0
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".model.bin")) == []


def test_an_assembled_model_is_not_hashed_again(
    model_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = model_cache / "whisper-base" / "model.bin"
    before = model.stat().st_mtime_ns

    def no_rehash(path: Path) -> str:
        raise AssertionError("the marker should have spared this")

    monkeypatch.setattr(model_module, "sha256_of", no_rehash)
    assert resolve_model("base-packaged", model_cache) == str(model.parent)
    assert model.stat().st_mtime_ns == before


def test_it_joins_the_parts_without_importing_the_packages(
    tmp_path: Path, fake_packages: tuple[str, ...]
) -> None:
    target = tmp_path / "model"
    assert assemble_from_packages(target, packages=fake_packages, expected_sha256=FAKE_SHA256)
    assert (target / "model.bin").read_bytes() == PART_ONE + PART_TWO
    assert (target / "tokenizer.json").read_text() == "tokenizer.json"


def test_a_part_with_the_wrong_hash_leaves_no_model(
    tmp_path: Path, fake_packages: tuple[str, ...]
) -> None:
    target = tmp_path / "model"
    with pytest.raises(TranscriptionError, match="damaged or was tampered with"):
        assemble_from_packages(target, packages=fake_packages, expected_sha256=MODEL_SHA256)
    assert not [p for p in target.iterdir() if "model.bin" in p.name]


def test_a_model_changed_after_checking_is_checked_and_rebuilt(
    tmp_path: Path, fake_packages: tuple[str, ...]
) -> None:
    target = tmp_path / "model"
    assemble_from_packages(target, packages=fake_packages, expected_sha256=FAKE_SHA256)
    model = target / "model.bin"
    model.write_bytes(b"X" * len(PART_ONE + PART_TWO))  # same size, new content and mtime
    os.utime(model, ns=(1, 1))

    assemble_from_packages(target, packages=fake_packages, expected_sha256=FAKE_SHA256)

    assert model.read_bytes() == PART_ONE + PART_TWO


def test_a_missing_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(TranscriptionError, match='"no_such_whisper_part" is not installed'):
        assemble_from_packages(tmp_path, packages=("no_such_whisper_part",))


def test_a_model_folder_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"weights")
    (tmp_path / "config.json").write_text("{}")
    assert resolve_model(str(tmp_path), tmp_path / "cache") == str(tmp_path)


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(TranscriptionError, match=r"lacks model\.bin"):
        resolve_model(str(tmp_path), tmp_path / "cache")


def test_a_size_name_is_left_for_faster_whisper_to_download(tmp_path: Path) -> None:
    assert resolve_model("small", tmp_path) == "small"


def test_an_unknown_spec_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TranscriptionError, match="neither a model folder nor a known model size"):
        resolve_model("gigantic", tmp_path)


def test_a_download_that_cannot_happen_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)  # as if offline
    with pytest.raises(
        TranscriptionError, match='set the model to a local model folder or to "base-packaged"'
    ):
        load_model("tiny", tmp_path)
    assert not (tmp_path / "hub").exists() or not any((tmp_path / "hub").rglob("model.bin"))


def test_a_folder_whose_model_will_not_load_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"not weights")
    (tmp_path / "config.json").write_text("{}")
    loading = r"could not be loaded on cpu \(int8\)\. \("
    with pytest.raises(TranscriptionError, match=loading):
        load_model(str(tmp_path), tmp_path / "cache")


@pytest.mark.parametrize(("gpus", "device"), [(0, "cpu"), (1, "cuda")])
def test_auto_picks_the_gpu_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch, gpus: int, device: str
) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: gpus)
    assert pick_device("auto") == device
    assert pick_device("cpu") == "cpu"
