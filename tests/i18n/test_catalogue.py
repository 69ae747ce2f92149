from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/hi/LC_MESSAGES/django.po"


def test_every_message_has_a_hindi_translation():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    po = polib.pofile(str(CATALOGUE))
    for entry in po.translated_entries():
        for placeholder in ("%(name)s", "%(place)s", "%(n)s", "%(count)s"):
            if placeholder in entry.msgid:
                translations = [entry.msgstr, *entry.msgstr_plural.values()]
                assert all(placeholder in t for t in translations if t), entry.msgid
