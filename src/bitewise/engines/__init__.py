"""Framework-free algorithms and formats: plain values in, plain values out.

Nothing here imports Django or an app (import-linter enforces it)."""
