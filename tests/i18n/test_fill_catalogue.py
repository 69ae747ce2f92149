import json
import runpy
from pathlib import Path

import polib

SCRIPT = Path(__file__).resolve().parents[2] / "scripts/fill_catalogue.py"


def test_todo_then_fill_closes_open_entries(tmp_path):
    fill = runpy.run_path(str(SCRIPT))
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid="Nothing here", msgstr=""))
    po.append(polib.POEntry(msgid="Next", msgstr="अगला", flags=["fuzzy"]))
    po.append(
        polib.POEntry(msgid="%(n)s file", msgid_plural="%(n)s files", msgstr_plural={0: "", 1: ""})
    )
    rows = fill["todo"](po)
    assert [r["msgid"] for r in rows] == ["Nothing here", "Next", "%(n)s file"]
    assert rows[1]["guess"] == "अगला"
    rows[0]["msgstr"] = "यहाँ कुछ नहीं है"
    rows[1]["msgstr"] = "आगे"
    rows[2]["msgstr_plural"] = ["%(n)s फ़ाइल", "%(n)s फ़ाइलें"]
    left = fill["fill"](po, json.loads(json.dumps(rows)))
    assert left == []
    assert fill["open_entries"](po) == []
    assert po.find("%(n)s file").msgstr_plural == {0: "%(n)s फ़ाइल", 1: "%(n)s फ़ाइलें"}
