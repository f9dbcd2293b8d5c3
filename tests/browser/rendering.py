"""What the page tests ask of a rendered page: its text, whether its Chinese characters
really have glyphs, and the same page printed to PDF, read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pypdf import PdfReader

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

FAVICON = "/favicon.ico"
# A4 in PDF points (1/72 in): 210 mm x 297 mm. Chromium's media box is off by up to a point
# (it rounds through inches or CSS pixels), so sizes are compared within a tolerance.
A4_POINTS = (595.28, 841.89)
SIZE_TOLERANCE_POINTS = 2.0

# Kangxi Radicals and CJK Radicals Supplement. Chromium writes each font glyph's ToUnicode
# entry as the lowest code point the font maps to it; Noto Sans CJK draws many common
# ideographs with the same glyph as their radical (生 and ⽣, 见 and ⻅), so the PDF's text
# layer says ⽣ where the page, and the paper, say 生. `_fold_radicals` maps each back to the
# page's character drawn with that very glyph (NFKC would miss ⻅): the tests compare what was
# printed, not that quirk of the text layer (docs/browser-tests.md).
_RADICALS = re.compile("[\u2e80-\u2fdf]")
# Latin ligatures (ﬁ, ﬀ, ﬂ …): the text layer names the ligature glyph the font drew for "fi";
# NFKC spells it out again.
_LIGATURES = re.compile("[\ufb00-\ufb06]")

# The Chinese characters of the page's text, grouped by the font family (CSS font-family
# list) of the element that holds them.
_CHINESE_BY_FAMILY_JS = r"""
() => {
  const chinese = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  const byFamily = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const family = getComputedStyle(node.parentElement).fontFamily;
    const characters = new Set(byFamily[family] ?? []);
    for (const character of node.data) {
      if (chinese.test(character)) characters.add(character);
    }
    byFamily[family] = [...characters];
  }
  return byFamily;
}
"""

# Draws each character alone, large, in a font family (with the browser's own fallback, as
# the page's text gets it) and returns a digest of its pixels, or null when nothing was drawn.
# Two characters with the same digest were drawn with the same glyph.
_GLYPH_DIGESTS_JS = r"""
([family, characters]) => {
  const size = 64;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  context.font = `48px ${family}`;
  return characters.map((character) => {
    context.clearRect(0, 0, size, size);
    context.fillText(character, 4, 52);
    const pixels = context.getImageData(0, 0, size, size).data;
    // Two 32-bit FNV-1a hashes of the alpha channel (crypto.subtle needs a secure context).
    let first = 0x811c9dc5, second = 0x9e3779b9, inked = false;
    for (let i = 3; i < pixels.length; i += 4) {
      inked ||= pixels[i] > 0;
      first = Math.imul(first ^ pixels[i], 0x01000193);
      second = Math.imul(second ^ pixels[i] ^ i, 0x01000193);
    }
    return inked ? `${first >>> 0}-${second >>> 0}` : null;
  });
}
"""

# Two private-use code points (plane 16) that no font has: what they are drawn as is this
# font stack's missing-glyph box.
_NO_GLYPH = ("\U0010fffd", "\U0010fffc")


def glyph_digests(page: Page, family: str, characters: Sequence[str]) -> list[str | None]:
    return list(page.evaluate(_GLYPH_DIGESTS_JS, [family, list(characters)]))


@dataclass(frozen=True)
class GlyphCheck:
    checked: int  # (font family, character) pairs drawn
    missing: list[str]  # characters drawn as tofu or as nothing

    def __str__(self) -> str:
        shown = "".join(self.missing[:30]) + ("…" if len(self.missing) > 30 else "")
        return f"{len(self.missing)} of {self.checked} Chinese characters drawn as tofu: {shown}"


def unrenderable_characters(page: Page) -> GlyphCheck:
    """Every Chinese character of the page, drawn in its element's font family and compared
    with the missing-glyph box: one drawn the same, or drawn as nothing, is tofu.
    `document.fonts.check` cannot tell this (it answers true for a font that does not exist),
    and the fonts Chromium reports per node include the one that drew the boxes."""
    by_family: dict[str, list[str]] = page.evaluate(_CHINESE_BY_FAMILY_JS)
    checked, missing = 0, []
    for family, characters in by_family.items():
        box, other_box, *drawn = glyph_digests(page, family, [*_NO_GLYPH, *characters])
        assert box is not None, f"the missing-glyph box drew nothing in {family}"
        assert box == other_box, f"a font has a glyph for a private-use probe in {family}"
        checked += len(characters)
        missing += [c for c, d in zip(characters, drawn, strict=True) if d in (None, box)]
    return GlyphCheck(checked, missing)


@dataclass
class Visit:
    """A page as the browser loaded it, with every request it made and every console error."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The text a reader sees (layout applied), not the HTML source."""
        return str(self.page.inner_text("body"))


@contextmanager
def visit(
    browser: Browser, url: str, *, locale: str = "zh-CN", headers: dict[str, str] | None = None
) -> Iterator[Visit]:
    """Open `url` in a fresh context; the locale sets Accept-Language as a user's browser
    would, and `headers` carries a token for pages behind authentication."""
    context = browser.new_context(locale=locale, extra_http_headers=headers or {})
    try:
        page = context.new_page()
        seen = Visit(page)
        page.on("request", lambda request: seen.requests.append(request.url))

        def on_console(message: ConsoleMessage) -> None:
            # The browser asks for /favicon.ico on its own; the API has no icon, and that
            # 404 says nothing about the page.
            if message.type == "error" and not message.location["url"].endswith(FAVICON):
                seen.console_errors.append(f"{message.text} ({message.location['url']})")

        page.on("console", on_console)
        response = page.goto(url, wait_until="load")
        assert response is not None
        assert response.status == 200, response.text()
        page.evaluate("document.fonts.ready.then(() => true)")  # fonts loaded
        yield seen
    finally:
        context.close()


def is_a4(size: tuple[float, float], *, landscape: bool) -> bool:
    width, height = A4_POINTS[::-1] if landscape else A4_POINTS
    return (
        abs(size[0] - width) <= SIZE_TOLERANCE_POINTS
        and abs(size[1] - height) <= SIZE_TOLERANCE_POINTS
    )


@dataclass(frozen=True)
class Printout:
    text: str  # every page's extracted text, in order; radicals and ligatures folded back
    page_sizes: list[tuple[float, float]]  # (width, height) in points

    def flowing(self) -> str:
        """The text without line breaks and spaces: a table cell that wraps stays one string."""
        return re.sub(r"\s+", "", self.text)


def print_pdf(page: Page) -> Printout:
    """Print as Chromium's "Save as PDF" does on A4 paper; the page's own @page rule still
    chooses the orientation and the margins."""
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    text = "\n".join(p.extract_text() for p in reader.pages)
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return Printout(_fold_radicals(page, text), sizes)


def _fold_radicals(page: Page, text: str) -> str:
    """Each radical of the PDF's text replaced by the page's own character that the browser
    draws with an identical glyph (a radical the page really contains stays as it is)."""
    radicals = sorted(set(_RADICALS.findall(text)))
    if not radicals:
        return text
    by_family: dict[str, list[str]] = page.evaluate(_CHINESE_BY_FAMILY_JS)
    same_glyph: dict[str, str] = {}
    for family, characters in by_family.items():
        box, *digests = glyph_digests(page, family, [_NO_GLYPH[0], *radicals, *characters])
        drawn = dict(zip(digests[len(radicals) :], characters, strict=True))
        drawn.pop(None, None)
        drawn.pop(box, None)  # tofu is like every other tofu: that proves nothing
        for radical, digest in zip(radicals, digests, strict=False):
            if radical not in characters and digest in drawn:
                same_glyph.setdefault(radical, drawn[digest])
    return _RADICALS.sub(lambda m: same_glyph.get(m.group(), m.group()), text)
