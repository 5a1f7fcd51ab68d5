"""The columns of each kind of import: their names in the file (Danish, with English
and spelling variants accepted), whether they are required, what they hold."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ImportKind

# Lengths a cell may have (the model's own limits, or a page rather than a book).
KEY_LENGTH = 50
NAME_LENGTH = 200
NOTES_LENGTH = 20000
QUOTE_LENGTH = 5000
SPEAKER_LENGTH = 150
TOPICS_LENGTH = 1000


@dataclass(frozen=True)
class Column:
    """One column. `key` names it in the code; `header` is its name in the template
    (and on the documentation page); `aliases` are other names accepted."""

    key: str
    header: str
    aliases: tuple[str, ...]
    description: str | Promise
    allowed: str | Promise
    example: str
    required: bool = False
    # The column must be in the file even where its cells may be empty.
    column_required: bool = False
    max_length: int = NAME_LENGTH


KEY = Column(
    key="key",
    header="Nøgle",
    aliases=("Løbenummer", "Nr", "Nr.", "Id", "Key", "Row key"),
    description=gettext_lazy(
        "Rækkens eget nummer eller navn i jeres notater. Med en nøgle genkendes "
        "rækken, også hvis den er rettet, når filen importeres igen."
    ),
    allowed=gettext_lazy("Tekst eller tal, højst 50 tegn, forskellig i hver række."),
    example="R-01",
    max_length=KEY_LENGTH,
)

INTERVIEW_COLUMNS = (
    KEY,
    Column(
        key="site",
        header="Sted",
        aliases=("Site", "Bibliotek", "Lokation"),
        description=gettext_lazy("Hvor interviewet blev holdt."),
        allowed=gettext_lazy("Navnet på et af forløbets steder (se listen nedenfor)."),
        example="",
        required=True,
    ),
    Column(
        key="service",
        header="Ydelse",
        aliases=("Service", "Ærinde", "Borgerservice-ydelse"),
        description=gettext_lazy("Det ærinde, borgeren kom med."),
        allowed=gettext_lazy("Ydelsens navn som i ydelseskataloget (se nedenfor)."),
        example="",
        required=True,
    ),
    Column(
        key="age_band",
        header="Aldersgruppe",
        aliases=("Alder", "Age band", "Age group", "Age"),
        description=gettext_lazy("Borgerens aldersgruppe."),
        allowed=gettext_lazy(
            "En aldersgruppe som 18-29 eller “18–29 år” (se nedenfor), eller "
            "borgerens alder i år."
        ),
        example="30-49",
        required=True,
    ),
    Column(
        key="held_on",
        header="Dato",
        aliases=("Date", "Interviewdato", "Dag"),
        description=gettext_lazy("Dagen for interviewet."),
        allowed=gettext_lazy(
            "dd-mm-åååå, dd.mm.åååå, dd/mm/åååå, åååå-mm-dd eller en datocelle i "
            "Excel. Ikke en dato i fremtiden."
        ),
        example="12-05-2017",
    ),
    Column(
        key="length",
        header="Længde",
        aliases=("Length", "Varighed", "Type"),
        description=gettext_lazy("Kort eller langt interview. Tom: kort."),
        allowed=gettext_lazy("kort eller langt."),
        example="kort",
    ),
    Column(
        key="notes",
        header="Noter",
        aliases=("Notes", "Note", "Bemærkninger", "Notat"),
        description=gettext_lazy(
            "Interviewerens noter. Kan rumme personoplysninger: de slettes, når "
            "forløbets opbevaringstid er udløbet."
        ),
        allowed=gettext_lazy("Tekst, højst 20.000 tegn."),
        example="Skulle forny pas før sommerferien.",
        max_length=NOTES_LENGTH,
    ),
)

QUOTE_COLUMNS = (
    KEY,
    Column(
        key="text",
        header="Citat",
        aliases=("Quote", "Tekst", "Text", "Udsagn"),
        description=gettext_lazy("Borgerens egne ord."),
        allowed=gettext_lazy("Tekst, højst 5.000 tegn."),
        example="Jeg vidste ikke, at man kunne låne bøger her.",
        required=True,
        max_length=QUOTE_LENGTH,
    ),
    Column(
        key="speaker_label",
        header="Hvem siger det",
        aliases=("Hvem", "Afsender", "Borger", "Who says it", "Speaker"),
        description=gettext_lazy("Fx “Lone, 61 år, nyt pas”."),
        allowed=gettext_lazy("Tekst, højst 150 tegn."),
        example="Lone, 61 år, nyt pas",
        required=True,
        max_length=SPEAKER_LENGTH,
    ),
    Column(
        key="consent",
        header="Samtykke",
        aliases=(
            "Samtykke til offentliggørelse",
            "Consent",
            "Consent to publish",
        ),
        description=gettext_lazy(
            "Har borgeren givet samtykke til, at citatet offentliggøres? Kolonnen "
            "skal være der, og hver række skal svare."
        ),
        allowed=gettext_lazy("ja eller nej."),
        example="ja",
        required=True,
        column_required=True,
    ),
    Column(
        key="age_band",
        header="Aldersgruppe",
        aliases=("Alder", "Age band", "Age group", "Age"),
        description=gettext_lazy("Borgerens aldersgruppe."),
        allowed=gettext_lazy(
            "En aldersgruppe som 18-29 eller “18–29 år” (se nedenfor), eller "
            "borgerens alder i år."
        ),
        example="50-69",
    ),
    Column(
        key="service",
        header="Ydelse",
        aliases=("Service", "Ærinde"),
        description=gettext_lazy("Det ærinde, borgeren kom med."),
        allowed=gettext_lazy("Ydelsens navn som i ydelseskataloget (se nedenfor)."),
        example="",
    ),
    Column(
        key="site",
        header="Sted",
        aliases=("Site", "Bibliotek"),
        description=gettext_lazy("Hvor ordene blev sagt."),
        allowed=gettext_lazy("Navnet på et af forløbets steder (se listen nedenfor)."),
        example="",
    ),
    Column(
        key="interview",
        header="Interview",
        aliases=("Interviewnøgle", "Interview-nøgle", "Interview key"),
        description=gettext_lazy(
            "Det interview, citatet stammer fra: interviewets nøgle fra kolonnen "
            "“Nøgle” i interview-filen. Importér interviewene først. Er sted og "
            "ydelse tomme, hentes de fra interviewet."
        ),
        allowed=gettext_lazy("Nøglen på et interview, der allerede er importeret."),
        example="R-01",
        max_length=KEY_LENGTH,
    ),
    Column(
        key="topics",
        header="Emner",
        aliases=("Emne", "Topics", "Tags"),
        description=gettext_lazy("Citatets emner fra forløbets ordliste."),
        allowed=gettext_lazy(
            "Navne på emner fra ordlisten “Emner for citater”, adskilt af semikolon."
        ),
        example="",
        max_length=TOPICS_LENGTH,
    ),
)

COLUMNS = {ImportKind.INTERVIEWS: INTERVIEW_COLUMNS, ImportKind.QUOTES: QUOTE_COLUMNS}

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def normalize(text: str) -> str:
    """A name as compared: case, accents on other letters, punctuation and spacing
    ignored; æ, ø and å the same as ae, oe and aa ("Noegle" is "Nøgle")."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLITERATE)
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[^\w+]+", " ", text).split())


@dataclass
class ColumnMatch:
    """Which column of the file holds which field; what is wrong with the header."""

    positions: dict[str, int]
    errors: list[str]
    ignored: list[str]


def match_columns(header: list[str], kind: str) -> ColumnMatch:
    """The file's header row matched to the kind's columns."""
    columns = COLUMNS[ImportKind(kind)]
    names: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            names.setdefault(normalize(name), column)
    positions: dict[str, int] = {}
    errors: list[str] = []
    ignored: list[str] = []
    for index, title in enumerate(header):
        if not title.strip():
            continue
        found = names.get(normalize(title))
        if found is None:
            ignored.append(title.strip()[:NAME_LENGTH])
        elif found.key in positions:
            errors.append(
                _("Kolonnen “%(column)s” står to gange (kolonne %(a)s og %(b)s).")
                % {
                    "column": found.header,
                    "a": positions[found.key] + 1,
                    "b": index + 1,
                }
            )
        else:
            positions[found.key] = index
    for column in columns:
        if (column.required or column.column_required) and column.key not in positions:
            errors.append(
                _("Kolonnen “%(column)s” mangler i første række.")
                % {"column": column.header}
            )
    return ColumnMatch(positions=positions, errors=errors, ignored=ignored)
