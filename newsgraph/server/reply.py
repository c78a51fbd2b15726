"""What the server answers: an HTTP status, a content type, a body and extra headers.

Example:
    >>> text_reply(503, "busy").body
    b'busy\\n'
"""
from __future__ import annotations

from typing import NamedTuple

from .defaults import DEFAULT_MAX_BYTES

__all__ = ["Reply", "text_reply", "DEFAULT_MAX_BYTES"]


class Reply(NamedTuple):
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict = {}


def text_reply(status: int, message: str) -> Reply:
    """A one-line plain-text answer."""
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {})
