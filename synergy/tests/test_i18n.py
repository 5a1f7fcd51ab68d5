"""English is complete: every Danish UI string has an English translation, and the
compiled catalogue (.mo) that Django reads matches the source (.po)."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def read_po(path):
    """Entries of a .po file as dicts: msgid, msgid_plural, msgstr / msgstr[n], flags."""
    entries, entry, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, value = re.match(r"^(\S+)\s+(\".*\")$", line).groups()
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if e.get("msgid")]


def test_every_string_is_translated_and_none_is_fuzzy():
    entries = read_po(PO)
    assert len(entries) > 100
    untranslated = [
        e["msgid"]
        for e in entries
        if "fuzzy" in e.get("flags", set())
        or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in read_po(PO):
        if "msgid_plural" in entry:
            assert (
                catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2)
                == entry["msgstr[1]"]
            )
        elif "msgctxt" in entry:
            assert (
                catalogue.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
            ), (entry["msgctxt"], entry["msgid"])
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
