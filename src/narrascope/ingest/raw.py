"""Bytes to text: reading a local file within a size limit, decoding it, and the text Document.

Every failure is an `InputError` naming the input and what is wrong, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

from narrascope.document import Document
from narrascope.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article is rarely over 100 kB; 10 MB means "not an article"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)"
        )
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def decode_text(raw: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 (BOM tolerated) or raise an InputError saying what is wrong."""
    if not raw.strip():
        raise InputError(source, "empty input (no text)")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(source, "empty input (only whitespace)")
    return text


def read_text_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text exactly as stored (line endings kept), or an InputError."""
    return decode_text(read_bytes(Path(path), max_bytes), str(path))


def text_document(text: str, doc_id: str, source_name: str | None = None) -> Document:
    return Document(text=text, id=doc_id, title=guess_title(text), meta={"path": source_name} if source_name else {})


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline (short, followed by a blank line)."""
    lines = text.lstrip("\ufeff").splitlines()
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        return lines[0].strip()
    return None
