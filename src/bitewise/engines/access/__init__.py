"""Who may open a catalog item, and what it costs otherwise: access rules decided from plain
values (no database), and membership rosters read from CSV text."""
