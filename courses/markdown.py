"""Readings: lesson text written in Markdown, shown as sanitised HTML.

Authors may mix in a little HTML (<sup>, <abbr>, <kbd>), and show the lesson's
uploaded images as ``![EKG strip](image:ekg.png)``. nh3 decides what reaches
the page; ``reading_problems`` tells the author, before saving, about what nh3
would otherwise drop without a word (scripts, frames, event attributes,
javascript: links) and about images that are not uploaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from markdown_it.token import Token

from courses.content_files import safe_file_name

IMAGE_PREFIX = "image:"
URL_SCHEMES = {"http", "https", "mailto"}
SCRIPT_SCHEMES = {"javascript", "vbscript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "sup", "sub", "abbr", "kbd", "hr", "br",
    "del", "s",  # markdown-it writes ~~struck~~ as <s>; authors' own HTML may use <del>
}
# Why each tag is refused; nh3 removes them (with their content where it is code or a frame).
REFUSED_TAGS = {
    "script": "scripts are removed when the reading is shown.",
    "iframe": "embedded pages are removed when the reading is shown; link to the page instead.",
    "object": "embedded content is removed when the reading is shown; link to it instead.",
    "embed": "embedded content is removed when the reading is shown; link to it instead.",
    "style": "the reading uses the school's own styles, so style sheets are removed.",
    "form": "forms are removed when the reading is shown; use a quiz for questions.",
}

_markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# markdown-it would print a javascript: link as literal text; letting every link through
# leaves nh3 as the one judge of URLs, and lets reading_problems see and name such links.
_markdown.validateLink = lambda url: True

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "template"},
    attributes={
        "a": {"href", "title"},
        "img": {"src", "alt", "title"},
        "abbr": {"title"},
        "ol": {"start"},
        "th": {"style"},  # markdown-it aligns table columns with style="text-align:..."
        "td": {"style"},
    },
    filter_style_properties={"text-align"},
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def render_reading(text: str, *, images: Mapping[str, str]) -> str:
    """The reading as safe HTML; ``image:NAME`` sources become the URLs in ``images`` (name -> URL)."""
    tokens = _markdown.parse(text)
    _shift_headings(tokens)
    for token, _line in _walk(tokens):
        for attribute in ("src", "href"):
            url = token.attrGet(attribute)
            if isinstance(url, str) and url.startswith(IMAGE_PREFIX):
                name = _find_image(_image_name(url), images)
                if name is None:
                    del token.attrs[attribute]  # alt text stays; a missing image is reading_problems' to report
                else:
                    token.attrSet(attribute, images[name])
    return _cleaner.clean(_markdown.renderer.render(tokens, _markdown.options, {}))


def reading_problems(text: str, *, images: Collection[str]) -> list[str]:
    """What must be fixed before the reading is saved, as messages for its author; [] when nothing."""
    if not text.strip():
        return ["Write the reading."]
    limit = settings.READING_MAX_CHARS
    if len(text) > limit:  # not parsed: the author has to shorten it first anyway
        return [f"The reading is {len(text):,} characters long; the limit is {limit:,}. Split it across lessons."]
    problems: list[str] = []
    for token, line in _walk(_markdown.parse(text)):
        if token.type in ("html_inline", "html_block"):
            problems += _raw_html_problems(token.content, line)
            continue
        for attribute in ("src", "href"):
            url = token.attrGet(attribute)
            if isinstance(url, str):
                problems += _url_problems(url, line, images=images, shows=attribute == "src")
    return list(dict.fromkeys(problems))


# --- helpers ----------------------------------------------------------------------


def _walk(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """Every token, inline ones too, with the number of the line it is on."""
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        yield token, line
        for child in token.children or []:
            yield child, line
            if child.type in ("softbreak", "hardbreak"):
                line += 1


def _shift_headings(tokens: list[Token]) -> None:
    # The page's own <h1> is the lesson title. Shift every heading only when the author used an h1,
    # so the levels keep their order and an author who already starts at h2 is left alone.
    if not any(token.type == "heading_open" and token.tag == "h1" for token in tokens):
        return
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def _image_name(url: str) -> str:
    return unquote(url.removeprefix(IMAGE_PREFIX)).strip()  # markdown-it percent-encodes spaces


def _find_image(name: str, names: Collection[str]) -> str | None:
    """The uploaded image ``name`` means: the same name, or the same but for case, or the name it was
    stored under (uploads are renamed by ``safe_file_name``, so "EKG strip.png" is kept as "ekg-strip.png")."""
    if name in names:
        return name
    for candidate in (name.lower(), safe_file_name(name)):
        found = next((stored for stored in names if stored.lower() == candidate), None)
        if found is not None:
            return found
    return None


def _scheme(url: str) -> str | None:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    match = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20\x7f]", "", url).lower())
    return match[1] if match else None


def _url_problems(url: str, line: int, *, images: Collection[str], shows: bool) -> list[str]:
    scheme = _scheme(url)
    if scheme is None or scheme in URL_SCHEMES:
        return []
    if scheme == "image":
        name = _image_name(url)
        if _find_image(name, images) is not None:
            return []
        verb = "shows" if shows else "links to"
        return [
            f"The reading {verb} image:{name} (line {line}), but no image of that name is uploaded to this lesson. "
            "Upload it below or fix the name."
        ]
    if scheme in SCRIPT_SCHEMES:
        return [
            f"Readings cannot contain {scheme}: links (line {line}): they run script and are removed when "
            "the reading is shown. Link to an https:// page instead."
        ]
    shown = url if len(url) <= 40 else url[:39] + "\u2026"
    return [
        f"The link {shown} (line {line}) cannot be used and would be removed: links must start with "
        "http://, https:// or mailto:, or point to a page of this site."
    ]


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0]))


def _raw_html_problems(fragment: str, first_line: int) -> list[str]:
    collector = _TagCollector()
    collector.feed(fragment)
    collector.close()
    problems: list[str] = []
    for tag, attrs, offset in collector.tags:
        line = first_line + offset - 1
        if tag in REFUSED_TAGS:
            problems.append(f"Readings cannot contain <{tag}> (line {line}): {REFUSED_TAGS[tag]} Remove it.")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(
                    f"Readings cannot use the {name} attribute (on <{tag}>, line {line}): event attributes run "
                    "script and are removed when the reading is shown. Remove it."
                )
            elif name in URL_ATTRIBUTES and value and _scheme(value) == "image":
                problems.append(
                    f"Show an uploaded image with Markdown, not <{tag}> (line {line}): "
                    f"![what it shows]({value.strip()}). image: names work only there."
                )
            elif name in URL_ATTRIBUTES and value:
                problems += _url_problems(value, line, images=(), shows=name == "src")
    return problems


# --- posts: what members write (forum posts, support requests) ----------------------------------

# Raw HTML is shown as text, not parsed: a post needs no markup beyond Markdown, and nh3 still
# cleans the result. No images either (a picture from another site would tell it who read the post).
_post_markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_post_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS - {"img", "h2", "h3"},
    attributes={"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}},
    filter_style_properties={"text-align"},
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)
CodeLinks = Callable[[list[str]], Mapping[str, str]]


def render_post(text: str, *, code_links: CodeLinks | None = None, pattern: re.Pattern | None = None) -> str:
    """A member's Markdown as safe HTML. With ``code_links`` (candidates -> {candidate: url}) and
    ``pattern``, words of plain text that match (E11.65, 99213, J1100) become links when the callable
    knows them; text inside links and code spans is left alone."""
    tokens = _post_markdown.parse(text or "")
    _shift_headings(tokens)
    if code_links is not None and pattern is not None:
        _link_codes(tokens, code_links, pattern)
    return _post_cleaner.clean(_post_markdown.renderer.render(tokens, _post_markdown.options, {}))


def _plain_texts(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """(inline token, index of a text child) for text that is not already inside a link."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for index, child in enumerate(token.children):
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0:
                yield token, index


def _link_codes(tokens: list[Token], code_links: CodeLinks, pattern: re.Pattern) -> None:
    places = list(_plain_texts(tokens))
    candidates = sorted({m.group(0) for token, i in places for m in pattern.finditer(token.children[i].content)})
    if not candidates:
        return
    urls = code_links(candidates)
    if not urls:
        return
    for token, index in reversed(places):  # from the end, so earlier indexes stay right
        child = token.children[index]
        pieces, last = [], 0
        for match in pattern.finditer(child.content):
            url = urls.get(match.group(0))
            if url is None:
                continue
            pieces.append(_text(child.content[last:match.start()]))
            link = Token("link_open", "a", 1)
            link.attrSet("href", url)
            pieces += [link, _text(match.group(0)), Token("link_close", "a", -1)]
            last = match.end()
        if pieces:
            pieces.append(_text(child.content[last:]))
            token.children[index:index + 1] = [p for p in pieces if p.type != "text" or p.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
