"""Load benchmark for the catalog, lesson and progress pages (see README.md)."""
