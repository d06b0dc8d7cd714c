"""The credentials benchmark (`benchmarks/credentials_bench.py`), one part per module:
``machine`` (the machine and its load), ``one_core`` (Python against JavaScript on one
core), ``bulk`` with ``bulk_workers`` and ``bulk_profile`` (issuing at volume), ``report``."""
