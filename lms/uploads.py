"""Reading an uploaded text file (CSV) safely: size, binary content and encoding.

The CPT upload and the enrollment import both take a registrar's CSV; both
judge the file by its bytes, never by its name or the browser's type, so a
workbook or a PDF renamed .csv is refused with a message saying what it is.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import File

# Files people upload by mistake, by their first bytes.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel workbook or another zipped file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Excel or Word file"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
SAVE_AS_CSV = "Save it from your spreadsheet as \u201cCSV UTF-8\u201d and upload it again."


def size_refusal(size: int, max_bytes: int) -> str | None:
    if size <= max_bytes:
        return None
    return f"The file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes // (1024 * 1024)} MB."


def read_upload(upload_file: File, *, max_bytes: int) -> bytes:
    """The bytes of an uploaded file, refusing one over ``max_bytes`` before reading it."""
    refusal = size_refusal(upload_file.size or 0, max_bytes)
    if refusal:
        raise ValidationError(refusal, code="too_large")
    upload_file.seek(0)
    data = upload_file.read(max_bytes + 1)
    upload_file.seek(0)
    return data


def upload_text(data: bytes, *, max_bytes: int, what: str) -> str:
    """The file's text; a ValidationError when it is too large, binary or not UTF-8.

    ``what`` tells the person what the file should hold, for example "the CPT
    file as CSV: one code and its descriptor per row".
    """
    refusal = size_refusal(len(data), max_bytes)
    if refusal:
        raise ValidationError(refusal, code="too_large")
    if data.startswith(UTF16_MARKS):
        raise ValidationError(
            f"This is not a text file we can read: it is saved as UTF-16. {SAVE_AS_CSV}", code="binary"
        )
    kind = next((name for signature, name in BINARY_SIGNATURES if data.startswith(signature)), None)
    if kind or b"\x00" in data:
        looks_like = f" (it looks like {kind})" if kind else ""
        raise ValidationError(f"This is not a text file{looks_like}. Upload {what}.", code="binary")
    try:
        return data.decode("utf-8-sig")  # -sig: spreadsheets often start the file with a byte-order mark
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValidationError(
            f"The file is not UTF-8 text: line {line:,} has a character that is not "
            f"(an unreadable byte at position {error.start:,}). {SAVE_AS_CSV}",
            code="encoding",
        ) from None
