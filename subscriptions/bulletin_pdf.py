"""A bulletin issue as a PDF: Arabic shaped by HarfBuzz and laid out right to left, Tifinagh and Latin too.

fpdf2 shapes each line with HarfBuzz (uharfbuzz) and orders it with the Unicode bidirectional
algorithm; the Amiri font covers Arabic and Latin, Noto Sans Tifinagh takes over for Tifinagh
letters. The fonts ship with this module, so a deployment makes PDFs without fetching anything,
and the text stays extractable (and therefore searchable and readable by screen readers).
"""

from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from pages.dates import format_date

FONT_DIR = Path(__file__).resolve().parent / "fonts"
ARABIC_LATIN = "amiri"
TIFINAGH = "tifinagh"
TIFINAGH_RANGE = range(0x2D30, 0x2D80)


def _has_tifinagh(text):
    return any(ord(character) in TIFINAGH_RANGE for character in text)


class BulletinPDF(FPDF):
    def __init__(self, language, commune_name):
        super().__init__(format="A4")
        self.language = language
        self.commune_name = commune_name
        self.rtl = translation.get_language_bidi() if language else False
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_font(ARABIC_LATIN, "", str(FONT_DIR / "Amiri-Regular.ttf"))
        self.add_font(TIFINAGH, "", str(FONT_DIR / "NotoSansTifinagh-Regular.ttf"))
        self.set_text_shaping(use_shaping_engine=True, script=None, language=None)
        self.set_creator("Bawaba")
        self.set_lang(language)

    @property
    def align(self):
        return "R" if self.rtl else "L"

    def use(self, text, size):
        """Tifinagh text in the Tifinagh font (Amiri as fallback for digits and Latin), the rest in Amiri."""
        if _has_tifinagh(text):
            self.set_font(TIFINAGH, "", size)
            self.set_fallback_fonts([ARABIC_LATIN])
        else:
            self.set_font(ARABIC_LATIN, "", size)
            self.set_fallback_fonts([TIFINAGH])

    def line_of(self, text, size, height, color=(0, 0, 0)):
        if not text:
            return
        self.use(text, size)
        self.set_text_color(*color)
        self.multi_cell(0, height, text, align=self.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def header(self):
        self.line_of(self.commune_name, 12, 6, (20, 60, 120))
        self.set_draw_color(20, 60, 120)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)

    def footer(self):
        self.set_y(-13)
        self.set_font(ARABIC_LATIN, "", 9)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, str(self.page_no()), align="C")


def render_bulletin_pdf(issue):
    """The bytes of the PDF of ``issue``, in the issue's language."""
    from .mail import commune_name

    language = issue.locale.language_code
    site = issue.get_site()
    with translation.override(language):
        pdf = BulletinPDF(language, commune_name(site, language) if site else "")
        pdf.set_title(issue.title)
        pdf.add_page()
        pdf.line_of(issue.title, 20, 10, (20, 60, 120))
        period = _("From %(start)s to %(end)s") % {
            "start": format_date(issue.period_start),
            "end": format_date(issue.period_end),
        }
        pdf.line_of(period, 11, 6, (90, 90, 90))
        pdf.ln(3)
        if issue.intro:
            pdf.line_of(issue.intro, 12, 7)
            pdf.ln(2)
        editorial = issue.editorial_text()
        if editorial:
            pdf.line_of(_("Editorial"), 15, 8, (20, 60, 120))
            for paragraph in editorial.split("\n"):
                pdf.line_of(paragraph.strip(), 11.5, 6.5)
            pdf.ln(2)
        entries = issue.entries()
        if entries:
            pdf.line_of(_("In this issue"), 15, 8, (20, 60, 120))
            for entry in entries:
                pdf.line_of(str(entry["kind"]), 9.5, 5, (110, 110, 110))
                pdf.line_of(entry["title"], 13, 7)
                pdf.line_of(entry["summary"], 11, 6)
                if entry["url"]:
                    pdf.use(entry["url"], 9)
                    pdf.set_text_color(20, 60, 120)
                    pdf.cell(
                        0, 5, entry["url"], align=pdf.align, link=entry["url"], new_x=XPos.LMARGIN, new_y=YPos.NEXT
                    )
                    pdf.set_text_color(0, 0, 0)
                pdf.ln(3)
        return bytes(pdf.output())
