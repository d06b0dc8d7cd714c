"""Transcript → topic segments for micro-lessons (framework-free; plain values in and out)."""

from bitewise.engines.segmentation.data import Boundary, Options, Segment, Segmentation, Unit
from bitewise.engines.segmentation.lexical import hashed_tfidf
from bitewise.engines.segmentation.segment import Embed, segment_units

__all__ = [
    "Boundary",
    "Embed",
    "Options",
    "Segment",
    "Segmentation",
    "Unit",
    "hashed_tfidf",
    "segment_units",
]
