#!/usr/bin/env python3
"""Make resources/fonts/NotoSansSC-Regular-subset.ttf, the font of the searchable PDF's text layer.

Noto Sans CJK SC (SIL Open Font License 1.1, Debian's fonts-noto-cjk) cut down to the characters
the OCR can return: the PP-OCR character list, GB 2312, ASCII and CJK punctuation. The outlines
are converted to TrueType: pdf-lib's own subsetting of CFF fonts writes font programs poppler
and Acrobat reject ("Embedded font file may be invalid"), its TrueType subsets are sound. Run
once after changing the character set (needs `apt-get install fonts-noto-cjk python3-fonttools`):
    /usr/bin/python3 scripts/make-pdf-font.py
"""
import pathlib
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SC = 2  # the collection's faces: JP, KR, SC, TC, HK, then the Mono ones
OUT = ROOT / "resources" / "fonts" / "NotoSansSC-Regular-subset.ttf"


def characters() -> set:
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars |= set(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars |= set("¥￥×÷±°·—–‘’“”…‰※№☑☐□■○●△▲◇◆")
    keys = ROOT / "node_modules" / "@gutenye" / "ocr-models" / "assets" / "ppocr_keys_v1.txt"
    chars |= set(keys.read_text(encoding="utf-8").replace("\n", ""))
    for hi in range(0xA1, 0xF8):  # every GB 2312 character
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def to_truetype(font) -> None:
    """Cubic CFF outlines to quadratic glyf (after fontTools' otf2ttf snippet)."""
    font.recalcBBoxes = True  # maxp, head and the glyphs' bounds are computed on save
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    # Even-length glyph records: fontkit (pdf-lib's subsetter) halves offsets into a short
    # loca without padding, so one odd record shifts every glyph after it.
    glyf.padding = 4
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for glyph in glyf.glyphs.values():
        glyph.recalcBounds(glyf)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def main() -> None:
    options = subset.Options()
    options.font_number = FACE_SC
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB"]
    font = subset.load_font(SOURCE, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters())))
    subsetter.subset(font)
    to_truetype(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), options)
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
