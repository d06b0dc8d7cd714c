"""Demo content for trying Bitewise: skills, lessons, credentials, a pathway and users."""
