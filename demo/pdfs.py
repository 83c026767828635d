"""Real PDF files for the demo: minutes, legal texts, tender files, reports and presentations.

Arabic is shaped by HarfBuzz (through fpdf2's text shaping) and laid out right to left with the
Unicode bidirectional algorithm; the Amiri font, shipped beside this module, covers both Arabic and
Latin, so one font serves Arabic and French documents and the text stays extractable. Only its
regular face is embedded: headings stand out by size and colour, which keeps generation fast.
"""

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "amiri"

LETTERHEAD_TOP = {
    "ar": ["المملكة المغربية", "وزارة الداخلية"],
    "fr": ["Royaume du Maroc", "Ministère de l'Intérieur"],
}
PAGE_LABEL = {"ar": "الصفحة", "fr": "Page"}
#: Arabic documents number their items with words, as administrations do; a leading digit would
#: also be laid out on the wrong side of a right-to-left line.
ARABIC_ORDINALS = ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا"]


@dataclass
class Letterhead:
    """Who issues the document: the lines printed at the top of every page."""

    region: str
    province: str
    commune: str


@dataclass
class DocumentContent:
    """What a generated document says, in one language.

    ``blocks`` is a list of ``(kind, value)``: ``("heading", str)``, ``("paragraph", str)``,
    ``("items", [str])`` for a numbered list, ``("facts", [(label, value)])`` for a two-column table.
    """

    language: str
    title: str
    subtitle: str = ""
    blocks: list = field(default_factory=list)


class _CommunePDF(FPDF):
    def __init__(self, language, letterhead):
        super().__init__(format="A4")
        self.language = language
        self.letterhead = letterhead
        self.rtl = language == "ar"
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font(FONT, "", str(FONT_DIR / "Amiri-Regular.ttf"))
        self.set_text_shaping(use_shaping_engine=True, language=language)
        self.set_creator("Bawaba")
        self.set_lang(language)

    @property
    def align(self):
        return "R" if self.rtl else "L"

    def numbered(self, number, item):
        if not self.rtl:
            return f"{number}. {item}"
        if number <= len(ARABIC_ORDINALS):
            return f"{ARABIC_ORDINALS[number - 1]}: {item}"
        return f"البند {number}: {item}"

    def header(self):
        lines = [*LETTERHEAD_TOP[self.language], self.letterhead.region, self.letterhead.province]
        self.set_font(FONT, "", 10)
        self.set_text_color(60, 60, 60)
        for line in lines:
            self.cell(0, 5, line, align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 13)
        self.set_text_color(20, 60, 120)
        self.cell(0, 7, self.letterhead.commune, align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(20, 60, 120)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, "", 9)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, f"{PAGE_LABEL[self.language]} {self.page_no()}", align="C")

    def write_block(self, kind, value):
        if kind == "heading":
            self.ln(2)
            self.set_font(FONT, "", 14)
            self.set_text_color(20, 60, 120)
            self.multi_cell(0, 7, value, align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)
            self.ln(1)
        elif kind == "paragraph":
            self.set_font(FONT, "", 11.5)
            self.multi_cell(0, 6.5, value, align="J" if not self.rtl else "R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(2)
        elif kind == "items":
            self.set_font(FONT, "", 11.5)
            for number, item in enumerate(value, start=1):
                self.multi_cell(
                    0, 6.5, self.numbered(number, item), align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
            self.ln(2)
        elif kind == "facts":
            self.set_font(FONT, "", 11)
            with self.table(
                col_widths=(70, 100) if not self.rtl else (100, 70),
                text_align=("LEFT", "LEFT") if not self.rtl else ("RIGHT", "RIGHT"),
                first_row_as_headings=False,
                line_height=7,
            ) as table:
                for label, fact in value:
                    row = table.row()
                    cells = (label, str(fact)) if not self.rtl else (str(fact), label)
                    for cell in cells:
                        row.cell(cell)
            self.ln(3)
        else:
            raise ValueError(f"unknown block kind {kind!r}")


def render(content, letterhead):
    """Lay ``content`` out as an A4 PDF under the commune's letterhead; returns the file's bytes."""
    pdf = _CommunePDF(content.language, letterhead)
    pdf.set_title(content.title)
    pdf.add_page()
    pdf.set_font(FONT, "", 18)
    pdf.multi_cell(0, 9, content.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if content.subtitle:
        pdf.set_font(FONT, "", 12)
        pdf.set_text_color(80, 80, 80)
        pdf.multi_cell(0, 7, content.subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    for kind, value in content.blocks:
        pdf.write_block(kind, value)
    return bytes(pdf.output())
