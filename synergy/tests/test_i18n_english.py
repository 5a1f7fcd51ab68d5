"""The English interface says what the Danish says.

Issue 12: the English catalogue had entries carrying a neighbour's translation: the
navigation's "Beslutninger" read "Service points", "aldersgruppe" "Steering group",
"fra" "Friday" and "til" "Reset". These tests check the catalogue (the words users see
most, entries that share an English text, capitals, placeholders, end punctuation),
every Choices label, and the pages themselves in English as each role.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from synergy.tests.english import KNOWN, SHARED
from synergy.tests.test_i18n import PO, read_po
from synergy.tests.url_matrix import MATRIX

ENTRIES = read_po(PO)
# English words written with a capital wherever they stand.
ALWAYS_CAPITALISED = {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "PDF",
    "English",
    "Danish",
}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%%|<[^>]+>|\{\{.*?\}\}|\{\w*\}")


@pytest.fixture(autouse=True)
def _danish_afterwards():
    """Requests in English leave English active in this thread; later tests (and the
    demo loader, which types Danish decimals) expect Danish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _key(entry):
    return (entry["msgctxt"], entry["msgid"]) if "msgctxt" in entry else entry["msgid"]


def _pairs(entry):
    """(Danish, English) of an entry: singular and plural separately."""
    if "msgid_plural" in entry:
        yield entry["msgid"], entry["msgstr[0]"]
        yield entry["msgid_plural"], entry["msgstr[1]"]
    else:
        yield entry["msgid"], entry["msgstr"]


def _english(key):
    with translation.override("en"):
        if isinstance(key, tuple):
            return translation.pgettext(*key)
        return translation.gettext(key)


# The catalogue --------------------------------------------------------------------


def test_the_words_users_see_most_read_the_expected_english():
    """An explicit table of a few hundred Danish texts and their English."""
    keys = {_key(entry) for entry in ENTRIES}
    assert [key for key in KNOWN if key not in keys] == [], (
        "in english.KNOWN but no longer in the catalogue"
    )
    wrong = {
        key: (_english(key), expected)
        for key, expected in KNOWN.items()
        if _english(key) != expected
    }
    assert wrong == {}, "Danish: (English in the catalogue, expected)"


def test_every_one_word_translation_is_known():
    """A one-word English text is where a shift hides best: each is in the table."""
    one_word = [
        _key(entry)
        for entry in ENTRIES
        if "msgid_plural" not in entry and re.fullmatch(r"[\w'.-]+", entry["msgstr"])
    ]
    assert len(one_word) > 100
    assert [key for key in one_word if key not in KNOWN] == [], (
        "add these to synergy/tests/english.KNOWN with the English they must read"
    )


def test_no_two_danish_texts_share_an_english_one():
    """Two Danish texts with one English text: one of them carries the other's."""
    danish_by_english = defaultdict(set)
    for entry in ENTRIES:
        for _danish, english in _pairs(entry):
            danish_by_english[english.casefold()].add(entry["msgid"])
    shared = {
        english: danish
        for english, danish in danish_by_english.items()
        if len({text.casefold() for text in danish}) > 1
        and danish != SHARED.get(english)
    }
    assert shared == {}


def test_capitals_follow_the_danish():
    """A lower-case Danish field name stays lower-case in English, a capitalised label
    capitalised ("aldersgruppe" → "Steering group" is a shifted entry)."""
    mismatched = []
    for entry in ENTRIES:
        for danish, english in _pairs(entry):
            first_da = re.search(r"[^\W\d_]", danish)
            first_en = re.search(r"[^\W\d_]", english)
            if not first_da or not first_en:
                continue
            if english.split()[0].strip("(") in ALWAYS_CAPITALISED:
                continue
            if first_da.group().islower() != first_en.group().islower():
                mismatched.append((danish, english))
    assert mismatched == []


def test_placeholders_and_markup_are_kept():
    changed = [
        (danish, english)
        for entry in ENTRIES
        for danish, english in _pairs(entry)
        if sorted(PLACEHOLDER.findall(danish)) != sorted(PLACEHOLDER.findall(english))
    ]
    assert changed == []


def test_sentences_end_as_in_danish():
    """A sentence stays a sentence, a question a question, a label a label."""
    ends = ".?!:…)”"
    changed = [
        (danish, english)
        for entry in ENTRIES
        for danish, english in _pairs(entry)
        if (danish[-1:] in ends or english[-1:] in ends) and danish[-1:] != english[-1:]
    ]
    assert changed == []


def _our_choices():
    ours = {"synergy", "sites", "initiatives", "testing", "dashboards", "reporting"}
    found = {}
    pending = list(models.Choices.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in ours:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_status_and_choice_reads_the_expected_english():
    """Every TextChoices/IntegerChoices label of the apps is in the table, and no two
    choices of one set read the same in English."""
    for app in ("synergy", "sites", "initiatives", "testing", "reporting"):
        apps.get_app_config(app)  # the models (and their choices) are imported
    choices = _our_choices()
    assert len(choices) >= 10
    wrong, repeated = {}, {}
    for name, cls in choices.items():
        with translation.override("da"):
            danish = [str(label) for label in cls.labels]
        with translation.override("en"):
            english = [str(label) for label in cls.labels]
        for da, en in zip(danish, english, strict=True):
            if KNOWN.get(da) != en:
                wrong[f"{name}: {da}"] = (en, KNOWN.get(da))
        if len(set(english)) != len(english):
            repeated[name] = english
    assert wrong == {}, "label: (English, expected in english.KNOWN)"
    assert repeated == {}


def test_translation_functions_keep_the_names_makemessages_looks_for():
    """`gettext_lazy as _lazy` hid "Gem mine scorer" from makemessages: the button
    stayed Danish in English. Only `_` and the functions' own names are extracted."""
    import ast

    root = Path(settings.BASE_DIR)
    renamed = []
    for path in sorted(root.glob("*/**/*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or any(part.startswith(".") for part in parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == (
                "django.utils.translation"
            ):
                renamed += [
                    f"{path.relative_to(root)}: {alias.name} as {alias.asname}"
                    for alias in node.names
                    if alias.asname not in (None, "_")
                ]
    assert renamed == []


# The pages ------------------------------------------------------------------------


class Page(HTMLParser):
    """The elements of a page with their text and their ancestors' ids and classes."""

    VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, html):
        super().__init__()
        self.elements, self.texts, self._open = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = {
            "tag": tag,
            "attrs": attrs,
            "within": [(e["tag"], e["attrs"]) for e in self._open],
            "text": [],
        }
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if any(e["tag"] in ("script", "style") for e in self._open):
            return
        for element in self._open:
            element["text"].append(data)
        # Text marked as Danish on purpose (<span lang="da">: a column's name in the
        # import file) is not interface text left untranslated.
        marked_danish = any(
            e["tag"] != "html" and e["attrs"].get("lang") == "da" for e in self._open
        )
        if data.strip() and not marked_danish:
            self.texts.append(" ".join(data.split()))

    def text_of(self, tag, *, within_id=None, css_class=None):
        found = []
        for element in self.elements:
            if element["tag"] != tag:
                continue
            if css_class and css_class not in element["attrs"].get("class", "").split():
                continue
            if within_id and not any(
                a.get("id") == within_id for _t, a in element["within"]
            ):
                continue
            found.append(" ".join("".join(element["text"]).split()))
        return found

    def labels(self):
        """{field id: label text} of the form fields on the page."""
        return {
            e["attrs"]["for"]: " ".join("".join(e["text"]).split()).rstrip("*").strip()
            for e in self.elements
            if e["tag"] == "label" and e["attrs"].get("for")
        }


def _get(client, url, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    return Page(html)


MAIN_NAV = {
    "consultant": [
        "Home",
        "Projects",
        "Test kits",
        "Sites",
        "Services",
        "Service points",
        "Municipalities",
        "Change proposals",
    ],
    "coordinator_a": ["Home", "Projects", "My schemas", "My site", "Sites", "Services"],
    "steering": ["Home", "Projects", "Sites", "Services"],
}
PROJECT_NAV = [
    "Overview",
    "Results",
    "Analysis",
    "Evidence",
    "Ideas",
    "Decisions",
    "Initiatives",
    "Testing",
    "Timeline",
]


@pytest.mark.parametrize("role", sorted(MAIN_NAV))
def test_navigation_reads_english(client_for, world, role):
    page = _get(client_for(role), world.project.get_absolute_url())
    main_nav = page.text_of("a", within_id="main-nav", css_class="nav-link")
    assert main_nav == MAIN_NAV[role]
    # The bell (outside the collapsing menu) names its count in English.
    bell = [
        text
        for text in page.text_of("a", css_class="notification-bell")
        if "Notifications, " in text
    ]
    assert len(bell) == 1, page.text_of("a", css_class="notification-bell")
    project_tabs = [
        text
        for text in page.text_of("a", css_class="nav-link")
        if text not in MAIN_NAV[role] and text not in bell
    ]
    expected = list(PROJECT_NAV)
    if role in ("consultant", "steering"):  # who keep the steering group's meetings
        expected.insert(expected.index("Decisions") + 1, "Meetings")
    expected += ["Catalogue"]  # the consultant's to keep, the others' to read
    assert project_tabs == expected
    assert "Change language" in page.texts and "Log out" in page.texts


@pytest.mark.parametrize(
    "role, heading",
    [
        ("consultant", "Your role: Consultant"),
        ("coordinator_a", "Your role: Coordinator – Sted A"),
        ("steering", "Your role: Steering group"),
    ],
)
def test_home_page_names_the_role_in_english(client_for, world, role, heading):
    page = _get(client_for(role), reverse("home"))
    assert heading in page.text_of("h3")


def test_statuses_on_the_pages_read_english(client_for, world):
    client = client_for("consultant")
    ideas = _get(client, reverse("initiatives:idea_list", args=[world.project.pk]))
    for phase in ["Proposed", "Screened", "Shortlisted", "Decided"]:
        assert phase in " ".join(ideas.texts)
    initiatives = _get(
        client, reverse("initiatives:initiative_list", args=[world.project.pk])
    )
    with translation.override("en"):
        status = str(world.initiative.get_status_display())
    assert status in initiatives.texts
    assert initiatives.text_of("h1") == ["Initiatives to test"]
    assert "Initiative" in initiatives.text_of("th")
    schemas = _get(client_for("coordinator_a"), reverse("testing:my_submissions"))
    assert "Draft" in schemas.texts and "Submitted" in " ".join(schemas.texts)
    decisions = _get(
        client_for("steering"),
        reverse("initiatives:decision_list", args=[world.project.pk]),
    )
    assert decisions.text_of("h1") == ["Decision log"]
    assert {"Date", "Idea", "Decision"} <= set(decisions.text_of("th"))


FORM_LABELS = {
    "initiatives:interview_create": (
        "consultant",
        ["Site", "Service", "Age band", "Date", "Length", "Notes"],
    ),
    "initiatives:quote_create": (
        "consultant",
        ["Quote", "Speaker", "Age band", "Service", "Site", "Interview", "Topics"],
    ),
    "initiatives:servicesynergycard_create": (
        "consultant",
        [
            "Service",
            "Title",
            "The service",
            "The citizen",
            "Library synergy",
            "Communication channels",
            "Communication",
            "Challenge",
            "Order",
        ],
    ),
    "initiatives:idea_create": (
        "coordinator_a",
        ["Title", "Description", "Solution space", "Services", "Site", "Group"],
    ),
    "initiatives:idea_decide": ("steering", ["Decision", "Rationale", "Decided on"]),
    "initiatives:timelineitem_create": (
        "consultant",
        ["Title", "Type", "From week", "Up to and including week", "Responsible"],
    ),
    "sites:site_create": (
        "consultant",
        ["Name", "Municipality", "Degree of integration", "Citizen service staff"],
    ),
    "testing:testrun_create": (
        "consultant",
        ["Site", "Schema", "From week", "Up to and including week", "Registrations"],
    ),
    "synergy:membership_create": (
        "consultant",
        ["Person", "… or the person’s e-mail address", "Role", "Site"],
    ),
}


@pytest.mark.parametrize("name", sorted(FORM_LABELS))
def test_form_labels_read_english(client_for, world, name):
    role, expected = FORM_LABELS[name]
    url = reverse(name, kwargs=MATRIX[name][0](world))
    page = _get(client_for(role), url)
    legends = [text.rstrip("*").strip() for text in page.text_of("legend")]
    labels = [*page.labels().values(), *legends]
    assert [label for label in expected if label not in labels] == [], labels


def _danish_only_texts():
    """Danish interface texts whose English differs (and that are no English text)."""
    english = {text.casefold() for entry in ENTRIES for _da, text in _pairs(entry)}
    return {
        danish
        for entry in ENTRIES
        for danish, text in _pairs(entry)
        if danish != text and danish.casefold() not in english and "%" not in danish
    }


# The catalogue's preview is the Danish PDF's HTML (reporting/pdf.py renders it in
# Danish whatever the language of the page); so is its published web edition, on its
# link and read in the app (where only the bar above it follows the language).
DANISH_BY_DESIGN = {
    "reporting:catalogue_preview",
    "reporting:publication",
    "reporting:publication_read",
}
# Names in the world fixture that are also Danish interface words.
FIXTURE_DATA = {"Synergi", "Forløbet", "Foto"}
DANISH_MONTHS = re.compile(
    r"\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|"
    r"november|december)\b"
)


@pytest.mark.parametrize("role", ["consultant", "coordinator_a", "steering"])
def test_every_page_in_english_shows_no_danish_interface_text(client_for, world, role):
    """Every page the role may open, in English: no text of the Danish interface is
    left, no button reads as in Danish (unless its text is English too), every form
    label is the known English of its Danish label, no Danish month."""
    danish_only = _danish_only_texts() - FIXTURE_DATA
    # A label is capfirst(verbose name): "Forklaring" may be "forklaring" (a section's
    # explanation) or the legend of a chart; such labels are not checked here.
    meanings = defaultdict(set)
    for da, en in KNOWN.items():
        if isinstance(da, str):
            meanings[capfirst(da)].add(capfirst(en))
    known = {da: en.pop() for da, en in meanings.items() if len(en) == 1}
    client = client_for(role)
    user = world.users[role]
    user_name = user.get_full_name() or user.get_username()  # the user menu's button
    english_texts = {
        text.casefold() for entry in ENTRIES for _da, text in _pairs(entry)
    }
    leftovers, buttons, labels, months = {}, {}, {}, {}
    pages = 0
    for name, (url_kwargs, statuses, *_rest) in sorted(MATRIX.items()):
        if statuses[role] != 200 or name in DANISH_BY_DESIGN:
            continue
        url = reverse(name, kwargs=url_kwargs(world))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = client.get(url)
        if "text/html" not in english.get("Content-Type", ""):
            continue
        pages += 1
        page = Page(english.content.decode())
        found = {t.rstrip(":") for t in page.texts} & danish_only
        if found:
            leftovers[name] = sorted(found)
        if DANISH_MONTHS.search(" ".join(page.texts)):
            months[name] = DANISH_MONTHS.findall(" ".join(page.texts))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
        danish_page = Page(client.get(url).content.decode())
        unchanged = set(page.text_of("button")) & set(danish_page.text_of("button"))
        unchanged = {
            text
            for text in unchanged
            if text.casefold() not in english_texts and text not in (user_name, "")
        }
        if unchanged:
            buttons[name] = sorted(unchanged)
        danish = danish_page.labels()
        for field, label in page.labels().items():
            expected = known.get(danish.get(field))
            if expected and label != expected:
                labels[f"{name} {field}"] = (danish[field], label, expected)
    assert pages > 40
    assert leftovers == {}, "Danish interface text on English pages"
    assert buttons == {}, "buttons that read the same in Danish and English"
    assert labels == {}, "form labels: (Danish, English, expected)"
    assert months == {}
