"""Bytes to text: reading a local file within a size limit, decoding it, and the text Document.

Every failure is an `InputError` naming the input and what is wrong, never a traceback.
"""
from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from narrascope.document import Document
from narrascope.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article is rarely over 100 kB; 10 MB means "not an article"

# UTF-32 first: its little-endian BOM begins with UTF-16's.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or an InputError.

    The file is opened without blocking and checked before anything is read: a FIFO or a device
    named by mistake (`/dev/zero`, a named pipe nobody writes to) is refused instead of hanging.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder") from None
    except OSError as exc:
        if path.is_dir():
            raise InputError(str(path), "is a folder") from None
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), "is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), "is not a regular file (a pipe, device or socket); to read a stream, "
                                        "pipe it to standard input and give `-` as the source")
        if info.st_size > max_bytes:
            raise InputError(str(path), f"file is {info.st_size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB "
                                        "limit (raise --max-bytes)")
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise InputError(str(path), f"file is over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)")
    return data


def wide_encoding(raw: bytes) -> str | None:
    """"utf-16-le" and the like when `raw` starts with a UTF-16 or UTF-32 byte-order mark."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return name
    return None


def to_utf8(raw: bytes, source: str) -> bytes:
    """`raw` as UTF-8: UTF-16/32 text with a byte-order mark is converted (Windows tools write it),
    anything else is returned as it is. A wide text that does not decode is an InputError."""
    encoding = wide_encoding(raw)
    if encoding is None:
        return raw
    bom, name = (4 if "32" in encoding else 2), encoding.upper()[:6]
    try:
        text = raw[bom:].decode(encoding)
    except UnicodeError as exc:
        raise InputError(source, f"starts with a {name} byte-order mark but is not valid {name} text "
                                 f"({exc.reason}); convert it to UTF-8") from None
    if not _plausible_text(text):
        raise InputError(source, f"starts with a {name} byte-order mark but does not decode to text "
                                 "(binary data?)")
    return text.encode("utf-8")


def _plausible_text(text: str) -> bool:
    # Binary bytes after FF FE often decode as UTF-16 "characters": real text has no NULs and few
    # control, unassigned or private-use code points.
    sample = text[:4096]
    if "\x00" in sample:
        return False
    odd = sum(1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return odd <= len(sample) // 100


def decode_text(raw: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 (BOM tolerated), or UTF-16/32 with a BOM, or raise an
    InputError saying what is wrong."""
    if not raw.strip():
        raise InputError(source, "empty input (no text)")
    raw = to_utf8(raw, source)
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
