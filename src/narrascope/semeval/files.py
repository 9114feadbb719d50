"""Reading shared-task files without trusting them: TSV lines decoded one by one (a line that is not
UTF-8 is one error naming it, the others are read), documents read as UTF-8 with their line ends
kept, and ids that must name a file inside the documents folder (never `/etc/hostname` or `../x`).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from narrascope.errors import InputError


def tsv_lines(path: str | Path) -> Iterator[tuple[int, str | InputError]]:
    """(line number, line without its line end) for every line of `path`; a line that is not
    UTF-8 comes as an InputError naming `path:line`. A file that cannot be opened raises one."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            yield number, line.rstrip(b"\r").decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, InputError(f"{path}:{number}", f"not UTF-8 text (invalid byte 0x{line[exc.start]:02x} "
                                                         f"at column {exc.start + 1}); line skipped")


def tsv_rows(path: str | Path, errors: list[InputError]) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of every non-blank line; lines that are not UTF-8 are
    added to `errors` instead."""
    for number, line in tsv_lines(path):
        if isinstance(line, InputError):
            errors.append(line)
        elif line.strip():
            yield number, line.split("\t")


def read_utf8(path: str | Path) -> str:
    """A document's text with CRLF kept (offsets in the annotations count it), or an InputError."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def document_path(folder: str | Path, name: str) -> Path:
    """`folder / name` for a plain file name; an InputError for an id that is a path (absolute,
    with a separator, `..`) and so could name a file outside `folder`."""
    plain = (name and name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name
             and Path(name).name == name and not Path(name).is_absolute())
    if not plain:
        raise InputError(name or "(empty id)", f"is not a plain file name; a document id names a file inside {folder}")
    return Path(folder) / name
