"""Forms of the staff webinar pages: input parsing only; the services decide what is valid."""
