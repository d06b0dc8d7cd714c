"""Bitewise: microlearning and stackable micro-credentials."""
