"""`make test` fails when the Hindi catalogue lags the code: re-extracting it (what
`make makemessages` does) into a copy must give no untranslated or fuzzy entry."""

import ast
import re
import shutil
from datetime import date
from pathlib import Path

import django
import django_celery_beat
import polib
import pytest
import rest_framework
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from common import formats

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale/hi/LC_MESSAGES/django.po"
OVERRIDES = ROOT / "common/django_messages.py"


def test_the_catalogue_is_current_with_the_code(tmp_path, monkeypatch):
    if not shutil.which("xgettext"):
        pytest.fail("Checking the catalogue needs GNU gettext: `apt-get install gettext`.")
    copy = tmp_path / "locale/hi/LC_MESSAGES/django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)
    monkeypatch.chdir(ROOT)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        # The Makefile's `makemessages` target, into the copy.
        call_command(
            "makemessages",
            locale=["hi"],
            ignore_patterns=[".venv/*", "var/*"],
            no_obsolete=True,
            verbosity=0,
        )
    po = polib.pofile(str(copy))
    lagging = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert lagging == [], "Run `make makemessages` and translate these in locale/hi"


def _sentences(po):
    for entry in po.translated_entries():
        # An English sentence: at least two words, ending in a full stop after a word
        # (not an abbreviation such as "Complaint no.").
        msgid = entry.msgid
        if " " in msgid and re.search(r"[a-z)”]\.$", msgid) and not msgid.endswith(" no."):
            yield entry


def test_hindi_sentences_end_with_a_purna_viram():
    po = polib.pofile(str(CATALOGUE))
    wrong = [
        (entry.msgid, text)
        for entry in _sentences(po)
        for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr])
        if not text.rstrip().endswith("।")
    ]
    assert wrong == []


def _declared_overrides() -> list[str]:
    tree = ast.parse(OVERRIDES.read_text())
    msgids = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "_",
            "pgettext_lazy",
            "ngettext_lazy",
        }:
            strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
            msgids.append(strings[1] if node.func.id == "pgettext_lazy" else strings[0])
    return msgids


def test_every_override_is_still_a_message_of_django_or_the_library():
    known = set()
    for package in (django, django_celery_beat, rest_framework):
        for mo_path in Path(package.__file__).parent.glob("**/locale/*/LC_MESSAGES/django.mo"):
            known.update(entry.msgid for entry in polib.mofile(str(mo_path)))
    declared = _declared_overrides()
    assert len(declared) > 100
    assert [m for m in declared if m not in known] == []


def test_project_hindi_replaces_djangos_own():
    with translation.override("hi"):
        assert translation.gettext("This field is required.") == "यह जानकारी आवश्यक है।"
        assert translation.gettext("View site") == "साइट देखें"
        assert translation.gettext("Periodic Tasks") == "नियतकालिक कार्य"
        assert "उपयोगकर्ता नाम" in translation.gettext(
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive."
        ) % {"username": translation.gettext("username")}


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [("hi", "नवंबर 2026", "6 दिसंबर 2026"), ("en", "November 2026", "6 December 2026")],
)
def test_one_date_style_per_kind_with_full_month_names(language, month, day):
    with translation.override(language):
        assert formats.month(date(2026, 11, 1)) == month
        assert formats.day(date(2026, 12, 6)) == day
