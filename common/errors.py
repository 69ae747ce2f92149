"""Errors that more than one app raises and every layer above may catch."""


class StaleTransition(Exception):
    """The record moved on since the user loaded it (another officer acted first)."""

    def __init__(self, status: str, by=None):
        super().__init__(status)
        self.status = status
        self.by = by  # the user who made the last change, if known
