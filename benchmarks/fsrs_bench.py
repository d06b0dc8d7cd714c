"""FSRS replay benchmark: does the scheduler predict recall better than a constant average?

    .venv/bin/python benchmarks/fsrs_bench.py [--log PATH] [--no-write]

--log defaults to ../shared/data/fsrs/review_logs.csv beside the repository.

Replays a real review log (12,580 reviews of 1,205 cards, see ../shared/data/fsrs/README.md)
through bitewise.engines.spacing with FSRS-6 default parameters. Before each review after a
card's first, it predicts recall (retrievability) without seeing the outcome (recalled =
any rating but Again), then learns from it. The baseline in the same run predicts the
running mean recall rate of the reviews scored before. Scores: log loss and AUC (and RMSE
over 20 probability bins), on the reviews a day or more after the previous one (what the
scheduler is for: Bitewise never schedules a card twice in a day) and on all of them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from credentials_bench import machine_info  # noqa: E402
from results import write_section  # noqa: E402

from bitewise.engines.spacing.replay import (  # noqa: E402
    Predictions,
    Score,
    read_log,
    replay,
    running_mean,
    score,
)

DEFAULT_LOG = ROOT.parent / "shared" / "data" / "fsrs" / "review_logs.csv"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", type=Path, default=DEFAULT_LOG)
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def scores(result: Predictions, *, cross_day: bool) -> dict[str, Score]:
    kept = [i for i, same_day in enumerate(result.same_day) if not (cross_day and same_day)]
    outcomes = [result.outcomes[i] for i in kept]
    return {
        "FSRS-6 (whole days, as scheduled)": score(outcomes, [result.fsrs[i] for i in kept]),
        "FSRS-6 (fractional days)": score(outcomes, [result.fsrs_fractional[i] for i in kept]),
        "baseline: running mean": score(outcomes, running_mean(outcomes)),
    }


def table(title: str, rows: dict[str, Score]) -> list[str]:
    first = next(iter(rows.values()))
    lines = [
        f"**{title}**: {first.reviews:,} reviews scored, {first.recall_rate:.1%} recalled.",
        "",
        "| model | log loss ↓ | AUC ↑ | RMSE (bins) ↓ |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {s.log_loss:.4f} | {s.auc:.4f} | {s.rmse_bins:.4f} |"
        for name, s in rows.items()
    ]
    return [*lines, ""]


def verdict(rows: dict[str, Score]) -> str:
    fsrs, base = rows["FSRS-6 (whole days, as scheduled)"], rows["baseline: running mean"]
    wins = fsrs.log_loss < base.log_loss and fsrs.auc > base.auc
    return (
        f"FSRS {'beats' if wins else 'does NOT beat'} the baseline: log loss "
        f"{fsrs.log_loss:.4f} vs {base.log_loss:.4f} ({fsrs.log_loss / base.log_loss:.2f}x), "
        f"AUC {fsrs.auc:.4f} vs {base.auc:.4f}."
    )


def section(args: argparse.Namespace, result: Predictions, seconds: float) -> list[str]:
    machine = machine_info()
    cross, every = scores(result, cross_day=True), scores(result, cross_day=False)
    same_day = sum(result.same_day)
    same_day_recalled = sum(
        y for y, same in zip(result.outcomes, result.same_day, strict=True) if same
    ) / max(1, same_day)
    return [
        "# FSRS replay: predicted recall on a real review log",
        "",
        "Written by `benchmarks/fsrs_bench.py` (see its docstring); each run replaces this "
        "section.",
        "",
        f"- **date**: {machine['date']}",
        f"- **machine**: {machine['nproc']} cores (nproc), {machine['cpu']}, {machine['memory']}; "
        f"Python {machine['python']}",
        f"- **commit**: {machine['commit']}",
        f"- **log**: `{args.log.name}`: {result.reviews:,} reviews of {result.cards:,} cards; "
        f"{len(result.outcomes):,} after a card's first, {same_day:,} of them the same day as "
        f"the previous review; replayed in {seconds:.2f} s",
        "",
        "Before each review after a card's first, the model predicts recall without seeing "
        "the outcome (recalled = any rating but Again), then learns from it; FSRS-6 with "
        "py-fsrs default parameters, no optimisation. Baseline in the same run: the running "
        "mean recall rate of the reviews scored before (Laplace-smoothed).",
        "",
        *table("Reviews a day or more apart (what Bitewise schedules)", cross),
        f"- {verdict(cross)}",
        "",
        *table("All reviews, same-day relearning included", every),
        f"- {verdict(every)} The same-day repeats are relearning in the reviewer's app "
        f"({same_day_recalled:.0%} of them recalled); FSRS's whole-day retrievability "
        "is exactly 100 % on the day of a review (clipped to 1 - 1e-6 for log loss), so each "
        "same-day failure costs about 14 nats. Bitewise never schedules a card twice in a "
        "day, so the first table is the one that applies.",
        "- For comparison (a different, much larger data set, srs-benchmark, weighted by "
        "reviews): FSRS-6 with default parameters log loss 0.3393, AUC 0.6891.",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.log.exists():
        print(f"fsrs_bench: no review log at {args.log} (pass --log)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = replay(read_log(args.log))
    lines = section(args, result, time.perf_counter() - started)
    print("\n".join(lines))
    if not args.no_write:
        write_section("fsrs", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
