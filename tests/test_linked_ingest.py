"""``linked`` end to end: invented articles through extraction into a store, then the
question a researcher asks of them. The people, movement and towns are invented."""
from __future__ import annotations

import pytest

from newsgraph.graph.store import Store
from newsgraph.queries import run_named

pytestmark = pytest.mark.slow

ARTICLES = {
    "held.txt": "Activist Held Before Vote In Ostravel\n\n"
                "Police in Ostravel detained activist Teodor Vasko on May 2, three days before the regional vote.\n\n"
                "Prosecutors claim Teodor Vasko is linked to Corvin Aldmere, an exiled businessman.\n\n"
                "Aldmere's lawyer, Mira Tobel, said the case was invented.",
    "fined.txt": "Movement Members Fined In Brenmoor\n\n"
                 "A court in Brenmoor fined Dara Penhallow, a member of the Free Ostravel Movement, on June 9 "
                 "for taking part in an unsanctioned rally.\n\n"
                 "The Free Ostravel Movement is led by Corvin Aldmere, who lives in exile.",
}


@pytest.fixture(scope="module")
def store(ingested):
    return ingested(ARTICLES, "linked")


def test_linked_lists_direct_ties_first_then_people_of_the_leaders_movement(store):
    with Store.open(store, read_only=True) as st:
        rows = run_named(st, "linked", person="Aldmere")
    col = {v: i for i, v in enumerate(rows.vars)}
    found = [(str(r[col["other_name"]]), str(r[col["link"]]), str(r[col["path"]])) for r in rows]
    kinds = [link for _name, link, _path in found]
    direct = [i for i, k in enumerate(kinds) if k in ("stated tie", "alleged tie")]
    shared = [i for i, k in enumerate(kinds) if k == "shared organization"]
    assert direct and shared and max(direct) < min(shared)
    assert ("Teodor Vasko", "alleged tie", "Teodor Vasko is allegedly linked to Corvin Aldmere") in found
    assert ("Mira Tobel", "stated tie", "Mira Tobel is lawyer of Corvin Aldmere") in found
    assert ("Dara Penhallow", "shared organization",
            "via Free Ostravel Movement: Corvin Aldmere is its leader, Dara Penhallow is its member") in found
    penhallow = next(r for r in rows if str(r[col["other_name"]]) == "Dara Penhallow")
    assert str(penhallow[col["via_kind"]]) == "organization"
    assert (str(penhallow[col["person_role"]]), str(penhallow[col["other_role"]])) == ("leaderOf", "memberOf")
    assert "a member of the Free Ostravel Movement" in str(penhallow[col["evidence"]])
