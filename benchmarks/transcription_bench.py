"""Transcription benchmark: faster-whisper base (CTranslate2, int8, CPU) on synthetic speech
(espeak-ng) with a known text: real-time factor, word error rate, peak memory, model load.

    .venv/bin/python benchmarks/transcription_bench.py [--no-write] [--runs 3]

The 60 s clip is transcribed ``--runs`` times in this process (median reported), beam 5 (the
engine's default) and beam 1 (greedy). The 5 min clip is transcribed once, in a fresh child
process that reports its own peak RSS; a baseline child imports the same modules and decodes
the same audio without transcribing. ffmpeg decodes in its own process, not counted.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from credentials_bench import background_load, machine_info  # noqa: E402
from results import write_section  # noqa: E402

from bitewise.engines.media import decode_audio  # noqa: E402
from bitewise.engines.transcription import (  # noqa: E402
    PACKAGED,
    load_model,
    resolve_model,
    transcribe,
    word_error_rate,
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
    parser.add_argument("--runs", type=int, default=3, help="runs of the 60 s clip per beam")
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


def timed_runs(
    audio: Any, text: str, cache: Path, runs: int, beam_size: int
) -> tuple[float, float, float]:
    """Median seconds, median real-time factor and median WER over ``runs``."""
    seconds, wers = [], []
    for _ in range(runs):
        began = time.perf_counter()
        transcript = transcribe(audio, model_spec=PACKAGED, cache_dir=cache, beam_size=beam_size)
        seconds.append(time.perf_counter() - began)
        wers.append(word_error_rate(text, " ".join(cue.text for cue in transcript.cues)))
        print(f"  beam {beam_size}: {seconds[-1]:.1f} s, WER {wers[-1]:.3f}", flush=True)
    duration = len(audio) / SAMPLE_RATE
    median = statistics.median(seconds)
    return median, median / duration, statistics.median(wers)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        child(args.child, args.audio, args.cache)
        return
    info = machine_info()
    load, _ = background_load()
    figures: dict[str, Any] = {"background": load}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cache = work / "models"
        began = time.perf_counter()
        resolve_model(PACKAGED, cache)
        figures["assemble_s"] = time.perf_counter() - began
        began = time.perf_counter()
        resolve_model(PACKAGED, cache)
        figures["reuse_s"] = time.perf_counter() - began
        short_text, long_text = PARAGRAPHS[0], " ".join(PARAGRAPHS)
        short = synthesize(short_text, work / "short.wav")
        long = synthesize(long_text, work / "long.wav")
        print("5 min clip: baseline and transcription children", flush=True)
        figures["baseline"] = run_child("baseline", long, cache)
        figures["long"] = run_child("transcribe", long, cache)
        figures["long"]["wer"] = word_error_rate(long_text, figures["long"]["text"])
        print(json.dumps({k: v for k, v in figures["long"].items() if k != "text"}), flush=True)
        began = time.perf_counter()
        load_model(PACKAGED, cache)
        figures["load_in_process_s"] = time.perf_counter() - began
        audio = decode_audio(short, timeout=600.0)
        figures["short_seconds"] = len(audio) / SAMPLE_RATE
        print(f"60 s clip ({figures['short_seconds']:.1f} s), {args.runs} runs", flush=True)
        figures["beam5"] = timed_runs(audio, short_text, cache, args.runs, 5)
        figures["beam1"] = timed_runs(audio, short_text, cache, args.runs, 1)
    lines = report(info, figures, args.runs)
    print("\n".join(lines))
    if not args.no_write:
        write_section("transcription", lines)


def report(info: dict[str, str], figures: dict[str, Any], runs: int) -> list[str]:
    long, baseline = figures["long"], figures["baseline"]
    long_rtf = long["transcribe_s"] / long["seconds"]
    rows = [
        ("60 s clip, beam 5 (default)", figures["short_seconds"], *figures["beam5"], runs),
        ("60 s clip, beam 1 (greedy)", figures["short_seconds"], *figures["beam1"], runs),
        ("5 min clip, beam 5 (default)", long["seconds"], long["transcribe_s"], long_rtf,
         long["wer"], 1),
    ]  # fmt: skip
    lines = [
        "## Transcription (faster-whisper base, CPU int8)",
        "",
        f"{info['date']} · {info['cpu']}, {info['nproc']} cores, {info['memory']} · "
        f"Python {info['python']}, faster-whisper {metadata.version('faster-whisper')}, "
        f"ctranslate2 {metadata.version('ctranslate2')} · commit {info['commit']} · "
        f"other processes kept {figures['background']:.1f} cores busy at the start",
        "",
        "`benchmarks/transcription_bench.py`: `bitewise.engines.transcription.transcribe` with",
        'the packaged Whisper base model ("base-packaged", CTranslate2 int8 on CPU, Silero VAD,',
        "word timestamps, language detected) on espeak-ng speech (en-us, 150 words/min) of five",
        "written paragraphs about continuing education, pharmacy, projects, safety and",
        "privacy; the 60 s clip is the first paragraph. Real-time factor = transcription wall",
        "time / audio length (model already loaded; lower is faster). WER after lowercasing and",
        "dropping punctuation (`bitewise.engines.transcription.wer`). Synthetic speech is",
        "cleaner than a webinar but robotic: Whisper mishears some words of espeak's voice.",
        "",
        "| clip | audio | runs | transcription (median) | real-time factor | WER |",
        "|---|---|---|---|---|---|",
    ]
    for name, seconds, took, rtf, wer, count in rows:
        lines.append(
            f"| {name} | {seconds:.1f} s | {count} | {took:.1f} s | {rtf:.2f} | {wer:.3f} |"
        )
    lines += [
        "",
        f"- Peak RSS of a fresh process transcribing the 5 min clip: "
        f"**{long['peak_rss_mib']:.0f} MiB**; the same process only importing and decoding "
        f"the audio: {baseline['peak_rss_mib']:.0f} MiB (so the model and transcription add "
        f"{long['peak_rss_mib'] - baseline['peak_rss_mib']:.0f} MiB).",
        f"- Model load: {long['load_s']:.2f} s in a fresh process, "
        f"{figures['load_in_process_s']:.2f} s for the benchmark's own first load (files in "
        "the page cache both times).",
        f'- First use of "base-packaged": joining the two parts and checking the SHA-256 took '
        f"{figures['assemble_s']:.2f} s; later uses read the marker: "
        f"{figures['reuse_s'] * 1000:.0f} ms.",
        f"- An hour of audio at the 5 min clip's pace takes about {long_rtf * 60:.0f} min on "
        f"this machine ({info['nproc']} cores).",
    ]
    return lines


if __name__ == "__main__":
    main()
