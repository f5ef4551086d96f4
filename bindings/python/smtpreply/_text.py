"""bytes <-> str at the C boundary (UTF-8; invalid bytes become U+FFFD)."""
from __future__ import annotations

from typing import Optional, Union

BytesLike = Union[bytes, bytearray, memoryview, str]


def s(raw: Optional[bytes]) -> str:
    """Library text as str ("" for NULL)."""
    return raw.decode("utf-8", "replace") if raw is not None else ""


def opt_s(raw: Optional[bytes]) -> Optional[str]:
    """Library text as str, None for NULL."""
    return raw.decode("utf-8", "replace") if raw is not None else None


def b(value: Optional[BytesLike]) -> Optional[bytes]:
    """Caller's text or bytes as bytes for C (None stays None: NULL)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value)
