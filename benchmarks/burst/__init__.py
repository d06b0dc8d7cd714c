"""A conference-morning burst: attendees follow a campaign link to the same lesson, log in,
read it, take its quiz and answer, and get their review cards, against `bitewise serve` on
PostgreSQL with the RQ backend and workers; with one app server and with two behind
HAProxy sharing Redis. Run ``python -m benchmarks.burst``; see benchmarks/README.md."""
