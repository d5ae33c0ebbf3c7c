"""Lesson uploads judged by their bytes: lecture videos, captions, images, attachments and file names."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from courses.content_files import (
    HEAD_BYTES,
    Cue,
    check_attachment,
    check_image,
    check_video,
    parse_webvtt,
    safe_file_name,
    transcript_from_cues,
)

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "courses" / "demo_media"
DEMO_VIDEO = DEMO_MEDIA / "icd10cm-code-structure.mp4"
DEMO_CAPTIONS = DEMO_MEDIA / "icd10cm-code-structure.vtt"

# First bytes of files ffmpeg wrote: the EBML header of a WebM and of a Matroska (.mkv) file.
WEBM_HEADER = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810242858102185380670100")
MATROSKA_HEADER = bytes.fromhex("1a45dfa3a34286810142f7810142f2810442f381084282886d6174726f736b614287810442858102")
QUICKTIME_HEADER = bytes.fromhex("0000001466747970717420200000020071742020") + b"\x00\x00\x00\x08wide"
M4A_HEADER = struct.pack(">I", 28) + b"ftypM4A \x00\x00\x02\x00M4A mp42isom"
HEIC_HEADER = struct.pack(">I", 24) + b"ftypheic\x00\x00\x00\x00mif1heic"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
GIF = bytes.fromhex("474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b")
WEBP = b"RIFF" + struct.pack("<I", 26) + b"WEBPVP8 " + struct.pack("<I", 14) + b"\x00" * 14
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
SVG_WITH_SCRIPT = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Notes</title></head><body><p>Hi</p></body></html>"
RANDOM_BYTES = random.Random(2026).randbytes(4096)


def png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # one row: no filter, one red pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def office_file(main_part: str, *, macros: bool = False) -> bytes:
    """A zip laid out like a .docx/.xlsx/.pptx: [Content_Types].xml and the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        if macros:
            archive.writestr(main_part.split("/")[0] + "/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    return buffer.getvalue()


def mp4_duration(data: bytes) -> float:
    """Seconds, from the movie header (mvhd) box; no ffprobe needed."""
    at = data.index(b"mvhd") + 4
    if data[at] == 1:  # version 1: 64-bit times
        timescale, duration = struct.unpack(">IQ", data[at + 20 : at + 32])
    else:
        timescale, duration = struct.unpack(">II", data[at + 12 : at + 20])
    return duration / timescale


def upload(data: bytes, name: str = "upload.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(check, data: bytes, name: str = "upload.bin") -> str:
    with pytest.raises(ValidationError) as caught:
        check(upload(data, name))
    return " ".join(caught.value.messages)


class CountingFile(io.BytesIO):
    """Remembers how many bytes were read, to prove a check looks only at the start."""

    bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


# --- videos -------------------------------------------------------------------------


def test_demo_lecture_is_an_mp4_video():
    assert check_video(upload(DEMO_VIDEO.read_bytes(), "lecture.mp4")) == "video/mp4"


def test_webm_header_is_a_webm_video():
    assert check_video(upload(WEBM_HEADER + b"\x00" * 200, "lecture.webm")) == "video/webm"


def test_demo_lecture_is_short_small_and_starts_with_its_index():
    data = DEMO_VIDEO.read_bytes()
    assert 60 <= mp4_duration(data) <= 90
    assert len(data) < 1.5 * 1024 * 1024
    assert data.index(b"moov") < data.index(b"mdat")  # faststart: playable before it has all downloaded


def test_video_check_reads_only_the_first_bytes():
    stream = CountingFile(DEMO_VIDEO.read_bytes())
    assert check_video(File(stream, name="lecture.mp4")) == "video/mp4"
    assert stream.bytes_read <= HEAD_BYTES < DEMO_VIDEO.stat().st_size


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (PDF, "a PDF"),
        (png(), "a PNG image"),
        (QUICKTIME_HEADER, "a QuickTime movie"),
        (MATROSKA_HEADER, "a Matroska file that is not WebM"),
        (M4A_HEADER, "an audio file (M4A)"),
    ],
)
def test_video_refusal_says_what_the_file_looks_like(data, looks_like):
    message = refusal(check_video, data, "lecture.mp4")
    assert message == (
        f"This is not an MP4 or WebM video (it looks like {looks_like}). "
        "Export the lecture as MP4 (H.264) or WebM and upload it again."
    )


def test_random_bytes_are_not_a_video():
    message = refusal(check_video, RANDOM_BYTES, "lecture.mp4")
    assert message == "This is not an MP4 or WebM video. Export the lecture as MP4 (H.264) or WebM and upload it again."


@override_settings(LESSON_VIDEO_MAX_BYTES=1024 * 1024)
def test_video_over_the_limit_is_refused_without_reading_it():
    stream = CountingFile(WEBM_HEADER + b"\x00" * (2 * 1024 * 1024 - len(WEBM_HEADER)))
    with pytest.raises(ValidationError) as caught:
        check_video(File(stream, name="lecture.webm"))
    assert caught.value.code == "too_large"
    assert caught.value.messages == ["The file is 2.0 MB; the limit is 1 MB."]
    assert stream.bytes_read == 0


def test_empty_video_is_refused():
    assert refusal(check_video, b"") == "The file is empty."


# --- captions -----------------------------------------------------------------------


def vtt(text: str) -> bytes:
    return text.encode()


def caption_error(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_webvtt(data)
    return " ".join(caught.value.messages)


def test_demo_captions_have_one_cue_per_narrated_sentence():
    cues = parse_webvtt(DEMO_CAPTIONS.read_bytes())
    assert len(cues) == 17
    assert cues[0].start == 0.6
    assert cues[0].text == "This lesson shows how to\nread an ICD-10-CM code."
    assert all(earlier.end <= later.start for earlier, later in zip(cues, cues[1:]))


def test_demo_captions_end_within_the_video():
    cues = parse_webvtt(DEMO_CAPTIONS.read_bytes())
    assert cues[-1].end < mp4_duration(DEMO_VIDEO.read_bytes())


def test_demo_transcript_is_the_narration_one_paragraph_per_slide():
    transcript = transcript_from_cues(parse_webvtt(DEMO_CAPTIONS.read_bytes()))
    paragraphs = transcript.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("This lesson shows how to read an ICD-10-CM code. An ICD-10-CM code has three")
    assert "E11.65 is type 2 diabetes mellitus with hyperglycemia." in paragraphs[2]
    assert "The final A means initial encounter for closed fracture." in paragraphs[3]
    assert paragraphs[4].endswith("Always verify the code in the Tabular List before you assign it.")


def test_webvtt_essentials_parse():
    data = (
        "\ufeffWEBVTT\tLecture 4\r\nKind: captions\r\n\r\n"
        "STYLE\r\n::cue { color: yellow }\r\n\r\n"
        "NOTE checked by the instructor\r\n\r\n"
        "intro\r\n00:01.000 --> 00:04.250 align:start line:0\r\nFirst line\r\nsecond line\r\n\r\n"
        "01:00:00.000-->01:00:02.000\r\n<v Dr. Lee>Later</v>\r\n"
    ).encode()
    assert parse_webvtt(data) == [
        Cue(start=1.0, end=4.25, text="First line\nsecond line"),
        Cue(start=3600.0, end=3602.0, text="<v Dr. Lee>Later</v>"),
    ]


def test_captions_without_webvtt_line_are_refused_with_srt_advice():
    message = caption_error(vtt("1\n00:00:01,000 --> 00:00:04,000\nHello\n"))
    assert message.startswith("Line 1: Captions must be a WebVTT file: the first line must be WEBVTT.")
    assert "An .srt file can be converted by" in message
    assert "SRT uses commas" in message


def test_srt_style_time_names_the_line_and_the_comma():
    message = caption_error(vtt("WEBVTT\n\n1\n00:00:01,000 --> 00:00:04,000\nHello\n"))
    assert message.startswith("Line 4: '00:00:01,000' is not a WebVTT time.")
    assert "WebVTT needs a dot: 00:01:02.500" in message


def test_bad_timing_line_is_named():
    message = caption_error(vtt("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello\n\n00:00:05.000 --> 5 seconds\nBye\n"))
    assert message.startswith("Line 6: '5' is not a WebVTT time.")


def test_block_without_timings_is_named():
    message = caption_error(vtt("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello\n\njust some words\nmore words\n"))
    assert message.startswith("Line 6: a cue must start with its timings")


def test_cue_that_ends_before_it_starts_is_named():
    message = caption_error(vtt("WEBVTT\n\n00:00:04.000 --> 00:00:04.000\nHello\n"))
    assert message == "Line 3: the cue ends at 00:00:04.000, not after it starts (00:00:04.000)."


def test_cue_starting_before_the_one_above_is_named():
    message = caption_error(
        vtt("WEBVTT\n\n00:00:05.000 --> 00:00:08.000\nSecond\n\nfirst\n00:00:01.000 --> 00:00:04.000\nFirst\n")
    )
    assert message == (
        "Line 7: this cue starts at 00:00:01.000, before the cue above it (00:00:05.000); cues must be in time order."
    )


def test_cue_right_after_the_header_line_is_refused():
    message = caption_error(vtt("WEBVTT\n00:00:01.000 --> 00:00:04.000\nHello\n"))
    assert message == "Line 2: leave a blank line after the WEBVTT line, before the first cue."


def test_empty_captions_file_is_refused():
    assert caption_error(b"\n \n").startswith("The captions file is empty.")


def test_captions_with_no_cues_are_refused():
    message = caption_error(vtt("WEBVTT\n\nNOTE nothing yet\n"))
    assert message == "The captions have no cues (lines 1 to 3). Add at least one cue."


def test_captions_that_are_not_utf8_name_the_line():
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nCaf\xe9\n"
    assert caption_error(data).startswith("Line 4 of the captions is not UTF-8 text")


@override_settings(LESSON_CAPTIONS_MAX_BYTES=1024 * 1024)
def test_captions_over_the_limit_are_refused():
    data = b"WEBVTT\n\n" + b"00:00:01.000 --> 00:00:02.000\nWords\n\n" * 30_000
    with pytest.raises(ValidationError) as caught:
        parse_webvtt(data)
    assert caught.value.code == "too_large"
    assert caught.value.messages == ["The file is 1.1 MB; the limit is 1 MB."]


def test_transcript_strips_cue_tags_and_entities():
    cues = [Cue(0.0, 2.0, "<v Dr. Lee><i>Code</i> the <c.yellow>etiology</c>\n<00:00:01.000>first &amp; last</v>")]
    assert transcript_from_cues(cues) == "Code the etiology first & last"


def test_transcript_starts_a_paragraph_at_a_pause_of_two_seconds():
    cues = [Cue(0.0, 1.0, "One."), Cue(2.9, 4.0, "Two."), Cue(6.0, 7.0, "Three.")]
    assert transcript_from_cues(cues) == "One. Two.\n\nThree."


# --- images -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(png(), "image/png"), (JPEG, "image/jpeg"), (GIF, "image/gif"), (WEBP, "image/webp")],
)
def test_image_kinds_we_show_are_accepted(data, content_type):
    assert check_image(upload(data, "figure")) == content_type


def test_svg_with_script_is_refused_as_image():
    message = refusal(check_image, SVG_WITH_SCRIPT, "diagram.png")
    assert message == (
        "This is not a PNG, JPEG, GIF or WebP image (it looks like an SVG drawing). SVG drawings are not "
        "accepted because they can carry script. Export it as PNG and upload it again."
    )


@pytest.mark.parametrize(
    ("data", "looks_like"), [(PDF, "a PDF"), (HEIC_HEADER, "a HEIC photo"), (HTML_PAGE, "an HTML page")]
)
def test_other_files_are_refused_as_images(data, looks_like):
    message = refusal(check_image, data, "figure.jpg")
    assert message == (
        f"This is not a PNG, JPEG, GIF or WebP image (it looks like {looks_like}). "
        "Save it as PNG or JPEG and upload it again."
    )


@override_settings(LESSON_IMAGE_MAX_BYTES=1024 * 1024)
def test_image_over_the_limit_is_refused():
    message = refusal(check_image, png() + b"\x00" * (3 * 1024 * 1024 // 2))
    assert message == "The file is 1.5 MB; the limit is 1 MB."


# --- attachments --------------------------------------------------------------------


def test_pdf_can_be_attached():
    assert check_attachment(upload(PDF, "guidelines.pdf")) == "application/pdf"


def test_image_can_be_attached():
    assert check_attachment(upload(png(), "ekg.png")) == "image/png"


@pytest.mark.parametrize(
    ("main_part", "content_type"),
    [
        ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ],
)
def test_office_files_can_be_attached(main_part, content_type):
    assert check_attachment(upload(office_file(main_part), "handout")) == content_type


def test_csv_can_be_attached():
    data = "Code,Meaning\nE11,Type 2 diabetes mellitus – café\n".encode()
    assert check_attachment(upload(data, "codes.csv")) == "text/csv; charset=utf-8"


def test_plain_text_can_be_attached():
    assert check_attachment(upload("\ufeffPractice notes\n".encode(), "notes.txt")) == "text/plain; charset=utf-8"


def test_text_starting_with_mz_is_not_taken_for_a_program():
    assert check_attachment(upload(b"MZ Clinic: practice notes\n", "notes.txt")) == "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (EXE, "a Windows program"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, "a Linux program"),
        (b"#!/bin/sh\nrm -rf ~\n", "a script"),
    ],
)
def test_programs_cannot_be_attached(data, looks_like):
    message = refusal(check_attachment, data, "tool.pdf")
    assert message.startswith(
        f"Programs and scripts cannot be attached to a lesson (it looks like {looks_like}). Attach a PDF"
    )


def test_html_cannot_be_attached():
    assert refusal(check_attachment, HTML_PAGE, "notes.txt").startswith(
        "This file cannot be attached (it looks like an HTML page). Attach a PDF, an image"
    )


def test_svg_cannot_be_attached():
    message = refusal(check_attachment, SVG_WITH_SCRIPT, "diagram.txt")
    assert message.startswith(
        "This file cannot be attached (it looks like an SVG drawing). SVG drawings are not accepted"
    )


def test_zip_that_is_not_an_office_file_cannot_be_attached():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("slides/all.pptx", b"...")
    message = refusal(check_attachment, buffer.getvalue(), "slides.zip")
    assert message.startswith(
        "This file cannot be attached (it looks like a ZIP archive, not a Word, Excel or PowerPoint file)."
    )


def test_office_file_with_macros_cannot_be_attached():
    message = refusal(check_attachment, office_file("word/document.xml", macros=True), "handout.docm")
    assert message == (
        "Office files with macros cannot be attached (it looks like a macro-enabled Office file). "
        "Save it without macros (.docx, .xlsx or .pptx) and upload it again."
    )


def test_unrecognised_binary_cannot_be_attached():
    message = refusal(check_attachment, b"\x00\x01\x02garbage\x00" * 50, "data.bin")
    assert message.startswith("We cannot tell what this file is, so it cannot be attached. Attach a PDF")


def test_text_that_is_not_utf8_names_the_line():
    message = refusal(check_attachment, b"E11\nE11.65\nCaf\xe9\n", "codes.txt")
    assert "line 3 has a byte that is not UTF-8" in message


def test_empty_attachment_is_refused():
    assert refusal(check_attachment, b"", "empty.txt") == "The file is empty."


@override_settings(LESSON_ATTACHMENT_MAX_BYTES=2 * 1024 * 1024)
def test_attachment_over_the_limit_is_refused():
    message = refusal(check_attachment, PDF + b"0" * 3 * 1024 * 1024, "big.pdf")
    assert message == "The file is 3.0 MB; the limit is 2 MB."


# --- file names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Week 3 — EKG strip (final).PNG", "week-3-ekg-strip-final.png"),
        ("Café Résumé.docx", "cafe-resume.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\amy\\ICD-10 Guidelines.v2.pdf", "icd-10-guidelines-v2.pdf"),
        (".htaccess", "htaccess"),
        ("😀.pdf", "file.pdf"),
        ("lecture.<script>", "lecture.script"),
    ],
)
def test_safe_file_name_is_readable_and_storage_safe(name, safe):
    assert safe_file_name(name) == safe


def test_safe_file_name_keeps_the_extension_within_100_characters():
    name = safe_file_name("Coding " * 40 + ".xlsx")
    assert len(name) <= 100
    assert name.endswith("coding.xlsx")
