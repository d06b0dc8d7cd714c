"""Transcription benchmark: faster-whisper base (CTranslate2, int8, CPU) on synthetic speech
(espeak-ng) with a known text: real-time factor and word error rate of plain faster-whisper and
of the product's engine under several settings, side by side; peak memory and model load.

    .venv/bin/python benchmarks/transcription_bench.py [--no-write] [--rounds 3]

The machine is shared, so every setting runs once per round, in turn, in the same process
(interleaved), and the report gives medians and each setting's time as a ratio to plain
faster-whisper's in the same rounds. The 5 min clip is then transcribed by plain
faster-whisper and by the engine's default, interleaved, and once more by the default in a
fresh child process that reports its own peak RSS (a baseline child imports the same modules
and decodes the same audio without transcribing). ffmpeg decodes in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from credentials_bench import machine_info  # noqa: E402
from results import write_section  # noqa: E402

from bitewise.engines.media import decode_audio  # noqa: E402
from bitewise.engines.transcription import (  # noqa: E402
    PACKAGED,
    load_model,
    resolve_model,
    transcribe,
    word_error_rate,
)
from bitewise.engines.transcription.transcribe import (  # noqa: E402
    BATCH_SIZE,
    BEAM_SIZE,
    cpu_threads,
)

SAMPLE_RATE = 16000
# Five paragraphs of about 150 words on the topics our members study; the first is the 60 s
# clip, all five the 5 min clip. Numbers are spelled out (the WER does not spell digits).
PARAGRAPHS = (
    "Continuing education keeps professional knowledge current. Most licensing boards ask "
    "members to complete a set number of credit hours in every renewal cycle, and each "
    "accredited course states how many hours it is worth. A credit usually stands for one "
    "hour of structured learning, although some boards count a fifty minute session as a "
    "full hour. Before a course is published, the association checks its learning "
    "objectives, its assessment and the qualifications of the presenter. Members should "
    "keep every certificate for at least five years, because auditors may ask to see them "
    "long after the renewal was approved. When a member holds licenses in more than one "
    "state, the same course can often count toward each of them, but only if every board "
    "has approved the provider. Reporting deadlines differ between boards, so the learning "
    "record shows the date each credit was earned and the body that accepted it.",
    "Medication safety depends on clear communication between the pharmacist, the "
    "prescriber and the patient. A good counseling session begins by confirming the "
    "patient's name and date of birth, then explains what the medicine is for, how to take "
    "it and which side effects deserve a call to the clinic. Look-alike and sound-alike "
    "drug names cause a surprising share of dispensing errors, which is why many pharmacies "
    "print part of the name in capital letters and keep those products on separate shelves. "
    "When a prescription seems unusual, the pharmacist should contact the prescriber before "
    "filling it rather than guess at the intention. Every near miss is worth reporting, "
    "even when no harm was done, because the pattern behind several small mistakes often "
    "points to a problem in the process rather than in one person's attention.",
    "A project charter is the shortest document that lets a team start work with "
    "confidence. It names the sponsor who can make decisions, the problem the project "
    "solves, the outcome that will count as success and the limits on time and budget. It "
    "also lists what is out of scope, which prevents many arguments later on. Once the "
    "charter is signed, the project manager breaks the work into deliverables small enough "
    "to estimate, assigns an owner to each one and agrees on how progress will be reported. "
    "Risks are recorded with their likelihood, their impact and the person watching them. "
    "A weekly status note that covers what was finished, what is blocked and which "
    "decisions are needed keeps the sponsor informed without long meetings. At the end, a "
    "short review of what went well and what to change is the cheapest training a team "
    "will ever receive.",
    "Workplace safety programs work best when hazards are found before anyone is hurt. "
    "Supervisors walk through each area on a regular schedule, looking for blocked exits, "
    "damaged cords, missing guards and spills that have not been cleaned up. Workers are "
    "encouraged to stop a task that feels unsafe and to report the concern without fear of "
    "blame. Personal protective equipment is the last line of defense, not the first: it is "
    "always better to remove a hazard or to change the process than to rely on gloves and "
    "goggles alone. New employees receive training on the specific risks of their role "
    "during their first week, and everyone repeats the emergency procedures at least once a "
    "year. When an incident does happen, the investigation asks what allowed it to occur "
    "and what will prevent it next time, instead of simply naming who was at fault.",
    "Privacy law gives people the right to know what information an organization holds "
    "about them and why. Before collecting personal data, the association should decide "
    "what it truly needs, how long it will keep it and who may see it. Membership records, "
    "payment details and exam results each call for different protection. Staff should "
    "share personal information only with people who need it for their work, and should "
    "never send it by ordinary email when a secure portal is available. If a laptop is "
    "lost or a message reaches the wrong person, the incident must be reported at once so "
    "that the privacy officer can judge whether members and regulators need to be told. "
    "Clear retention rules reduce risk as well: information that no longer serves a "
    "purpose should be deleted on schedule, because data that does not exist cannot be "
    "stolen.",
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds per setting")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=["baseline", "transcribe"], help=argparse.SUPPRESS)
    parser.add_argument("--audio", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def synthesize(text: str, path: Path) -> Path:
    command = ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return path


def peak_rss_mib() -> float:
    """This process's RSS high-water mark (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, audio_path: Path, cache: Path) -> None:
    """Runs in a fresh process; prints one JSON line. Both modes import the same modules."""
    import faster_whisper  # noqa: F401  (the transcribing child would import it anyway)

    audio = decode_audio(audio_path, timeout=600.0)
    result: dict[str, Any] = {"seconds": len(audio) / SAMPLE_RATE}
    if mode == "transcribe":
        began = time.perf_counter()
        load_model(PACKAGED, cache)
        result["load_s"] = time.perf_counter() - began
        began = time.perf_counter()
        transcript = transcribe(audio, model_spec=PACKAGED, cache_dir=cache)
        result["transcribe_s"] = time.perf_counter() - began
        result["text"] = " ".join(cue.text for cue in transcript.cues)
        result["cues"] = len(transcript.cues)
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))


def run_child(mode: str, audio_path: Path, cache: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--audio", str(audio_path)]
    command += ["--cache", str(cache)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600)
    result: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


Run = Callable[[Any], str]  # audio in, text out


def plain(cache: Path, threads: int) -> Run:
    """faster-whisper as its README shows it: WhisperModel(...).transcribe(audio), defaults
    (beam 5, no VAD, no word timestamps), on the same packaged model files."""
    from faster_whisper import WhisperModel

    model = WhisperModel(
        resolve_model(PACKAGED, cache), device="cpu", compute_type="int8", cpu_threads=threads
    )

    def run(audio: Any) -> str:
        segments, _ = model.transcribe(audio)
        return " ".join(s.text.strip() for s in segments)

    return run


def engine(cache: Path, **settings: Any) -> Run:
    load_model(PACKAGED, cache, threads=settings.get("threads", 0))

    def run(audio: Any) -> str:
        transcript = transcribe(audio, model_spec=PACKAGED, cache_dir=cache, **settings)
        return " ".join(cue.text for cue in transcript.cues)

    return run


def settings_table(cache: Path) -> dict[str, Run]:
    """Each setting by name; the first is the baseline the others are compared with."""
    cores = cpu_threads()
    return {
        "faster-whisper plain (beam 5, 4 threads, no VAD, no word times)": plain(cache, 0),
        f"faster-whisper plain, {cores} threads": plain(cache, cores),
        "engine before (beam 5, 4 threads, VAD, word times)": engine(
            cache, beam_size=5, threads=4, batch_size=0
        ),
        "engine beam 1, 4 threads": engine(cache, beam_size=1, threads=4, batch_size=0),
        f"engine beam 1, {cores} threads": engine(cache, beam_size=1, batch_size=0),
        f"engine beam 5, {cores} threads, one window at a time": engine(cache, batch_size=0),
        f"engine beam 5, {cores} threads, no VAD": engine(cache, vad=False, batch_size=0),
        f"engine beam 1, {cores} threads, batched (8)": engine(cache, beam_size=1, batch_size=8),
        f"engine beam 5, {cores} threads, batched (4)": engine(cache, batch_size=4),
        f"**engine default: beam {BEAM_SIZE}, {cores} threads, VAD, batched ({BATCH_SIZE})**": (
            engine(cache)
        ),
    }


def interleaved(
    runs: dict[str, Run], audio: Any, text: str, rounds: int
) -> dict[str, dict[str, float]]:
    """Every setting once per round, in turn; medians of seconds and WER, and the median of
    each round's ratio to the first setting's seconds."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    wers: dict[str, list[float]] = {name: [] for name in runs}
    for number in range(rounds):
        for name, run in runs.items():
            began = time.perf_counter()
            heard = run(audio)
            seconds[name].append(time.perf_counter() - began)
            wers[name].append(word_error_rate(text, heard))
            print(f"  round {number + 1}: {name}: {seconds[name][-1]:.1f} s, "
                  f"WER {wers[name][-1]:.3f}", flush=True)  # fmt: skip
    first = next(iter(runs))
    duration = len(audio) / SAMPLE_RATE
    return {
        name: {
            "seconds": statistics.median(seconds[name]),
            "rtf": statistics.median(seconds[name]) / duration,
            "wer": statistics.median(wers[name]),
            "ratio": statistics.median(
                s / b for s, b in zip(seconds[name], seconds[first], strict=True)
            ),
        }
        for name in runs
    }


def load_average() -> float:
    return os.getloadavg()[0]


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        child(args.child, args.audio, args.cache)
        return
    info = machine_info()
    figures: dict[str, Any] = {"load_start": load_average()}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cache = work / "models"
        began = time.perf_counter()
        resolve_model(PACKAGED, cache)
        figures["assemble_s"] = time.perf_counter() - began
        began = time.perf_counter()
        resolve_model(PACKAGED, cache)
        figures["reuse_s"] = time.perf_counter() - began
        long_text = " ".join(PARAGRAPHS)
        long_path = synthesize(long_text, work / "long.wav")
        long = decode_audio(long_path, timeout=600.0)
        figures["long_seconds"] = len(long) / SAMPLE_RATE
        runs = settings_table(cache)
        print(f"{figures['long_seconds']:.0f} s clip, {args.rounds} rounds", flush=True)
        figures["table"] = interleaved(runs, long, long_text, args.rounds)
        figures["load_end"] = load_average()
        print("5 min clip: baseline and transcription children", flush=True)
        figures["baseline"] = run_child("baseline", long_path, cache)
        figures["child"] = run_child("transcribe", long_path, cache)
    lines = report(info, figures, args.rounds)
    print("\n".join(lines))
    if not args.no_write:
        write_section("transcription", lines)


def report(info: dict[str, str], figures: dict[str, Any], rounds: int) -> list[str]:
    child, baseline = figures["child"], figures["baseline"]
    lines = [
        "## Transcription (faster-whisper base, CPU int8): speed and accuracy side by side",
        "",
        f"{info['date']} · {info['cpu']}, {info['nproc']} cores, {info['memory']} · "
        f"Python {info['python']}, faster-whisper {metadata.version('faster-whisper')}, "
        f"ctranslate2 {metadata.version('ctranslate2')} · commit {info['commit']} · "
        f"load average {figures['load_start']:.1f} at the start, {figures['load_end']:.1f} "
        "at the end (the machine is shared: compare ratios, not seconds)",
        "",
        '`benchmarks/transcription_bench.py`: the packaged Whisper base model ("base-packaged",',
        "CTranslate2 int8 on CPU, language detected) on espeak-ng speech (en-us, 150 words/min)",
        "of written paragraphs about continuing education, pharmacy, projects, safety and",
        "privacy. *Plain* is faster-whisper as its README shows it (`WhisperModel(...)",
        ".transcribe(audio)`: beam 5, no VAD, no word timestamps, 4 CPU threads by default);",
        "*engine* is `bitewise.engines.transcription.transcribe` (Silero VAD, word timestamps,",
        "which the cues need for sentence splitting and word confidence; *batched* decodes the",
        "VAD's speech chunks several at a time with faster-whisper's `BatchedInferencePipeline`).",
        f"Every setting ran once per round, in turn, {rounds} rounds; medians. Real-time",
        "factor = wall time / audio length (model loaded; lower is faster); *vs plain* = the",
        "median of each round's time over plain's in that round. WER after lowercasing and",
        "dropping punctuation.",
        "",
        f"**{figures['long_seconds']:.0f} s clip** (all five paragraphs, "
        f"{len(' '.join(PARAGRAPHS).split())} words)",
        "",
        "| setting | time | real-time factor | vs plain | WER |",
        "|---|---|---|---|---|",
    ]
    for name, row in figures["table"].items():
        lines.append(
            f"| {name} | {row['seconds']:.1f} s | {row['rtf']:.3f} | {row['ratio']:.2f} | "
            f"{row['wer']:.3f} |"
        )
    lines += [
        "",
        f"- Peak RSS of a fresh process transcribing the 5 min clip with the default: "
        f"**{child['peak_rss_mib']:.0f} MiB**; the same process only importing and decoding "
        f"the audio: {baseline['peak_rss_mib']:.0f} MiB. That child took "
        f"{child['transcribe_s']:.1f} s (real-time factor "
        f"{child['transcribe_s'] / child['seconds']:.3f}) after a {child['load_s']:.2f} s "
        "model load.",
        f'- First use of "base-packaged": joining the two parts and checking the SHA-256 took '
        f"{figures['assemble_s']:.2f} s; later uses read the marker: "
        f"{figures['reuse_s'] * 1000:.0f} ms.",
    ]
    return lines


if __name__ == "__main__":
    main()
