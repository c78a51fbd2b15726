"""`linked` rows come out in one order whatever order the store returned them in.

Oxigraph returns the rows of a query in an order that can change from one process to the
next; the collapsed rows (and the --evidence rows) must not depend on it, or two runs of
`newsgraph linked` (and `cog --check` of docs/cli.md) could differ.
"""
import random

import pytest
from rdflib import Literal, URIRef

from newsgraph.graph.store import Rows
from newsgraph.ontology import NG
from newsgraph.queries.links import VARS, collapse_links

ID = "https://w3id.org/newsgraph/id/"
ILSE, PAVO = URIRef(ID + "person/ilse-verell"), URIRef(ID + "person/pavo-drenn")
EVENT, PARTY = URIRef(ID + "event/e1"), URIRef(ID + "org/lantern-party")
A1, A2 = URIRef("https://w3id.org/newsgraph/article/a1"), URIRef("https://w3id.org/newsgraph/article/a2")
DETAINED = Literal("Tomas Verell and his sister Ilse Verell were detained in Ostravel on Monday.")
SISTER = Literal("Ilse Verell, the sister of Tomas Verell, said she would appeal.")
PARTY_SENTENCE = Literal("Pavo Drenn joined the Lantern Party, which Tomas Verell leads.")


def _rows():
    def row(other, name, link, via, via_kind, via_class, via_label, mine, theirs, evidence, article):
        return (other, Literal(name), NG.Person, Literal(link), via, Literal(via_kind), via_class,
                Literal(via_label) if via_label else None, Literal(mine), Literal(theirs), evidence, article)
    return [
        row(ILSE, "Ilse Verell", "stated tie", NG.relativeOf, "tie", None, None, "subject", "object", SISTER, A1),
        row(ILSE, "Ilse Verell", "stated tie", NG.relativeOf, "tie", None, None, "subject", "object", SISTER, A2),
        row(ILSE, "Ilse Verell", "stated tie", NG.relativeOf, "tie", None, None, "object", "subject", DETAINED, A1),
        row(ILSE, "Ilse Verell", "shared event", EVENT, "event", NG.Detention, None, "target", "target", DETAINED, A1),
        row(ILSE, "Ilse Verell", "shared event", EVENT, "event", NG.Event, None, "target", "target", DETAINED, A1),
        row(ILSE, "Ilse Verell", "shared event", EVENT, "event", NG.Detention, None, "target", "target", DETAINED, A2),
        row(ILSE, "Ilse Verell", "co-mention", None, "sentence", None, None, "", "", DETAINED, A1),
        row(PAVO, "Pavo Drenn", "shared organization", PARTY, "organization", None, "Lantern Party", "leaderOf",
            "memberOf", PARTY_SENTENCE, A1),
        row(PAVO, "Pavo Drenn", "co-mention", None, "sentence", None, None, "", "", PARTY_SENTENCE, A2),
    ]


@pytest.mark.parametrize("evidence", [False, True])
def test_linked_rows_come_in_one_order_whatever_order_the_store_gives(evidence):
    rows = _rows()
    orders = set()
    for seed in range(12):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        collapsed = collapse_links(Rows(shuffled, VARS), "Tomas Verell", evidence=evidence)
        orders.add(tuple(tuple(str(v) for v in r) for r in collapsed))
    assert len(orders) == 1
    first = next(iter(orders))
    links = [(r[1], r[3]) for r in first]
    assert links[0] == ("Ilse Verell", "stated tie")  # a stated tie ranks first
    assert ("Ilse Verell", "co-mention") not in links  # its sentence is already the shared event's
    assert ("Pavo Drenn", "co-mention") in links  # another article: counted
