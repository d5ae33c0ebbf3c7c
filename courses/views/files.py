"""Lesson files (lecture videos, captions, reading images, attachments), with HTTP Range for seeking.

Files are read through Django's storage API only (``open`` and
``storage.size``), never a filesystem path, so a deployment can keep them in
object storage. Who may fetch one is decided by ``lesson_file_for``.

Range (RFC 9110): one range ``bytes=START-END``, ``bytes=START-`` or
``bytes=-SUFFIX`` answers 206 with Content-Range and exactly those bytes; a
range that starts past the end (or a zero suffix, or any range of an empty
file) answers 416 with ``Content-Range: bytes */SIZE``. A header we do not
take (not bytes, malformed, END before START, or several ranges) is ignored
as the RFC allows, and the whole file comes back with 200: players ask for
one range at a time. If-Range is honoured against our ETag only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from courses.models import LessonFile
from courses.selectors.content import lesson_file_for

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# Only these render inline; anything else (HTML, SVG, PDF, unknown) downloads, so no upload runs in our origin.
INLINE_TYPES = frozenset({
    "video/mp4", "video/webm", "video/ogg", "text/vtt",
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
})
INLINE_ROLES = frozenset({LessonFile.Role.VIDEO, LessonFile.Role.CAPTIONS, LessonFile.Role.IMAGE})


def url_name(lesson_file: LessonFile) -> str:
    """The file's name as the last part of its URL (no slashes); only for people and save-as dialogs."""
    return lesson_file.name.replace("/", "-").replace("\\", "-").strip() or "file"


def lesson_file_url(lesson_file: LessonFile) -> str:
    return reverse("courses:lesson_file", kwargs={"file_id": lesson_file.pk, "name": url_name(lesson_file)})


def parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) byte positions of a single satisfiable range; False when unsatisfiable; None to ignore it."""
    match = RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None
    start, end = match.groups()
    if start == "" and end == "":
        return None
    if start == "":  # the last N bytes
        suffix = int(end)
        if suffix == 0 or size == 0:
            return False
        return max(size - suffix, 0), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if end and last < first:
        return None  # not a valid range-spec: the RFC says ignore the header
    if first >= size:
        return False
    return first, min(last, size - 1)


def _etag(stored, size: int) -> str:
    # Each upload gets its own storage name, so name and size identify the bytes.
    digest = hashlib.sha256(f"{stored.name}:{size}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def _chunks(stored, first: int, length: int) -> Iterator[bytes]:
    # Opened on the first read, so a response that is never sent leaves nothing open.
    handle = stored.open("rb")
    try:
        handle.seek(first)
        left = length
        while left > 0:
            data = handle.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            yield data
    finally:
        handle.close()


def _headers(response: HttpResponse, *, content_type: str, name: str, inline: bool, etag: str) -> HttpResponse:
    inline = inline and content_type.lower() in INLINE_TYPES
    response["Content-Type"] = content_type or "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    response["ETag"] = etag
    return response


def _wanted_range(request: HttpRequest, size: int, etag: str) -> tuple[int, int] | None | bool:
    header = request.headers.get("Range")
    if not header or "," in header:
        return None
    if_range = request.headers.get("If-Range")
    if if_range and if_range.strip() != etag:
        return None  # the client's copy is another version (or dated): send it all
    return parse_range(header, size)


def serve_file(request: HttpRequest, *, stored, content_type: str, name: str, inline: bool) -> HttpResponse:
    """A stored file (a FieldFile) with Range support; only the types in INLINE_TYPES ever render inline."""
    try:
        size = stored.storage.size(stored.name)
    except OSError:  # the row outlived its file (deleted from storage): missing, not a server error
        raise Http404("No such file.") from None
    etag = _etag(stored, size)
    wanted = _wanted_range(request, size, etag)
    headers = {"content_type": content_type, "name": name, "inline": inline, "etag": etag}
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _headers(response, **headers)
    if request.method == "HEAD":
        response = HttpResponse()
        response["Content-Length"] = str(size)
        return _headers(response, **headers)
    if wanted is None:
        response = FileResponse(stored.open("rb"))
        response["Content-Length"] = str(size)
        return _headers(response, **headers)
    first, last = wanted
    response = StreamingHttpResponse(_chunks(stored, first, last - first + 1), status=206)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    return _headers(response, **headers)


@require_http_methods(["GET", "HEAD"])
def lesson_file(request: HttpRequest, file_id: int, name: str) -> HttpResponse:
    """One file of a lesson; ``name`` is only for reading the URL (the row's name goes in the headers)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = lesson_file_for(membership=request.membership, file_id=file_id)
    return serve_file(request, stored=found.file, content_type=found.content_type, name=found.name,
                      inline=found.role in INLINE_ROLES)


urlpatterns = [
    path("courses/files/<int:file_id>/<str:name>", lesson_file, name="lesson_file"),
]
