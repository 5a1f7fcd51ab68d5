"""Importing field notes in Chromium: the consultant downloads the template, fills it
with 46 interviews (one with a service the catalogue does not have), uploads it, sees
the one error, confirms, and the project has 45 interviews more. Every new page passes
axe at 1280 and 320 px without sideways scrolling; screenshots at 320 px are kept."""

import io
import os
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from initiatives.models import FieldImport, Interview
from initiatives.tests.spreadsheets import xlsx
from projects.models import Project

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/synergi-e2e-shots"))  # noqa: S108


def checked(page, name):
    """axe at both widths, nothing wider than 320 px; a screenshot at 320 px."""
    problems = [f"{name}: {v}" for v in axe_violations(page)]
    page.set_viewport_size(NARROW)
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    width = page.evaluate("document.scrollingElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"{name}: {width} px wide at 320 px")
    problems += [f"{name} (320 px): {v}" for v in axe_violations(page)]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"fieldimport-{name}-320.png", full_page=True)
    page.set_viewport_size(WIDE)
    return problems


def test_a_consultant_imports_45_interviews_and_sees_the_wrong_row(
    page, demo, tmp_path
):
    project = Project.objects.get()
    before = Interview.objects.filter(project=project).count()
    problems = []
    login(page, "konsulent")
    page.goto(page.base_url + f"/projects/{project.pk}/interviews/")
    page.get_by_role("link", name="Importér fra regneark").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importér interviews")
    problems += checked(page, "upload")
    # Sent without a file, then with a picture: the error beside the field.
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator("#error-summary")).to_contain_text(
        "Vælg filen med feltnoterne."
    )
    problems += checked(page, "upload-without-file")
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
    page.get_by_label("Regneark").set_input_files(str(picture))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator("#error-summary")).to_contain_text("Filen er ikke et regneark")
    problems += checked(page, "upload-not-a-spreadsheet")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent skabelon (Excel)").click()
    template = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    header, example = list(template.worksheets[0].iter_rows(values_only=True))
    rows = []
    for n in range(1, 47):
        row = list(example)
        row[header.index("Nøgle")] = f"E2E-{n:02d}"
        row[header.index("Noter")] = f"Borger nummer {n} fra feltarbejdet."
        rows.append(row)
    rows[9][header.index("Ydelse")] = "Pasfornyelse"  # row 11 of the file
    path = tmp_path / "feltnoter.xlsx"
    path.write_bytes(xlsx(list(header), rows))

    page.get_by_label("Regneark").set_input_files(str(path))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator("#import-summary")).to_contain_text("45 importeres")
    expect(page.locator("#import-summary")).to_contain_text("1 springes over")
    errors = page.locator(".import-errors li")
    expect(errors).to_have_count(1)
    expect(errors).to_have_text(
        "Række 11, Ydelse: “Pasfornyelse” findes ikke i ydelseskataloget. "
        "Mente du “Pas”?"
    )
    assert Interview.objects.filter(project=project).count() == before
    problems += checked(page, "preview")
    second_tab = page.context.new_page()
    second_tab.goto(page.url)

    page.get_by_role("button", name="Importér 45 interviews").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "45 interviews er importeret. 1 række med fejl er sprunget over."
    )
    assert Interview.objects.filter(project=project).count() == before + 45
    problems += checked(page, "interview-list")

    # The same preview confirmed again from a second tab: nothing twice.
    second_tab.get_by_role("button", name="Importér 45 interviews").click()
    expect(second_tab.get_by_role("status").first).to_contain_text(
        "Filen er allerede importeret. Intet er importeret to gange."
    )
    expect(second_tab.locator(".alert-success")).to_contain_text(
        "Filen blev importeret"
    )
    problems += checked(second_tab, "done")
    held = FieldImport.objects.get()
    page.goto(page.base_url + f"/projects/{project.pk}/import/quotes/")
    problems += checked(page, "upload-quotes")
    assert Interview.objects.filter(project=project).count() == before + 45
    assert held.imported_count == 45 and held.rows == ""
    assert not page.console_errors
    assert not problems, "\n".join(problems)
