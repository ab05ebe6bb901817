"""Fonts for the timeline: finding one that can show the names, and measuring text with it.

Layout measures every string with the same font objects the painter draws with, so a box
computed here is exactly the ink on the picture.

The picture is drawn in English or Russian, so its font must have Cyrillic on every machine,
not only where a system font happens to be installed (the slim Docker image has none).
Pillow's bundled font (Aileron, 113 glyphs) has no Cyrillic, and PyPI has no package of just
DejaVu (matplotlib carries it, with numpy), so the package carries DejaVu Sans Condensed 2.37
itself (``typefaces/``, 1.3 MB, with its licence): the very files of Debian's fonts-dejavu-core,
so the picture uses the same font in the Docker image, on a developer's Mac and in CI. System
fonts remain the fallback should those files be missing, then Pillow's bundled font, with which
the picture is drawn in English folded to ASCII (``layout``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from PIL import ImageFont

SUPERSAMPLE = 2  # drawn at 2x, then reduced: smooth circles at little cost

_TYPEFACES = Path(__file__).with_name("typefaces")
SHIPPED_FONTS = (  # regular, bold: package data (pyproject.toml), see typefaces/LICENSE
    str(_TYPEFACES / "DejaVuSansCondensed.ttf"),
    str(_TYPEFACES / "DejaVuSansCondensed-Bold.ttf"),
)

# Tried in order; the first that loads wins. DejaVu covers Latin accents and Cyrillic, which
# Pillow's bundled font does not; the bundled font is the last resort.
_FONT_FILES = (
    SHIPPED_FONTS,
    (  # Debian/Ubuntu (fonts-dejavu-core): a direct hit, no search of the font folders
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    ),
    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)

AnyFont = Any  # ImageFont.FreeTypeFont or, as a last resort, ImageFont.ImageFont


class Fonts:
    """The text fonts at final size (text is drawn after the 2x shapes are reduced), plus the
    "?" glyph font at drawing size; measurements are in final pixels."""

    def __init__(self, scale: float) -> None:
        self.ascii_only = False
        sizes = {
            "title": 34,
            "subtitle": 21,
            "lane": 23,
            "lane_sub": 20,
            "label": 20,
            "tick": 20,
            "legend": 20,
            "pill": 20,
        }
        bold = {"title", "lane", "pill"}
        regular_file, bold_file = self._pick_files()
        self.fonts: dict[str, AnyFont] = {}
        for role, size in sizes.items():
            self.fonts[role] = self._load(bold_file if role in bold else regular_file, max(8, round(size * scale)))
        self.tick_bold = self._load(bold_file, max(8, round(sizes["tick"] * scale)))
        self.glyph = self._load(bold_file, max(8, round(15 * scale * SUPERSAMPLE)))
        self._heights: dict[int, float] = {}

    @staticmethod
    def _pick_files() -> tuple[str | None, str | None]:
        """The first regular/bold pair that loads, as full paths (so later sizes load directly)."""

        def resolve(name: str) -> str | None:
            try:
                font = ImageFont.truetype(name, 10)
            except OSError:
                return None
            return str(getattr(font, "path", name) or name)

        for regular, bold in _FONT_FILES:
            regular_path = resolve(regular)
            if regular_path is not None:
                return regular_path, resolve(bold) or regular_path
        return None, None

    def _load(self, file: str | None, px: int) -> AnyFont:
        """The font at ``px``; without a font file, Pillow's bundled one (and ASCII text)."""
        if file is not None:
            try:
                return ImageFont.truetype(file, px)
            except OSError:
                pass
        self.ascii_only = True  # the bundled font lacks accents, dashes and stars
        try:
            return ImageFont.load_default(size=px)
        except (TypeError, ValueError, OSError, ImportError):  # old Pillow or no FreeType
            return ImageFont.load_default()

    def __getitem__(self, role: str) -> AnyFont:
        return self.fonts[role]

    def clean(self, text: str) -> str:
        """Text the font can show: without DejaVu, fold accents and fancy dashes to ASCII."""
        text = " ".join(text.split())
        if not self.ascii_only:
            return text
        text = text.replace("–", "-").replace("—", "-").replace("·", "-")
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        return folded.encode("ascii", "replace").decode("ascii")

    def width(self, text: str, font: AnyFont) -> float:
        return float(font.getlength(text))

    def height(self, font: AnyFont) -> float:
        """One line's height (ascent + descent), cached: layout asks for it very often."""
        key = id(font)
        if key not in self._heights:
            try:
                ascent, descent = font.getmetrics()
                h = ascent + descent
            except AttributeError:
                h = font.getbbox("Ag")[3]
            self._heights[key] = float(h)
        return self._heights[key]

    def truncate(self, text: str, chars: int) -> str:
        """Cut to ``chars`` characters with an ellipsis: labels are kept short by count."""
        text = self.clean(text)
        if len(text) <= chars:
            return text
        ellipsis = "..." if self.ascii_only else "…"
        return text[: chars - len(ellipsis)].rstrip(" ,;:-–—") + ellipsis

    def fit(self, text: str, font: AnyFont, max_width: float) -> str:
        """Cut ``text`` with an ellipsis so it is at most ``max_width`` wide."""
        text = self.clean(text)
        if self.width(text, font) <= max_width:
            return text
        ellipsis = "..." if self.ascii_only else "…"
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + ellipsis, font) <= max_width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ellipsis

    def wrap(self, text: str, font: AnyFont, max_width: float, max_lines: int) -> list[str]:
        """Word-wrap to at most ``max_lines`` lines, the last cut with an ellipsis if needed."""
        words = self.clean(text).split(" ")
        lines: list[str] = []
        current = ""
        for i, word in enumerate(words):
            trial = f"{current} {word}".strip()
            if self.width(trial, font) <= max_width or not current:
                current = trial
                continue
            lines.append(current)
            if len(lines) == max_lines - 1:
                current = " ".join(words[i:])
                break
            current = word
        lines.append(current)
        return [self.fit(line, font, max_width) for line in lines[:max_lines]]
