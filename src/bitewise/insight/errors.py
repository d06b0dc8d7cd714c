class InsightError(Exception):
    """A request the rules refuse; the message is shown to the user (a 4xx)."""

    status_code = 400
