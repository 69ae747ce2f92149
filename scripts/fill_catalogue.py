"""Translate what `make makemessages` left open in the Hindi catalogue.

  .venv/bin/python scripts/fill_catalogue.py --todo > todo.json   # untranslated and fuzzy
  (write the Hindi into todo.json: "msgstr", or "msgstr_plural" [one, many])
  .venv/bin/python scripts/fill_catalogue.py todo.json            # fill, clear fuzzy
  .venv/bin/python scripts/compilemessages.py

Entries are matched by (msgctxt, msgid); a fuzzy entry's old guess is shown as "guess".
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/hi/LC_MESSAGES/django.po"


def open_entries(po):
    return [e for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]


def todo(po) -> list[dict]:
    rows = []
    for entry in open_entries(po):
        row = {"msgctxt": entry.msgctxt, "msgid": entry.msgid}
        if entry.msgid_plural:
            row["msgid_plural"] = entry.msgid_plural
            row["msgstr_plural"] = ["", ""]
        else:
            row["msgstr"] = ""
        if entry.fuzzy:
            row["guess"] = entry.msgstr or list(entry.msgstr_plural.values())
        rows.append(row)
    return rows


def fill(po, rows: list[dict]) -> list[str]:
    given = {(row.get("msgctxt"), row["msgid"]): row for row in rows}
    left = []
    for entry in open_entries(po):
        row = given.get((entry.msgctxt, entry.msgid))
        text = row and (row.get("msgstr_plural") if entry.msgid_plural else row.get("msgstr"))
        if not text or (entry.msgid_plural and not all(text)):
            left.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text))
        else:
            entry.msgstr = text
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    return left


def main(argv: list[str]) -> int:
    po = polib.pofile(str(CATALOGUE))
    if argv == ["--todo"]:
        json.dump(todo(po), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    left = fill(po, json.loads(Path(argv[0]).read_text()))
    po.save()
    for msgid in left:
        print(f"still open: {msgid}", file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
