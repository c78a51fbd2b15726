"""Issue #15's check, on invented articles: ``newsgraph linked "<leader>"`` finds the people the articles
tie to him through his movement and their shared trials. Every person, movement and town here is invented."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

pytestmark = pytest.mark.slow

ARTICLES = {
    "detained.txt": "Three Activists Detained in Tarvel\n\n"
                    "TARVEL, March 4, 2024 (Wire) - Police in the southern city of Tarvel detained three activists "
                    "of the banned Silver Lark movement led by fugitive banker Edrik Vannor, their relatives said "
                    "on Tuesday.\n\n"
                    "Lina Morrow, Petr Galen and Ivo Sarn were taken to a police station on Monday evening. "
                    "The movement was declared extremist in 2018.\n\n"
                    "Vannor, who lives in France, called the detentions political.",
    "jailed.txt": "Court Jails Silver Lark Supporters\n\n"
                  "Published: 22 April 2024\n\n"
                  "A court in Tarvel on Friday sentenced Lina Morrow to five years in prison for membership in an "
                  "extremist organisation.\n\n"
                  "Morrow, along with Petr Galen and Ivo Sarn, was found guilty of financing the Silver Lark "
                  "movement. Galen got four years and Sarn three.\n\n"
                  "The group is led by Edrik Vannor, a former banker who fled the country in 2009.",
    "interview.txt": "Journalist Fined Over Interview\n\n"
                     "Published: 2 May 2024\n\n"
                     "A court in Brenmoor fined journalist Dora Kell on Wednesday for publishing an interview with "
                     "exiled tycoon Edrik Vannor.\n\n"
                     "Kell, who works for the independent Steppe Herald, denied the charges.",
    "supporter.txt": "Opposition Figure Arrested\n\n"
                     "Published: 9 May 2024\n\n"
                     "Police on Thursday arrested Marat Dolen, a supporter of Vannor's Silver Lark movement, "
                     "in the capital.\n\n"
                     "Dolen is accused of calling for mass riots. Prosecutors say he had links to Edrik Vannor.",
}


@pytest.fixture(scope="module")
def store(ingested):
    return ingested(ARTICLES, "movement")


def linked(store, *args):
    result = CliRunner().invoke(cli, ["--store", str(store), "linked", *args, "--format", "csv"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_linked_leader_finds_his_movements_members_and_the_people_of_its_trials(store):
    rows = linked(store, "Edrik Vannor")
    found = {(r["other_name"], r["link"]) for r in rows}
    for member in ("Lina Morrow", "Petr Galen", "Ivo Sarn", "Marat Dolen"):
        assert (member, "shared organization") in found
    via = {r["other_name"]: r for r in rows if r["link"] == "shared organization"}
    assert {r["via_name"] for r in via.values()} == {"Silver Lark"}
    assert {r["person_role"] for r in via.values()} == {"leaderOf"}
    assert via["Marat Dolen"]["other_role"] == "memberOf"
    assert "Lina Morrow is its member" in via["Lina Morrow"]["path"]  # "three activists of it ... A, B and C"
    assert ("Dora Kell", "shared event") in found  # "fined for publishing an interview with" him
    assert ("Marat Dolen", "stated tie") in found


def test_linked_co_defendants_share_their_sentence(store):
    rows = linked(store, "Lina Morrow")
    shared = {r["other_name"] for r in rows if r["link"] == "shared event"}
    assert {"Petr Galen", "Ivo Sarn"} <= shared
    assert any(r["other_name"] == "Petr Galen" and "conviction" in r["path"] for r in rows)
