"""The catalogue's figures are the results page's summaries: a scale by its mean
and distribution (never a sum), yes/no as the share Ja, choices with their shares."""

import io
import re

import pytest
from pypdf import PdfReader

from dashboards.tests.conftest import every_kind  # noqa: F401 (a fixture)
from reporting import pdf, services

pytestmark = pytest.mark.django_db


def test_the_catalogue_summarises_each_kind_and_never_sums_a_scale(every_kind):  # noqa: F811
    initiative, ringsted, roskilde = every_kind
    catalogue = services.catalogue_create(project=initiative.project)
    services.chapter_add(catalogue=catalogue, initiative=initiative)
    html = pdf.catalogue_html(catalogue=catalogue)
    table = html[html.index('<table class="figures">') :]
    table = table[: table.index("</table>")]
    rows, question = [], None
    for name, site, row in re.findall(
        r'(?:<th scope="rowgroup"[^>]*>([^<]*)</th>)?<th scope="row" class="site-cell">'
        r'<span class="name">([^<]*)</span></th>(.*?)</tr>',
        table,
        re.S,
    ):
        question = name or question  # a question's name heads its group of rows
        rows.append((question, site, row))

    def cells(question, site):
        row = next(r for q, s, r in rows if (q, s) == (question, site))
        return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]

    assert cells("Antal", "Ringsted")[0] == "8"
    assert cells("Antal", "Alle steder")[0] == "15"
    scale = cells("Oplevelse", "Ringsted")
    assert scale[0] == "–"  # the "I alt" cell: a scale has no total
    assert "gennemsnit 3" in scale[1] and "0 / 1 / 0 / 1 / 0" in scale[1]
    assert cells("Oplevelse", "Alle steder")[0] == "–"
    assert "67 % ja" in cells("Justering", "Alle steder")[1]
    assert "Positivt 2 (67 %), Negativt 1 (33 %)" in cells("Reaktion", "Alle steder")[1]
    assert "Skranke 2 (100 %), Telefon 1 (50 %)" in cells("Kanaler", "Ringsted")[1]
    # No text answers in the catalogue's figures, and no citizens' words.
    assert "Travl uge" not in html and "Godt kort" not in html

    content, _pages, _refused = pdf.html_to_pdf(html)
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )
    assert "Oplevelse" in text and "gennemsnit 3,7" in text  # all sites: 11 / 3
    for summed in ("i alt 6", "i alt 11"):
        assert summed not in text
