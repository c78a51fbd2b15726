"""The gazetteer of well-known organizations (gazetteers/organizations.tsv) on sentences written
for these tests (invented people): an acronym, a full name and a transliteration variant of one
body are one organization; ordinary words that are also a body's name are no organization."""
import pytest

from newsgraph.text import data
from newsgraph.loaders.extract.entities import find_entities
from newsgraph.text.gazetteer import gazetteer
from newsgraph.text.names import fold
from newsgraph.loaders.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def orgs():
    nlp = load_nlp()

    def run(text):
        ents = find_entities(nlp(text))
        return {e.label: set(e.names) for e in ents if e.kind == "org"}, {e.label for e in ents if e.kind == "place"}
    return run


def test_gazetteer_every_form_names_one_body():
    """No alias folds to another body's form (names that fold alike, "Radio Azattyq" and
    "Radio Azattyk", are one node anyway: the IRI is made from the folded name)."""
    owner = {}
    for row in data.organizations():
        assert len(row) <= 2, row
        for form in [row[0], *[a for a in (row[1] if len(row) > 1 else "").split("|") if a]]:
            other = owner.setdefault(fold(form), row[0])
            assert fold(other) == fold(row[0]), f"{form!r} names {other!r} and {row[0]!r}"


def test_gazetteer_acronym_and_full_name_are_one_body_without_brackets(orgs):
    found, _ = orgs("The OSDP said on Monday that two of its members, Arman Kolbayev and Dina Sarsenova, "
                    "had been fined. The Nationwide Social Democratic Party called the fines political.")
    assert found == {"Nationwide Social Democratic Party": {"Nationwide Social Democratic Party", "OSDP"}}


def test_gazetteer_security_service_acronym_joins_its_name(orgs):
    found, _ = orgs("Officers of the KNB searched the flat of blogger Samat Orynbekov. "
                    "The National Security Committee later said he was a witness.")
    assert found == {"National Security Committee": {"National Security Committee", "KNB"}}


def test_gazetteer_transliteration_variants_are_one_body(orgs):
    found, _ = orgs("Aq Jol deputies backed the bill, while Ak Zhol leaders in the regions stayed silent. "
                    "Activists of Atazhurt Eriktileri were questioned, and Atajurt Eriktileri denied any wrongdoing.")
    assert found["Ak Zhol"] == {"Ak Zhol", "Aq Jol"}
    assert found["Atajurt Eriktileri"] == {"Atajurt Eriktileri", "Atazhurt Eriktileri"}
    assert len(found) == 2


def test_gazetteer_a_body_read_as_a_person_or_a_place_is_an_organization(orgs):
    found, places = orgs("The charges are absurd, Adil Soz said on Friday. Yabloko's branch in Tver "
                         "called the case against its member Oleg Vasnetsov politically motivated.")
    assert {"Adil Soz", "Yabloko"} <= set(found)
    assert "Yabloko" not in places


def test_gazetteer_ordinary_words_are_no_organization(orgs):
    found, _ = orgs("Residents of the auyl said the amanat of their elders mattered more than birlik. "
                    "Police detained the activist on Memorial Day near the old war memorial. "
                    "Article 19 of the Constitution guarantees free speech, said lawyer Gulnara Temirkhanova, "
                    "who was born in Birlik, a village near Taraz.")
    assert found == {}


def test_gazetteer_capitalised_party_names_are_organizations(orgs):
    found, _ = orgs("Former members of Erk and the Birlik movement were jailed in Tashkent, and the Auyl party "
                    "and Amanat said they would not comment.")
    assert {"Erk", "Birlik People's Movement", "Auyl", "Amanat"} <= set(found)
    assert gazetteer().org("Auyl party") == "Auyl"


def test_gazetteer_regional_bodies_share_only_generic_names_across_countries():
    """A form two bodies share is a generic name ("National Security Committee") of bodies of two countries;
    anything else names one body (or names that fold alike)."""
    g = gazetteer()
    owner = {}
    for name, aliases, country in data.bodies():
        assert not country or len(country) == 2 and country.isupper(), (name, country)
        for form in [name, *aliases]:
            other, other_country = owner.setdefault(fold(form), (name, country))
            assert fold(other) == fold(name) or (g.is_generic(form) and other_country != country), \
                f"{form!r} names {other!r} and {name!r}"


def test_gazetteer_the_article_country_picks_the_body_of_a_shared_name(orgs):
    found, _ = orgs("Police in Bishkek and Osh detained two bloggers. The National Security Committee said they "
                    "had called for riots in Bishkek.")
    assert "State Committee for National Security of Kyrgyzstan" in found
    found, _ = orgs("Police in Almaty and Shymkent detained two bloggers. The National Security Committee said they "
                    "had called for riots in Almaty.")
    assert "National Security Committee" in found and "State Committee for National Security of Kyrgyzstan" not in found


def test_gazetteer_a_country_named_in_the_body_wins_over_the_article_country(orgs):
    found, _ = orgs("Police in Almaty and Shymkent detained Anna Petrova at the request of the Kyrgyz Interior Ministry. "
                    "The Interior Ministry of Kyrgyzstan confirmed it.")
    assert list(found) == ["Interior Ministry of Kyrgyzstan"]
