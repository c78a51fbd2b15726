"""Fast word search gives exactly what the plain regular expressions give."""
import re

from hypothesis import given, settings, strategies as st

from newsgraph.text.data import read_jsonl_rules
from newsgraph.text.wordsearch import alternation, may_match, required_literals, whole_word_spans

LETTERS = "ab- .A'’\n/"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.sets(WORDS, min_size=1, max_size=8), st.text(alphabet=LETTERS, max_size=60))
def test_wordsearch_trie_finds_what_the_longest_first_alternation_finds(words, text):
    plain = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                       + r")(?![\w/])")
    trie = re.compile(r"(?<![\w/])" + alternation(words) + r"(?![\w/])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet=LETTERS + "é_1", max_size=60))
def test_wordsearch_whole_word_spans_are_the_regex_matches(word, text):
    expected = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)]
    assert whole_word_spans(text, word) == expected


def test_wordsearch_whole_word_spans_know_every_word_character():
    for ch in ("é", "ß", "٣", "_", "Ⅻ", "\u0301"):
        assert whole_word_spans(f"Ana{ch} Ana", "Ana") == [m.span() for m in re.finditer(r"(?<!\w)Ana(?!\w)",
                                                                                      f"Ana{ch} Ana")]


def test_wordsearch_required_literals_of_common_shapes():
    assert required_literals(r"\s+district\b") == {"district"}
    assert required_literals(r"(?:Court|Ministry)\b") == {"Court", "Ministry"}
    assert required_literals(r"a(?:b|\w)") == {"a"}
    assert required_literals(r"(?:b|\w)") is None  # one alternative needs no fixed text
    assert required_literals(r"x?y*") is None
    assert required_literals(r"(?i:court)s") == {"s"}  # a case-insensitive part gives nothing
    assert required_literals("court", re.I) is None


def _rule_patterns():
    """Every regular expression of the packaged rule files (with its flags where a rule sets them)."""
    out = []
    for name, fields in (("entity_patterns.jsonl", ("pattern",)), ("transliteration.jsonl", ("pattern",)),
                         ("type_cues.jsonl", ("after", "before"))):
        for rule in read_jsonl_rules(name, regex_fields=fields):
            out += [re.compile(rule[f]) for f in fields if f in rule]
    return out


SAMPLES = [
    "Police in the city of Ostravel detained Mara Quell; the Brenmoor District Court fined her.",
    'The party "Free Step" and the Kaldora region police department said A. B. Vasko was held.',
    "ROSTAVEL, Westfenn -- Judge Teodor Marwood of the Supreme Court of Rivana sentenced Ilse Tembrel.",
    "dzhokhar qasym yev ieva ya aia xwe ei ll", "", "Kazakh Interior Ministry spokesman Oskar Zoller",
]


def test_wordsearch_a_rule_that_matches_holds_one_of_its_literals():
    for rx in _rule_patterns():
        need = required_literals(rx.pattern, rx.flags & ~re.UNICODE)
        for text in SAMPLES:
            for m in rx.finditer(text):
                if m.group(0):
                    assert need is None or any(w in m.group(0) for w in need), (rx.pattern, text)
            assert may_match(rx, text) or rx.search(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abdeghikquvyzAKMS .,-'\"()“”\n", max_size=80))
def test_wordsearch_may_match_never_skips_a_text_a_rule_matches(text):
    for rx in _rule_patterns():
        if rx.search(text) is not None:
            assert may_match(rx, text), (rx.pattern, text)
