"""Checking lesson uploads by their bytes: lecture videos, captions, images and attachments.

As in ``lms/uploads.py``, a file is judged by what it holds, never by its name
or the type the browser sent, and a refusal says what the file looks like, so
an instructor who exported a QuickTime movie or an SVG knows what to redo.
Each check returns the content type to store and serve the file with.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.text import slugify

from lms.uploads import BINARY_SIGNATURES, UTF16_MARKS, read_upload, size_refusal

HEAD_BYTES = 4096  # every signature we read, and an EBML header, fit well within this

EXPORT_VIDEO = "Export the lecture as MP4 (H.264) or WebM and upload it again."
SAVE_IMAGE = "Save it as PNG or JPEG and upload it again."
SAVE_UTF8 = "Save it as UTF-8 and upload it again."
ATTACHABLE = (
    "Attach a PDF, an image (PNG, JPEG, GIF or WebP), a plain-text or CSV file, "
    "or a Word, Excel or PowerPoint file (.docx, .xlsx, .pptx)."
)
SVG_REFUSAL = "SVG drawings are not accepted because they can carry script."

VIDEO_TYPES = {"video/mp4", "video/webm"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
OFFICE_TYPES = (
    ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)

# Brands of the ISO base media file format (the ftyp box) that browsers play as MP4.
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42",
    b"avc1", b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4", b"MSNV",
}
# Same container, but not a video: these say so by their major brand.
NOT_VIDEO_BRANDS = {
    b"M4A ": "an audio file (M4A)", b"M4B ": "an audiobook (M4B)", b"M4P ": "an audio file (M4P)",
    b"heic": "a HEIC photo", b"heix": "a HEIC photo", b"mif1": "a HEIF image", b"msf1": "a HEIF image sequence",
    b"avif": "an AVIF image", b"crx ": "a Canon raw photo",
}
QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"pnot"}  # old .mov files start with these, no ftyp
RIFF_KINDS = {b"WEBP": ("image/webp", "a WebP image"), b"AVI ": (None, "an AVI video"), b"WAVE": (None, "a WAV file")}
# Kinds we accept somewhere, by their first bytes: (signature, content type, description).
ACCEPTED_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "a PNG image"),
    (b"\xff\xd8\xff", "image/jpeg", "a JPEG image"),
    (b"GIF87a", "image/gif", "a GIF image"),
    (b"GIF89a", "image/gif", "a GIF image"),
    (b"%PDF-", "application/pdf", "a PDF"),
    (b"PK\x03\x04", "application/zip", "a ZIP archive"),  # an Office file, if _office_type says so
)

# What we refuse, by first bytes, to say what it is. Our own checks run first.
EXECUTABLE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS program or a Java class file"),
    (b"#!", "a script"),
)
WINDOWS_PROGRAM = "a Windows program"
EXECUTABLES = {WINDOWS_PROGRAM} | {name for _, name in EXECUTABLE_SIGNATURES}
OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    *EXECUTABLE_SIGNATURES,
    (b"OggS", "an Ogg audio or video file"),
    (b"ID3", "an MP3 audio file"),
    (b"FLV\x01", "a Flash video"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "a Windows Media file"),
    (b"\x00\x00\x01\xba", "an MPEG program stream"),
    (b"{\\rtf", "an RTF document"),
    *BINARY_SIGNATURES,
)

# How a browser recognises HTML by its first bytes (WHATWG MIME sniffing, "scriptable" types).
HTML_START = re.compile(
    rb"<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>/]|<!--"
)


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str


# --- recognising files ----------------------------------------------------------


def _head(upload: File, *, max_bytes: int) -> bytes:
    """The first bytes of an upload, refusing one over ``max_bytes`` without reading it."""
    refusal = size_refusal(upload.size or 0, max_bytes)
    if refusal:
        raise ValidationError(refusal, code="too_large")
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError("The file is empty.", code="empty")
    return head


def _ftyp(head: bytes) -> tuple[str | None, str]:
    size = int.from_bytes(head[:4], "big")
    major = head[8:12]
    end = min(size if size >= 16 else len(head), len(head))
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if major in NOT_VIDEO_BRANDS:
        return None, NOT_VIDEO_BRANDS[major]
    if brands & MP4_BRANDS:
        return "video/mp4", "an MP4 video"
    if major == b"qt  ":
        return None, "a QuickTime movie"
    if major.startswith(b"3g"):
        return None, "a 3GP phone video"
    return None, f"an MP4-family file of a kind browsers do not play (brand {major.decode('latin-1').strip()!r})"


def _vint(data: bytes, pos: int, *, keep_marker: bool = False) -> tuple[int | None, int]:
    """An EBML variable-length integer at ``pos``; its length is told by the first byte's leading zeros."""
    if pos >= len(data) or data[pos] == 0:
        return None, pos
    length = 8 - data[pos].bit_length() + 1
    if pos + length > len(data):
        return None, pos
    value = int.from_bytes(data[pos : pos + length], "big")
    if not keep_marker:
        value &= (1 << (7 * length)) - 1
    return value, pos + length


def _ebml_doctype(head: bytes) -> str | None:
    """The DocType ("webm", "matroska") of the EBML header that starts ``head``."""
    size, pos = _vint(head, 4)
    end = len(head) if size is None else min(pos + size, len(head))
    while pos < end:
        element, pos = _vint(head, pos, keep_marker=True)
        length, pos = _vint(head, pos)
        if element is None or length is None:
            return None
        if element == 0x4282:
            return head[pos : pos + length].rstrip(b"\x00").decode("ascii", "replace")
        pos += length
    return None


def _markup(head: bytes) -> str | None:
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith(b"<svg") or (text.startswith((b"<?xml", b"<!doctype svg", b"<!--")) and b"<svg" in text):
        return "an SVG drawing"
    if HTML_START.match(text):
        return "an HTML page"
    if text.startswith(b"<?xml"):
        return "an XML file"
    return None


def _sniff(head: bytes) -> tuple[str | None, str | None]:
    """(content type we accept, description) of a file by its first bytes; either may be None."""
    if head[4:8] == b"ftyp":
        return _ftyp(head)
    if head[4:8] in QUICKTIME_ATOMS:
        return None, "a QuickTime movie"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        doctype = _ebml_doctype(head)
        if doctype == "webm":
            return "video/webm", "a WebM video"
        if doctype == "matroska":
            return None, "a Matroska file that is not WebM"
        return None, "a damaged WebM or Matroska file"
    if head.startswith(b"RIFF") and head[8:12] in RIFF_KINDS:
        return RIFF_KINDS[head[8:12]]
    for signature, content_type, description in ACCEPTED_SIGNATURES:
        if head.startswith(signature):
            return content_type, description
    # "MZ" opens plenty of ordinary text, so only a file with NUL bytes counts as a Windows program.
    if head.startswith(b"MZ") and b"\x00" in head:
        return None, WINDOWS_PROGRAM
    markup = _markup(head)
    if markup:
        return None, markup
    return None, next((name for signature, name in OTHER_SIGNATURES if head.startswith(signature)), None)


def _refusal(opening: str, looks_like: str | None, advice: str, *, code: str = "file_type") -> ValidationError:
    seen = f" (it looks like {looks_like})" if looks_like else ""
    return ValidationError(f"{opening}{seen}. {advice}", code=code)


# --- the checks -------------------------------------------------------------------


def check_video(upload: File) -> str:
    """"video/mp4" or "video/webm" for a lecture video; a ValidationError for anything else."""
    content_type, looks_like = _sniff(_head(upload, max_bytes=settings.LESSON_VIDEO_MAX_BYTES))
    if content_type in VIDEO_TYPES:
        return content_type
    raise _refusal("This is not an MP4 or WebM video", looks_like, EXPORT_VIDEO)


def check_image(upload: File) -> str:
    """The content type of a PNG, JPEG, GIF or WebP image; a ValidationError for anything else."""
    content_type, looks_like = _sniff(_head(upload, max_bytes=settings.LESSON_IMAGE_MAX_BYTES))
    if content_type in IMAGE_TYPES:
        return content_type
    advice = f"{SVG_REFUSAL} Export it as PNG and upload it again." if looks_like == "an SVG drawing" else SAVE_IMAGE
    raise _refusal("This is not a PNG, JPEG, GIF or WebP image", looks_like, advice)


def check_attachment(upload: File) -> str:
    """The content type of a file a lesson may offer for download; a ValidationError otherwise."""
    content_type, looks_like = _sniff(_head(upload, max_bytes=settings.LESSON_ATTACHMENT_MAX_BYTES))
    if content_type == "application/zip":
        return _office_type(upload)
    if content_type and content_type not in VIDEO_TYPES:
        return content_type
    if looks_like in EXECUTABLES:
        raise _refusal("Programs and scripts cannot be attached to a lesson", looks_like, ATTACHABLE)
    if looks_like == "an SVG drawing":
        raise _refusal("This file cannot be attached", looks_like, f"{SVG_REFUSAL} {ATTACHABLE}")
    if looks_like:
        raise _refusal("This file cannot be attached", looks_like, ATTACHABLE)
    return _text_type(upload)


def _office_type(upload: File) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refusal("This file cannot be attached", "a damaged ZIP archive", ATTACHABLE) from None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names:
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise _refusal(
                "Office files with macros cannot be attached", "a macro-enabled Office file",
                "Save it without macros (.docx, .xlsx or .pptx) and upload it again.",
            )
        for prefix, office_type in OFFICE_TYPES:
            if any(name.startswith(prefix) for name in names):
                return office_type
    raise _refusal("This file cannot be attached", "a ZIP archive, not a Word, Excel or PowerPoint file", ATTACHABLE)


def _text_type(upload: File) -> str:
    data = read_upload(upload, max_bytes=settings.LESSON_ATTACHMENT_MAX_BYTES)
    if data.startswith(UTF16_MARKS):
        raise _refusal("This text file cannot be attached", "text saved as UTF-16", SAVE_UTF8)
    if b"\x00" in data:
        raise _refusal("We cannot tell what this file is, so it cannot be attached", None, ATTACHABLE)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValidationError(
            f"This file cannot be attached: it is not a PDF, an image or an Office file, and it is not UTF-8 "
            f"text either (line {line:,} has a byte that is not UTF-8). Save text as UTF-8. {ATTACHABLE}",
            code="encoding",
        ) from None
    is_csv = (upload.name or "").lower().endswith(".csv")
    return "text/csv; charset=utf-8" if is_csv else "text/plain; charset=utf-8"


def safe_file_name(name: str, *, max_length: int = 100) -> str:
    """A readable name safe for storage: "Week 3 — EKG (final).PNG" -> "week-3-ekg-final.png"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem:  # "README", ".bashrc"
        stem, extension = base, ""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    room = max_length - (len(extension) + 1 if extension else 0)
    slug = slugify(stem.replace(".", "-"))
    if len(slug) > room:  # cut at a word when one ends in the second half, to stay readable
        slug = slug[:room]
        slug = slug.rsplit("-", 1)[0] if "-" in slug[room // 2 :] else slug
    slug = slug.strip("-_") or "file"
    return f"{slug}.{extension}" if extension else slug


# --- captions ---------------------------------------------------------------------

WEBVTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
TIMINGS = re.compile(r"\s*(\S+?)\s*-->\s*(\S+)(?:\s.*)?")
TIMESTAMP = re.compile(r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})")
NOT_WEBVTT = (
    "Captions must be a WebVTT file: the first line must be WEBVTT. An .srt file can be converted by "
    "adding a first line WEBVTT and a blank line after it, and writing the times with a dot where SRT "
    "uses commas (00:01:02.500, not 00:01:02,500); subtitle editors and ffmpeg can also save SRT as WebVTT."
)


def _captions_error(message: str) -> ValidationError:
    return ValidationError(message, code="captions")


def _caption_lines(data: bytes) -> list[str]:
    refusal = size_refusal(len(data), settings.LESSON_CAPTIONS_MAX_BYTES)
    if refusal:
        raise ValidationError(refusal, code="too_large")
    if data.startswith(UTF16_MARKS):
        raise _captions_error(f"The captions file is saved as UTF-16; WebVTT must be UTF-8. {SAVE_UTF8}")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _captions_error(
            f"Line {line:,} of the captions is not UTF-8 text; WebVTT must be UTF-8. {SAVE_UTF8}"
        ) from None
    if not text.strip():
        raise _captions_error("The captions file is empty. " + NOT_WEBVTT)
    return re.split(r"\r\n|\r|\n", text)


def _blocks(lines: list[str]) -> Iterable[tuple[int, list[str]]]:
    """(number of the first line, lines) of each block after the header; blocks are separated by blank lines."""
    block: list[str] = []
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            block.append(line)
            continue
        if block:
            yield number - len(block), block
        block = []


def _seconds(raw: str, number: int) -> float:
    match = TIMESTAMP.fullmatch(raw)
    if not match:
        srt = " SRT writes 00:01:02,500 with a comma; WebVTT needs a dot: 00:01:02.500." if "," in raw else ""
        raise _captions_error(
            f"Line {number:,}: {raw!r} is not a WebVTT time. Write times as hh:mm:ss.ttt or mm:ss.ttt, "
            f"for example 00:01:02.500.{srt}"
        )
    hours, minutes, seconds, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _cue(block: list[str], number: int) -> tuple[Cue, int] | None:
    """The cue a block holds and the number of its timings line; None for NOTE, STYLE and REGION blocks."""
    if SKIPPED_BLOCK.fullmatch(block[0]):
        return None
    at = 0 if "-->" in block[0] else 1 if len(block) > 1 and "-->" in block[1] else None
    if at is None:
        raise _captions_error(
            f"Line {number:,}: a cue must start with its timings, like 00:00:01.000 --> 00:00:04.000 "
            "(an identifier line before them is allowed)."
        )
    match = TIMINGS.fullmatch(block[at])
    if not match:
        raise _captions_error(f"Line {number + at:,}: the cue timings must look like 00:00:01.000 --> 00:00:04.000.")
    start, end = _seconds(match[1], number + at), _seconds(match[2], number + at)
    if end <= start:
        raise _captions_error(f"Line {number + at:,}: the cue ends at {match[2]}, not after it starts ({match[1]}).")
    text = block[at + 1 :]
    for offset, line in enumerate(text, start=number + at + 1):
        if "-->" in line:
            raise _captions_error(f"Line {offset:,}: leave a blank line before the next cue's timings.")
    return Cue(start=start, end=end, text="\n".join(text)), number + at


def parse_webvtt(data: bytes) -> list[Cue]:
    """The cues of a WebVTT captions file; a ValidationError naming the line for what is wrong."""
    lines = _caption_lines(data)
    if not WEBVTT_HEADER.fullmatch(lines[0]):
        raise _captions_error(f"Line 1: {NOT_WEBVTT}")
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    for number, line in enumerate(lines[1:header_end], start=2):
        if "-->" in line:  # a browser would take it as part of the header and never show the cue
            raise _captions_error(f"Line {number:,}: leave a blank line after the WEBVTT line, before the first cue.")
    cues: list[Cue] = []
    for number, block in _blocks(lines[header_end:]):
        found = _cue(block, number + header_end)
        if found is None:
            continue
        cue, timings_line = found
        if cues and cue.start < cues[-1].start:
            raise _captions_error(
                f"Line {timings_line:,}: this cue starts at {_clock(cue.start)}, before the cue above it "
                f"({_clock(cues[-1].start)}); cues must be in time order."
            )
        cues.append(cue)
    if not cues:
        last = len(lines) - (lines[-1] == "")  # a final newline ends the last line; it starts no new one
        raise _captions_error(f"The captions have no cues (lines 1 to {last:,}). Add at least one cue.")
    return cues


def _clock(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


CUE_TAG = re.compile(r"<[^>]*>")  # <v Speaker>, <i>, <c.loud>, <00:00:01.000>, and their closing tags
DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f")


def transcript_from_cues(cues: Iterable[Cue], *, pause: float = 2.0) -> str:
    """The captions as plain text, a paragraph break wherever the speaker pauses ``pause`` seconds or more."""
    paragraphs: list[list[str]] = []
    last_end: float | None = None
    for cue in cues:
        words = " ".join(html.unescape(CUE_TAG.sub("", cue.text)).translate(DIRECTION_MARKS).split())
        if not words:
            continue
        # Rounded: WebVTT times are milliseconds, and 13.5 - 11.5 need not be exactly 2.0 in floating point.
        if not paragraphs or (last_end is not None and round(cue.start - last_end, 3) >= pause):
            paragraphs.append([])
        paragraphs[-1].append(words)
        last_end = cue.end if last_end is None else max(last_end, cue.end)
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
