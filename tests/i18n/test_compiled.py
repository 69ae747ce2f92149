"""The compiled catalogue is committed, so a server installed by pip + migrate +
collectstatic speaks Hindi; it must say exactly what the .po says."""

from pathlib import Path

import polib

MESSAGES = Path(__file__).resolve().parents[2] / "locale/hi/LC_MESSAGES"


def _messages(entries) -> dict:
    return {
        (e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in entries
        if e.msgid  # the header
    }


def test_committed_mo_matches_the_po():
    po = polib.pofile(str(MESSAGES / "django.po"))
    mo = polib.mofile(str(MESSAGES / "django.mo"))
    assert _messages(mo) == _messages(po.translated_entries()), (
        "locale/hi/LC_MESSAGES/django.mo is stale: run `make messages` and commit it"
    )
