"""Compile locale/*/LC_MESSAGES/*.po into .mo with polib, so no GNU gettext is needed."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        catalogue = polib.pofile(str(po_path))
        # Obsolete (#~) entries are history, not translations: they stay out of the .mo.
        for entry in catalogue.obsolete_entries():
            catalogue.remove(entry)
        catalogue.save_as_mofile(str(mo_path))
