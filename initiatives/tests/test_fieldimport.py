"""Importing interviews and quotes from a spreadsheet: reading the file, checking
each row, the preview, the one-transaction confirmation, and importing twice."""

import datetime
import io
import json
import zipfile
from unittest import mock

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.services import StateConflict
from initiatives.fieldimport import services
from initiatives.fieldimport.reading import (
    MAX_ROWS,
    FileRefused,
    decode,
    delimiter_of,
    read_table,
)
from initiatives.fieldimport.values import parse_age_band, parse_date
from initiatives.models import (
    FieldImport,
    ImportKind,
    ImportStatus,
    Interview,
    Quote,
    Vocabulary,
)
from initiatives.tests.factories import InterviewFactory, TermFactory
from privacy import gdpr
from projects.models import AuditAction, AuditEvent
from projects.tests.factories import ProjectFactory
from sites.tests.factories import CitizenServiceFactory, SiteFactory

from .spreadsheets import (
    INTERVIEW_HEADER,
    QUOTE_HEADER,
    csv_bytes,
    interview_rows,
    xlsx,
)

pytestmark = pytest.mark.django_db


def upload(world, data, kind=ImportKind.INTERVIEWS, name="noter.xlsx"):
    return services.field_import_upload(
        project=world.project,
        kind=kind,
        file_name=name,
        data=data,
        user=world.users["consultant"],
    )


def confirm(world, held):
    preview = services.field_import_preview(field_import=held)
    return services.field_import_confirm(
        field_import=held, digest=preview.digest, user=world.users["consultant"]
    )


# Reading files


def test_csv_with_semicolons_and_a_byte_order_mark(world):
    table = read_table(csv_bytes(INTERVIEW_HEADER, interview_rows(2)))
    assert table.header == INTERVIEW_HEADER
    assert [n for n, _cells in table.rows] == [2, 3]
    assert table.rows[0][1][4] == "02-05-2017"


def test_csv_with_commas_without_a_byte_order_mark():
    data = csv_bytes(
        INTERVIEW_HEADER, interview_rows(1), delimiter=",", encoding="utf-8"
    )
    table = read_table(data)
    assert table.header[1] == "Sted" and table.rows[0][1][1] == "Sted A"


def test_csv_from_danish_windows_excel_is_read_as_cp1252():
    data = "Sted;Ydelse;Noter\r\nGlumsø Bibliotek;Pas;Ærlig talt – godt\r\n".encode(
        "cp1252"
    )
    table = read_table(data)
    assert table.rows[0][1] == ["Glumsø Bibliotek", "Pas", "Ærlig talt – godt"]


def test_utf16_text_from_excel_is_read():
    data = "Sted\tYdelse\r\nSted A\tPas\r\n".encode("utf-16")
    assert read_table(data).rows[0][1] == ["Sted A", "Pas"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ("Sted", ";"), ("a;b,c", ";")],
)
def test_the_delimiter_is_what_the_header_row_uses(line, expected):
    assert delimiter_of(line) == expected


def test_decode_prefers_utf8_and_falls_back_to_windows_1252():
    assert decode("Næstved".encode()) == "Næstved"
    assert decode("Næstved".encode("cp1252")) == "Næstved"
    assert decode(b"\x81\x8d") == "\x81\x8d"  # bytes cp1252 leaves undefined


def test_xlsx_date_cells_become_dates_and_numbers_lose_their_decimals():
    data = xlsx(["Dato", "Alder", "Ja"], [[datetime.date(2017, 5, 12), 61.0, True]])
    table = read_table(data)
    assert table.file_format == "xlsx"
    assert table.rows == [(2, ["2017-05-12", "61", "ja"])]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "tom"),
        (b"   \r\n", "tom"),
        (b"Sted;Ydelse;Aldersgruppe\r\n", "kun overskrifter"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ikke et regneark"),
        (b"%PDF-1.7\n%\xe2\xe3", "ikke et regneark"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "adgangskode"),
        (b"PK\x03\x04 not really a zip", "kunne ikke læses som Excel"),
        (b"\x00\x01\x02" * 100, "ikke et regneark"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_in_danish(data, words):
    with pytest.raises(FileRefused, match=words):
        read_table(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FileRefused, match="kunne ikke læses som Excel"):
        read_table(out.getvalue())


def test_a_file_too_big_or_too_long_is_refused():
    with pytest.raises(FileRefused, match="for stor"):
        read_table(b"Sted\n" + b"x" * (6 * 1024 * 1024))
    rows = "\r\n".join(f"Sted A;{n}" for n in range(MAX_ROWS + 1))
    with pytest.raises(FileRefused, match=f"mere end {MAX_ROWS} rækker"):
        read_table(("Sted;Noter\r\n" + rows).encode())


def test_empty_rows_are_left_out_and_row_numbers_are_the_files():
    table = read_table(b"Sted;Ydelse\r\nSted A;Pas\r\n;\r\n\r\nSted B;Pas\r\n")
    assert [n for n, _cells in table.rows] == [2, 5]


# Checking rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12-05-2017", datetime.date(2017, 5, 12)),
        ("12.5.2017", datetime.date(2017, 5, 12)),
        ("12/05/17", datetime.date(2017, 5, 12)),
        ("2017-05-12", datetime.date(2017, 5, 12)),
        ("2017-05-12 10:30", datetime.date(2017, 5, 12)),
        ("31-02-2017", None),
        ("maj 2017", None),
        ("05-12", None),
    ],
)
def test_danish_and_iso_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18-29", "18-29"),
        ("18–29 år", "18-29"),
        ("18 - 29", "18-29"),
        ("70+", "70+"),
        ("70+ år", "70+"),
        ("61", "50-69"),
        ("17", "0-17"),
        ("ung", None),
        ("18-30", None),
    ],
)
def test_age_bands_by_value_label_or_age(text, expected):
    assert parse_age_band(text) == expected


def test_a_good_file_of_interviews_is_previewed_then_imported(world):
    before = Interview.objects.filter(project=world.project).count()
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(3)))
    assert Interview.objects.filter(project=world.project).count() == before
    preview = services.field_import_preview(field_import=held)
    assert (preview.to_import, preview.with_errors, preview.duplicates) == (3, 0, 0)
    done = confirm(world, held)
    assert done.status == ImportStatus.IMPORTED and done.imported_count == 3
    interviews = Interview.objects.filter(project=world.project).exclude(import_key="")
    assert interviews.count() == 3
    first = interviews.get(import_key="k:r-01")
    assert first.site == world.site_a and first.service == world.service
    assert first.held_on == datetime.date(2017, 5, 2)
    assert first.age_band == "30-49" and first.notes == "Interview nummer 1."
    assert Interview.objects.filter(project=world.project).count() == before + 3
    done.refresh_from_db()
    assert done.rows == "" and done.file_name == ""  # the citizens' words are gone


def test_row_errors_name_the_row_and_the_column_in_danish(world):
    rows = interview_rows(3)
    rows[1][2] = "Pasfornyelse"  # row 3
    rows[2][1] = "Stedet A"  # row 4
    rows[2][3] = "ung"
    held = upload(world, xlsx(INTERVIEW_HEADER, rows))
    preview = services.field_import_preview(field_import=held)
    assert (preview.to_import, preview.with_errors) == (1, 2)
    errors = [e for r in preview.results for e in r.errors]
    assert errors == [
        "Række 3, Ydelse: “Pasfornyelse” findes ikke i ydelseskataloget. "
        "Mente du “Pas”?",
        "Række 4, Sted: “Stedet A” er ikke et af forløbets steder. Mente du “Sted A”?",
        "Række 4, Aldersgruppe: “ung” er ikke en aldersgruppe. Skriv 0-17, 18-29, "
        "30-49, 50-69, 70+ eller borgerens alder.",
    ]
    confirm(world, held)
    assert Interview.objects.exclude(import_key="").count() == 1


def test_a_site_of_another_project_is_unknown(world):
    other = ProjectFactory(name="Andet forløb")
    other.sites.set([SiteFactory(name="Fremmed Bibliotek")])
    rows = interview_rows(1, site="Fremmed Bibliotek")
    preview = services.field_import_preview(
        field_import=upload(world, xlsx(INTERVIEW_HEADER, rows))
    )
    assert preview.results[0].errors == [
        "Række 2, Sted: “Fremmed Bibliotek” er ikke et af forløbets steder."
    ]


def test_empty_required_cells_long_text_nul_and_future_dates(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    rows = [
        ["", "", "Pas", "30-49", "", "", ""],
        ["", "Sted A", "Pas", "30-49", tomorrow, "", ""],
        ["", "Sted A", "Pas", "30-49", "", "", "x" * 20001],
        ["", "Sted A", "Pas", "30-49", "", "mellem", "a\x00b"],
    ]
    preview = services.field_import_preview(
        field_import=upload(world, csv_bytes(INTERVIEW_HEADER, rows))
    )
    assert [r.errors for r in preview.results] == [
        ["Række 2, Sted: Skal udfyldes."],
        ["Række 3, Dato: Datoen ligger i fremtiden."],
        ["Række 4, Noter: Teksten er for lang (20001 tegn; højst 20000)."],
        [
            "Række 5, Længde: Skriv kort eller langt.",
            "Række 5, Noter: Cellen indeholder et NUL-tegn, som ikke kan gemmes. "
            "Fjern det.",
        ],
    ]


def test_formula_looking_text_is_kept_as_text(world):
    rows = interview_rows(1)
    rows[0][6] = '=HYPERLINK("http://x")'
    confirm(world, upload(world, csv_bytes(INTERVIEW_HEADER, rows)))
    assert Interview.objects.get(import_key="k:r-01").notes == '=HYPERLINK("http://x")'


def test_headers_match_whatever_the_case_spacing_language_or_spelling(world):
    header = ["  noegle ", "SITE", "ydelse", "Age band", " DATO", "laengde", "Notes"]
    data = csv_bytes(header, interview_rows(2), delimiter=",")
    held = upload(world, data)
    assert held.columns == [
        "key",
        "site",
        "service",
        "age_band",
        "held_on",
        "length",
        "notes",
    ]
    assert services.field_import_preview(field_import=held).to_import == 2


def test_unknown_columns_are_listed_and_not_read(world):
    header = [*INTERVIEW_HEADER, "Interviewer"]
    rows = [[*row, "Karen"] for row in interview_rows(1)]
    held = upload(world, csv_bytes(header, rows))
    assert services.held_rows(held)[0] == ["Interviewer"]
    assert "Karen" not in held.rows


def test_a_missing_required_column_is_a_file_error(world):
    with pytest.raises(FileRefused, match="Kolonnen “Ydelse” mangler"):
        upload(world, csv_bytes(["Sted", "Aldersgruppe"], [["Sted A", "30-49"]]))
    assert not FieldImport.objects.exists()


def test_quotes_need_the_consent_column_and_an_answer_in_it(world):
    header = ["Citat", "Hvem siger det"]
    with pytest.raises(FileRefused, match="Kolonnen “Samtykke” mangler"):
        upload(world, csv_bytes(header, [["Godt.", "Lone"]]), ImportKind.QUOTES)
    rows = [
        ["Godt.", "Lone, 61 år", "", "", "", ""],
        ["Fint.", "Bo", "måske", "", "", ""],
    ]
    preview = services.field_import_preview(
        field_import=upload(world, csv_bytes(QUOTE_HEADER, rows), ImportKind.QUOTES)
    )
    assert [r.errors for r in preview.results] == [
        ["Række 2, Samtykke: Skal udfyldes."],
        ["Række 3, Samtykke: Skriv ja eller nej."],
    ]


def test_imported_quotes_arrive_unreviewed_with_their_consent(world):
    TermFactory(project=world.project, vocabulary=Vocabulary.QUOTE_TAG, name="Ventetid")
    header = [*QUOTE_HEADER, "Emner"]
    rows = [
        ["Jeg venter gerne.", "Lone, 61 år", "ja", "61", "Pas", "Sted A", "ventetid"],
        ["Det tog lang tid.", "Bo, 30 år", "nej", "", "", "", ""],
    ]
    done = confirm(world, upload(world, csv_bytes(header, rows), ImportKind.QUOTES))
    assert done.imported_count == 2
    lone = Quote.objects.get(speaker_label="Lone, 61 år")
    assert (lone.reviewed, lone.consent_to_publish, lone.age_band) == (
        False,
        True,
        "50-69",
    )
    assert [t.name for t in lone.tags.all()] == ["Ventetid"]
    bo = Quote.objects.get(speaker_label="Bo, 30 år")
    assert (bo.reviewed, bo.consent_to_publish, bo.site) == (False, False, None)


def test_a_quote_links_to_an_imported_interview_by_its_key(world):
    confirm(world, upload(world, csv_bytes(INTERVIEW_HEADER, interview_rows(2))))
    header = ["Citat", "Hvem siger det", "Samtykke", "Interview", "Emner"]
    rows = [
        ["Godt.", "Lone", "ja", "r-02", ""],
        ["Skidt.", "Bo", "ja", "R-99", "Kaffe"],
    ]
    held = upload(world, csv_bytes(header, rows), ImportKind.QUOTES)
    preview = services.field_import_preview(field_import=held)
    assert preview.results[1].errors == [
        "Række 3, Interview: Forløbet har intet interview med nøglen “R-99”. "
        "Importér interviewene (med kolonnen “Nøgle”) først.",
        "Række 3, Emner: “Kaffe” er ikke et emne i forløbets ordliste “Emner for "
        "citater”.",
    ]
    confirm(world, held)
    quote = Quote.objects.get(speaker_label="Lone")
    assert quote.interview.import_key == "k:r-02"
    assert (quote.site, quote.service) == (world.site_a, world.service)


# Importing twice, confirming twice, one transaction


def test_the_same_file_imported_twice_does_not_duplicate(world):
    data = xlsx(INTERVIEW_HEADER, interview_rows(4, keys=False))
    confirm(world, upload(world, data))
    again = upload(world, data)
    preview = services.field_import_preview(field_import=again)
    assert (preview.to_import, preview.duplicates) == (0, 4)
    assert {r.note for r in preview.results} == {"Allerede importeret – springes over."}
    done = confirm(world, again)
    assert (done.imported_count, done.duplicate_count) == (0, 4)
    assert Interview.objects.exclude(import_key="").count() == 4


def test_identical_rows_are_different_citizens_and_each_imported_once(world):
    row = ["", "Sted A", "Pas", "30-49", "", "", ""]
    confirm(world, upload(world, csv_bytes(INTERVIEW_HEADER, [row, row, row])))
    assert Interview.objects.exclude(import_key="").count() == 3
    # One more identical row in the file later: only that one is new.
    held = upload(world, csv_bytes(INTERVIEW_HEADER, [row] * 4))
    preview = services.field_import_preview(field_import=held)
    assert [r.status for r in preview.results] == ["duplicate"] * 3 + ["ok"]


def test_a_key_used_twice_in_one_file_is_an_error(world):
    rows = interview_rows(2)
    rows[1][0] = "r-01"
    preview = services.field_import_preview(
        field_import=upload(world, csv_bytes(INTERVIEW_HEADER, rows))
    )
    assert preview.results[1].errors == [
        "Række 3, Nøgle: Nøglen “r-01” står også i række 2."
    ]


def test_confirming_twice_imports_once(world):
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(3)))
    digest = services.field_import_preview(field_import=held).digest
    user = world.users["consultant"]
    services.field_import_confirm(field_import=held, digest=digest, user=user)
    with pytest.raises(services.ImportAlreadyDone):
        services.field_import_confirm(field_import=held, digest=digest, user=user)
    assert Interview.objects.exclude(import_key="").count() == 3
    events = AuditEvent.objects.filter(action=AuditAction.IMPORTED)
    assert events.count() == 1


def test_a_stale_preview_is_refused_and_nothing_is_saved(world):
    data = xlsx(INTERVIEW_HEADER, interview_rows(3))
    first, second = upload(world, data), upload(world, data)  # two tabs
    stale = services.field_import_preview(field_import=second).digest
    confirm(world, first)
    with pytest.raises(StateConflict):
        services.field_import_confirm(
            field_import=second, digest=stale, user=world.users["consultant"]
        )
    second.refresh_from_db()
    assert second.status == ImportStatus.PENDING
    assert Interview.objects.exclude(import_key="").count() == 3


def test_a_failure_midway_leaves_nothing_saved(world):
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(5)))
    real_save = Interview.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise IntegrityError("the database went away")
        return real_save(self, *args, **kwargs)

    with (
        mock.patch.object(Interview, "save", failing_save),
        pytest.raises(IntegrityError),
    ):
        confirm(world, held)
    assert Interview.objects.exclude(import_key="").count() == 0
    held.refresh_from_db()
    assert held.status == ImportStatus.PENDING and held.rows
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORTED).exists()
    confirm(world, held)  # and it can be confirmed afterwards
    assert Interview.objects.exclude(import_key="").count() == 5


def test_an_expired_preview_cannot_be_confirmed_and_is_purged(world):
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(2)))
    digest = services.field_import_preview(field_import=held).digest
    FieldImport.objects.filter(pk=held.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    held.refresh_from_db()
    with pytest.raises(services.ImportExpired):
        services.field_import_confirm(
            field_import=held, digest=digest, user=world.users["consultant"]
        )
    assert gdpr.purge_held_uploads() == {"initiatives.FieldImport": 1}
    assert not FieldImport.objects.filter(pk=held.pk).exists()


def test_the_audit_event_has_ids_and_counts_never_values(world):
    rows = interview_rows(2)
    rows[0][6] = "Hemmelig note om Lone"
    rows.append(["R-03", "Sted A", "Ukendt ydelse", "30-49", "", "", ""])
    confirm(world, upload(world, xlsx(INTERVIEW_HEADER, rows)))
    event = AuditEvent.objects.get(action=AuditAction.IMPORTED)
    ids = sorted(Interview.objects.exclude(import_key="").values_list("pk", flat=True))
    assert event.object_ids == ids
    assert event.object_type == "initiatives.interview"
    assert "imported=2 skipped=1 duplicates=0" in event.detail
    assert "Lone" not in json.dumps([event.detail, event.fields, event.object_ids])


def test_an_erasure_finds_and_blanks_a_name_in_a_held_upload(world):
    header = ["Citat", "Hvem siger det", "Samtykke"]
    held = upload(
        world,
        csv_bytes(header, [["Godt.", "Ingeborg, 61 år", "ja"]]),
        ImportKind.QUOTES,
    )
    assert any(row.pk == held.pk for row, _f in gdpr.mentions_of("Ingeborg"))
    gdpr.erase_speaker("Ingeborg")
    held.refresh_from_db()
    assert "Ingeborg" not in held.rows
    preview = services.field_import_preview(field_import=held)
    assert preview.results[0].cells["speaker_label"] == "[slettet], 61 år"


def test_projects_past_retention_lose_their_held_uploads(world):
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(1)))
    world.project.ends_on = timezone.localdate() - datetime.timedelta(days=400)
    world.project.personal_data_retention_days = 1
    world.project.save()
    gdpr.purge()
    assert not FieldImport.objects.filter(pk=held.pk).exists()


# Pages


def test_the_upload_page_documents_the_columns_and_values(client_for, world):
    url = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "interviews"]
    )
    html = client_for("consultant").get(url).content.decode()
    for text in ("Nøgle", "Sted", "Ydelse", "Aldersgruppe", "Dato", "Længde", "Noter"):
        assert f'<span lang="da">{text}</span>' in html
    assert "18-29 (18–29 år)" in html and "Sted A" in html and "Pas" in html
    assert (
        reverse(
            "initiatives:fieldimport_template",
            args=[world.project.pk, "interviews", "xlsx"],
        )
        in html
    )


def test_only_the_projects_consultants_may_import(client_for, world):
    url = reverse("initiatives:fieldimport_create", args=[world.project.pk, "quotes"])
    data = csv_bytes(INTERVIEW_HEADER, interview_rows(1))
    for role, status in [
        ("coordinator_a", 403),
        ("steering", 403),
        ("outsider", 404),
    ]:
        client = client_for(role)
        assert client.get(url).status_code == status
        response = client.post(url, {"file": io_file(data)})
        assert response.status_code == status
    assert not FieldImport.objects.exists()
    unknown = reverse("initiatives:fieldimport_create", args=[world.project.pk, "x"])
    assert client_for("consultant").get(unknown).status_code == 404


def io_file(data, name="noter.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_whole_journey_through_the_pages(client_for, world):
    client = client_for("consultant")
    rows = interview_rows(46)
    rows[6][2] = "Pasfornyelse"  # row 8
    url = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "interviews"]
    )
    response = client.post(
        url, {"file": io_file(xlsx(INTERVIEW_HEADER, rows), "n.xlsx")}
    )
    held = FieldImport.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == held.get_absolute_url()
    )
    page = client.get(held.get_absolute_url())
    html = page.content.decode()
    assert "45 importeres" in html and "1 springes over" in html
    assert "Række 8, Ydelse: “Pasfornyelse” findes ikke i ydelseskataloget." in html
    assert (
        page["Cache-Control"].startswith("max-age=0")
        or "no-store" in page["Cache-Control"]
    )
    digest = page.context["preview"].digest
    before = Interview.objects.count()
    confirm_url = reverse("initiatives:fieldimport_confirm", args=[held.pk])
    done = client.post(confirm_url, {"digest": digest})
    assert done.status_code == 302
    assert done["Location"] == reverse(
        "initiatives:interview_list", args=[world.project.pk]
    )
    assert Interview.objects.count() == before + 45
    listing = client.get(done["Location"]).content.decode()
    assert "45 interviews er importeret. 1 række med fejl er sprunget over." in listing
    # A double click, the back button, a second tab: nothing twice.
    again = client.post(confirm_url, {"digest": digest})
    assert again.status_code == 302 and again["Location"] == held.get_absolute_url()
    assert Interview.objects.count() == before + 45
    result = client.get(again["Location"]).content.decode()
    assert "Filen er allerede importeret. Intet er importeret to gange." in result
    assert "45 rækker importeret" in result
    assert AuditEvent.objects.filter(action=AuditAction.IMPORTED).count() == 1


def test_a_stale_confirmation_shows_the_new_preview_with_409(client_for, world):
    client = client_for("consultant")
    data = xlsx(INTERVIEW_HEADER, interview_rows(2))
    first, second = upload(world, data), upload(world, data)
    stale = services.field_import_preview(field_import=second).digest
    confirm(world, first)
    response = client.post(
        reverse("initiatives:fieldimport_confirm", args=[second.pk]), {"digest": stale}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Forløbet er ændret, siden forhåndsvisningen blev vist" in html
    assert "0 importeres" in html and "2 er allerede importeret" in html


def test_bad_files_get_a_form_error_never_a_500(client_for, world):
    client = client_for("consultant")
    url = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "interviews"]
    )
    for data, words in [
        (b"", "Filen er tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "ikke et regneark"),
        (b"Sted;Ydelse;Aldersgruppe\r\n", "kun overskrifter"),
        (b"Navn;Alder\r\nLone;61\r\n", "mangler i første række"),
    ]:
        response = client.post(url, {"file": io_file(data)})
        assert response.status_code == 200, data
        assert words in response.content.decode()
    assert client.post(url, {}).status_code == 200
    assert not FieldImport.objects.exists()


def test_the_templates_download_and_read_back_as_a_good_import(client_for, world):
    client = client_for("consultant")
    for kind in ("interviews", "quotes"):
        xlsx_url = reverse(
            "initiatives:fieldimport_template", args=[world.project.pk, kind, "xlsx"]
        )
        response = client.get(xlsx_url)
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 2
        assert all(c.data_type != "f" for line in sheet.iter_rows() for c in line)
        csv_url = xlsx_url.replace("template.xlsx", "template.csv")
        body = client.get(csv_url).content
        assert body.startswith(b"\xef\xbb\xbf") and b";" in body.splitlines()[0]
    interviews = client.get(
        reverse(
            "initiatives:fieldimport_template",
            args=[world.project.pk, "interviews", "xlsx"],
        )
    ).content
    header = next(
        load_workbook(io.BytesIO(interviews)).worksheets[0].iter_rows(values_only=True)
    )
    assert list(header) == INTERVIEW_HEADER
    preview = services.field_import_preview(field_import=upload(world, interviews))
    assert (preview.to_import, preview.with_errors) == (1, 0)
    bad = reverse(
        "initiatives:fieldimport_template", args=[world.project.pk, "quotes", "pdf"]
    )
    assert client.get(bad).status_code == 404


def test_the_pages_in_english(client_for, world):
    client = client_for("consultant")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "interviews"]
    )
    page = client.get(url)
    assert page.status_code == 200 and '<html lang="en">' in page.content.decode()
    # English column names in the file are read too.
    header = ["Key", "Site", "Service", "Age band", "Date", "Length", "Notes"]
    response = client.post(url, {"file": io_file(csv_bytes(header, interview_rows(2)))})
    held = FieldImport.objects.get()
    assert response.status_code == 302
    preview = client.get(held.get_absolute_url())
    assert preview.status_code == 200 and '<html lang="en">' in preview.content.decode()
    assert preview.context["preview"].to_import == 2


def test_the_interview_list_and_evidence_offer_the_import_to_consultants(
    client_for, world
):
    interviews = reverse("initiatives:interview_list", args=[world.project.pk])
    evidence = reverse("initiatives:evidence", args=[world.project.pk])
    upload_interviews = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "interviews"]
    )
    upload_quotes = reverse(
        "initiatives:fieldimport_create", args=[world.project.pk, "quotes"]
    )
    consultant = client_for("consultant")
    assert upload_interviews in consultant.get(interviews).content.decode()
    assert upload_quotes in consultant.get(evidence).content.decode()
    steering = client_for("steering")
    assert upload_interviews not in steering.get(interviews).content.decode()
    assert upload_quotes not in steering.get(evidence).content.decode()


def test_another_projects_consultant_cannot_open_or_confirm_a_held_import(
    client, world
):
    from projects.models import Membership, Role
    from projects.tests.factories import UserFactory

    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(1)))
    other = ProjectFactory(name="Andet")
    stranger = UserFactory(username="andenkonsulent")
    Membership.objects.create(user=stranger, project=other, role=Role.CONSULTANT)
    client.force_login(stranger)
    assert client.get(held.get_absolute_url()).status_code == 404
    confirm_url = reverse("initiatives:fieldimport_confirm", args=[held.pk])
    assert client.post(confirm_url, {"digest": "x"}).status_code == 404
    held.refresh_from_db()
    assert held.status == ImportStatus.PENDING


def test_a_new_service_in_the_catalogue_counts_at_confirmation(world):
    rows = interview_rows(1, service="Kørekort")
    held = upload(world, csv_bytes(INTERVIEW_HEADER, rows))
    assert services.field_import_preview(field_import=held).with_errors == 1
    CitizenServiceFactory(name="Kørekort")
    assert services.field_import_preview(field_import=held).to_import == 1


def test_quote_preview_of_another_project_interview_key_is_unknown(world):
    other = ProjectFactory(name="Andet")
    InterviewFactory(project=other, import_key="k:r-01")
    header = ["Citat", "Hvem siger det", "Samtykke", "Interview"]
    held = upload(
        world, csv_bytes(header, [["Ja.", "Bo", "ja", "R-01"]]), ImportKind.QUOTES
    )
    assert services.field_import_preview(field_import=held).with_errors == 1


def test_a_column_given_twice_is_a_file_error(world):
    header = ["Sted", "Ydelse", "Aldersgruppe", "site"]
    with pytest.raises(FileRefused, match="Kolonnen “Sted” står to gange"):
        upload(world, csv_bytes(header, [["Sted A", "Pas", "30-49", "Sted B"]]))


@pytest.mark.parametrize("size", [5, 300])
def test_the_preview_page_reads_a_fixed_number_of_queries(
    client_for, world, django_assert_max_num_queries, size
):
    """However many rows the file has (the page reads the project's sites, the
    catalogue and the keys imported before once)."""
    held = upload(world, xlsx(INTERVIEW_HEADER, interview_rows(size)))
    client = client_for("consultant")
    with django_assert_max_num_queries(25):
        response = client.get(held.get_absolute_url())
    assert response.context["preview"].to_import == size


def test_a_file_name_with_control_characters_is_stored_without_them(world):
    held = upload(
        world, csv_bytes(INTERVIEW_HEADER, interview_rows(1)), name="a\x00b\n.csv"
    )
    assert held.file_name == "ab.csv"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_import", [True, False])
def test_two_confirmations_at_the_same_moment_import_once(same_import):
    """On PostgreSQL, two real transactions race: the same held import confirmed
    twice (a double click) or the same file held twice (two tabs). One saves the
    rows; the other saves nothing."""
    import threading

    from django.db import connection, connections

    from projects.models import Membership, Role
    from projects.tests.factories import UserFactory

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    site = SiteFactory(name="Sted A")
    CitizenServiceFactory(name="Pas")
    project = ProjectFactory()
    project.sites.set([site])
    user = UserFactory()
    Membership.objects.create(user=user, project=project, role=Role.CONSULTANT)
    data = xlsx(INTERVIEW_HEADER, interview_rows(5, keys=False))

    def hold():
        return services.field_import_upload(
            project=project, kind="interviews", file_name="a.xlsx", data=data, user=user
        )

    first = hold()
    second = first if same_import else hold()
    digests = {
        held.pk: services.field_import_preview(field_import=held).digest
        for held in (first, second)
    }
    barrier = threading.Barrier(2)
    results = []

    def confirm_it(held_pk):
        try:
            held = FieldImport.objects.get(pk=held_pk)
            barrier.wait()
            services.field_import_confirm(
                field_import=held, digest=digests[held_pk], user=user
            )
            results.append("ok")
        except (services.ImportAlreadyDone, StateConflict, IntegrityError):
            results.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=confirm_it, args=(held.pk,)) for held in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert Interview.objects.filter(project=project).count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.IMPORTED).count() == 1


def test_a_csv_cell_past_the_csv_modules_limit_is_a_clear_refusal():
    data = ("Sted;Noter\r\nSted A;" + "x" * 140_000 + "\r\n").encode()
    with pytest.raises(FileRefused, match="kunne ikke læses som CSV"):
        read_table(data)


def test_a_nul_in_a_small_csv_is_a_row_error_not_a_refused_file(world):
    """The breaker's find: a three-line CSV with one NUL was refused whole as 'not a
    spreadsheet'; the NUL is reported on its row."""
    data = b"Sted;Ydelse;Aldersgruppe\nSted A\x00;Pas;18-29\nSted A;Pas;30-49\n"
    preview = services.field_import_preview(field_import=upload(world, data))
    assert [r.errors for r in preview.results][1] == []
    assert any("NUL-tegn" in e for e in preview.results[0].errors)


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>',
        b"\xef\xbb\xbf  <!DOCTYPE html><html><body>x</body></html>",
        b'<?xml version="1.0"?>\n<a>1</a>\n',
        bytes(range(256)) * 4,
    ],
)
def test_a_picture_page_or_binary_file_is_not_a_spreadsheet(data):
    """The breaker's find: an SVG renamed .xlsx was read as a CSV with only headers."""
    with pytest.raises(FileRefused) as refused:
        read_table(data)
    assert "ikke et regneark" in str(refused.value)
