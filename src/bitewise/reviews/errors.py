class ReviewError(Exception):
    """A request the review rules refuse; the message is shown to the user (a 4xx)."""

    status_code = 400
