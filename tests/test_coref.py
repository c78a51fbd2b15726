"""The one coreference resolver (newsgraph.loaders.extract.coref.Referents), read by events and ties.

Every sentence is written for these tests: the people, parties and the country Kalmaria are invented.
"""
import pytest

from newsgraph.loaders.extract.coref import (ORG_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, PRONOUN_GENDER,
                                             REFLEXIVE_PRONOUNS, RELATIVE_PRONOUNS, WINDOW, Referents, pronouns)
from newsgraph.loaders.extract.entities import find_entities
from newsgraph.loaders.extract.entity_lookup import ORG_NOUNS, org_nouns
from newsgraph.loaders.extract.ties import find_ties


def referents(nlp, text):
    doc = nlp(text)
    return doc, Referents(doc, find_entities(doc))


def token(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


def label(entity):
    return entity.label if entity is not None else None


def labels(entities):
    return [e.label for e in entities]


# ---------------------------------------------------------------- the word lists are data
def test_coref_pronoun_lists_come_from_one_table():
    table = pronouns()
    assert PERSON_PRONOUNS == {"he", "him", "his", "she", "her", "hers"}
    assert REFLEXIVE_PRONOUNS == {"himself", "herself"}
    assert {"they", "them", "their"} <= PLURAL_PRONOUNS and ORG_PRONOUNS == {"its"}
    assert {"who", "whose", "which"} <= RELATIVE_PRONOUNS
    assert PRONOUN_GENDER["herself"] == "female" and PRONOUN_GENDER["his"] == "male" and "they" not in PRONOUN_GENDER
    assert all(table[w]["refers_to"] == "person" for w in PRONOUN_GENDER)


def test_coref_role_synonyms_are_groups():
    from newsgraph.loaders.extract.coref import role_synonyms
    assert role_synonyms()["reporter"] == role_synonyms()["journalist"]
    assert "lawyer" not in role_synonyms()["journalist"]


def test_coref_org_nouns_carry_the_anaphor_flags():
    assert org_nouns("anaphor") <= ORG_NOUNS and org_nouns("det_only") <= org_nouns("anaphor")
    assert "party" in org_nouns("anaphor") and "court" in ORG_NOUNS and "court" not in org_nouns("anaphor")
    assert org_nouns("generic") <= org_nouns("anaphor") and "group" in org_nouns("generic")
    with pytest.raises(ValueError):
        org_nouns("everything")


# ---------------------------------------------------------------- personal pronouns
@pytest.mark.parametrize("text, word, expected", [
    # the nearest person before it whose name does not say the other gender
    ("Anna Petrova met Ivan Sokolov in Minsk. She said police had detained him.", "him", "Ivan Sokolov"),
    ("Anna Petrova met Ivan Sokolov in Minsk. She said police had detained him.", "She", "Anna Petrova"),
    ("Anna Petrova and Ivan Sokolov were detained in Minsk. Police did not tell her lawyer where they were held.",
     "her", "Anna Petrova"),
    # across a sentence boundary
    ("Ivan Sokolov was detained in Minsk on Monday. Police did not say where he was held.", "he", "Ivan Sokolov"),
    # not the subject of its own verb
    ("Judge Ivan Sokolov found him guilty of fraud.", "him", None),
    # not the speaker of the quotation around it
    ('Pavel Orlov was detained on Monday. "He was beaten in custody," Ivan Sokolov said.', "He", "Pavel Orlov"),
    # a person the sentence brought in unnamed
    ("Police handed a blogger to the authorities of Kalmaria, where he was sentenced to ten years.", "he", None),
    # "the blogger" in the sentence before
    ("Police detained blogger Ivan Sokolov on Monday. The court placed the blogger under house arrest. "
     "His lawyer, Anna Petrova, said he would appeal.", "His", "Ivan Sokolov"),
])
def test_coref_person_pronoun(nlp, text, word, expected):
    doc, ref = referents(nlp, text)
    assert label(ref.person_for(token(doc, word))) == expected


def test_coref_person_pronoun_window(nlp):
    """A person named once is found a few sentences on, not after twice the window of filler."""
    filler = " ".join(["The weather was cold."] * (2 * WINDOW + 1))
    doc, ref = referents(nlp, "Ivan Sokolov was detained in Minsk on Monday. The rally was small. He was released.")
    assert label(ref.person_for(token(doc, "He"))) == "Ivan Sokolov"
    doc, ref = referents(nlp, f"Ivan Sokolov was detained in Minsk on Monday. {filler} He was released.")
    assert ref.person_for(token(doc, "He")) is None


def test_coref_person_pronoun_kin_namesake(nlp):
    """ "His wife, Anna Petrova": the tie reader passes the kin, and "his" is the man of her surname."""
    doc, ref = referents(nlp, "Police detained Ivan Petrov and Pavel Orlov on Monday. "
                              "His wife, Anna Petrova, said the charges were false.")
    anna = next(e for e in ref.entities if e.label == "Anna Petrova")
    assert label(ref.person_for(token(doc, "His"))) == "Pavel Orlov"  # nearest, without the kin
    assert label(ref.person_for(token(doc, "His"), kin=anna)) == "Ivan Petrov"


@pytest.mark.parametrize("text", [
    "Ada Venn was detained on Monday. Her husband, Tomas Reyl, said she had been beaten.",
    "Ada Venn was detained on Monday. Tomas Reyl, her husband, said she had been beaten.",
])
def test_coref_a_kin_noun_tells_the_gender_a_name_does_not(nlp, text):
    doc, ref = referents(nlp, text)
    tomas = next(e for e in ref.entities if e.label == "Tomas Reyl")
    assert ref.gender(tomas) == "male"
    assert label(ref.person_for(token(doc, "she"))) == "Ada Venn"


def test_coref_a_speaker_known_to_be_a_man_is_he_when_no_one_else_is(nlp):
    doc, ref = referents(nlp, "Ada Venn was detained on Monday. Her husband Tomas Reyl said police beat her. "
                              "He was detained the next day.")
    assert label(ref.person_for(token(doc, "He"))) == "Tomas Reyl"


# ---------------------------------------------------------------- groups, relatives, role nouns, organizations
def test_coref_plural_pronoun_is_the_group_named_before(nlp):
    doc, ref = referents(nlp, "Ivan Sokolov and Pavel Orlov spoke to reporters. Police detained them on Monday.")
    assert labels(ref.group_before(token(doc, "them"))) == ["Ivan Sokolov", "Pavel Orlov"]


def test_coref_plural_pronoun_is_the_nearest_group_not_an_older_run_of_names(nlp):
    doc, ref = referents(nlp, "A court sentenced the poet Ivan Sokolov and the writer Pavel Orlov on Friday. "
                              "Journalist Emre Kaya and his colleague Deniz Arslan were detained on Monday. "
                              "They were accused of insulting the president.")
    assert labels(ref.group_before(token(doc, "They"))) == ["Emre Kaya", "Deniz Arslan"]


@pytest.mark.parametrize("text, expected", [
    ("Ivan Petrov, Pavel Orlov and Oleg Marchenko, who have been indicted for fraud, were detained.",
     ["Ivan Petrov", "Pavel Orlov", "Oleg Marchenko"]),
    ("Ivan Petrov and Anna Petrova, who was a member of the Unity Party, were detained.", ["Anna Petrova"]),
])
def test_coref_relative_pronoun(nlp, text, expected):
    doc, ref = referents(nlp, text)
    assert labels(ref.relative_refs(token(doc, "who"))) == expected


def test_coref_role_noun_is_the_person_introduced_with_it(nlp):
    doc, ref = referents(nlp, "Police detained blogger Ivan Sokolov on Monday. "
                              "On Tuesday a court placed the blogger under house arrest.")
    assert label(ref.titled_person(token(doc, "blogger", 1))) == "Ivan Sokolov"
    # not when its own phrase names someone else
    doc, ref = referents(nlp, "President Ivan Sokolov spoke on Monday. "
                              "Ten years ago the party got its start under the first president of the republic, Pavel Orlov.")
    assert ref.titled_person(token(doc, "president")) is None


def test_coref_its_and_the_party(nlp):
    doc, ref = referents(nlp, "The Green Dawn movement said on Monday that its leader had been detained.")
    assert label(ref.org_for(token(doc, "its"))) == "Green Dawn"
    doc, ref = referents(nlp, "The Green Dawn party held a rally in Minsk. Police detained the party's leader on Monday.")
    assert label(ref.org_called(token(doc, "party", 1))) == "Green Dawn"


# ---------------------------------------------------------------- both readers, one reading
def test_coref_events_and_ties_read_his_alike(nlp, events):
    """ "His lawyer": the person the events take as the target is the one the ties make the client."""
    text = "Police detained blogger Ivan Sokolov in Minsk on Monday. His lawyer, Anna Petrova, said he would appeal."
    detention = next(e for e in events(text) if e.type == "Detention")
    assert labels(detention.targets) == ["Ivan Sokolov"]
    doc = nlp(text)
    assert {(t.subject.label, t.prop, t.obj.label) for t in find_ties(doc, find_entities(doc))} == {
        ("Anna Petrova", "lawyerOf", "Ivan Sokolov")}


def test_coref_one_resolver_shared_by_both_readers(nlp):
    """extract_doc builds one EventMentions (a Referents) and both readers use it."""
    from newsgraph.loaders.extract.events.find import find_events
    from newsgraph.loaders.extract.events.roles import EventMentions
    from newsgraph.loaders.read.article import Article

    article = Article(text="Police detained Ivan Sokolov on Monday. His lawyer, Anna Petrova, said he would appeal.")
    doc = nlp(article.full_text)
    entities = find_entities(doc)
    shared = EventMentions(doc, entities)
    assert isinstance(shared, Referents)
    alone = find_events(doc, entities, article)
    together = find_events(doc, entities, article, shared)
    assert [(e.type, labels(e.targets)) for e in alone] == [(e.type, labels(e.targets)) for e in together]
    assert [(t.subject.label, t.prop, t.obj.label) for t in find_ties(doc, entities, referents=shared)] == [
        (t.subject.label, t.prop, t.obj.label) for t in find_ties(doc, entities)]
