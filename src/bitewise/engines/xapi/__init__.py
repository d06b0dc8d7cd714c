"""xAPI 1.0.3 statements for what learners do in Bitewise (pure: no Django)."""
