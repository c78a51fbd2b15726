"""Property-based tests (hypothesis): the readers, name folding, date normalisation and
the binding of query parameters, each over arbitrary input."""
from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st
from rdflib import Literal
from rdflib.namespace import XSD

from newsgraph.errors import LoadError, QueryError
from newsgraph.graph.store import Store
from newsgraph.loaders.read.article import Article
from newsgraph.text.dates import MONTHS, normalise_date
from newsgraph.loaders.read.html import parse_html
from newsgraph.ontology.iris import entity_iri
from newsgraph.loaders.read.jsonl import parse_json, parse_jsonl, read_jsonl
from newsgraph.text.names import clean, fold, slug
from newsgraph.loaders.read.articles import read_articles
from newsgraph.loaders.read.text import (MAX_ARTICLE_CHARS, MAX_TITLE_CHARS, clean_field, clean_url, normalize_text,
                                    parse_date, parse_text)
from newsgraph.queries import load_queries, run_named
from newsgraph.queries.lookup import KINDS, NameLookupError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that must never survive into an article: C0/C1 controls (but \n), lone
# surrogates, noncharacters, bidi embeddings and overrides, zero-width space, BOM.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                       "\u202a-\u202e\u2066-\u2069\u200b\ufeff]")

PIECES = st.sampled_from([
    "Police Detain Five", "Police held five people on Monday.", "---", "title: X", "date: 2022-11-22",
    "url: https://example.org/a b", "", "\n", "\r\n", "• Home", "By Ann Example", "SEE ALSO: x",
    "Advertisement", "\u200b", "\ufeff", "\x1b[2J", "\x9b", "\ud800", "\u2028", "\x85", "\x00", "\ufffe",
    "<script>alert(1)</script>", '"} ; DROP ALL ; #', "Маrа Quеll", "\u202eevil", "Published: 31 Feb 2022",
])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map("\n".join))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | PIECES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "date", "url", "id", "author", "body", "lang"]) | st.text(max_size=8),
        inner, max_size=6),
    max_leaves=12)


def assert_valid_article(article: Article, source: str) -> None:
    """What every reader promises of an Article, whatever it read."""
    assert article.text and article.text == normalize_text(article.text)
    assert not FORBIDDEN.search(article.text)
    assert len(article.text) <= MAX_ARTICLE_CHARS
    assert article.source.startswith(source)
    if article.title is not None:
        assert article.title == clean_field(article.title) and len(article.title) <= MAX_TITLE_CHARS
        assert not FORBIDDEN.search(article.title)
    for value in (article.author, article.id):
        assert value is None or (value == clean_field(value) and not FORBIDDEN.search(value))
    if article.url is not None and article.url.lower().startswith(("http://", "https://")):
        pyoxigraph.NamedNode(article.url)  # the store will take it
    assert article.date is None or 1800 <= article.date.year <= 2200


def assert_valid_error(error: LoadError, source: str) -> None:
    text = str(error)
    assert text.startswith(f"{source}") and "\n" not in text and "\r" not in text


def check_items(items, source):
    items = list(items)
    for item in items:
        assert isinstance(item, (Article, LoadError)), item
        if isinstance(item, Article):
            assert_valid_article(item, source)
        else:
            assert_valid_error(item, source)
    return items


# ---------------------------------------------------------------- readers

@SETTINGS
@given(TEXTS)
def test_properties_normalize_text_is_idempotent_and_clean(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not FORBIDDEN.search(once)
    assert "\n\n\n" not in once and once == once.strip("\n")
    assert all(line == line.strip() for line in once.split("\n"))


@SETTINGS
@given(TEXTS, st.booleans())
def test_properties_parse_text_gives_a_valid_article_or_one_error(text, markdown):
    try:
        article = parse_text(text, source="p.txt", markdown=markdown)
    except LoadError as exc:
        assert_valid_error(exc, "p.txt")
    else:
        assert_valid_article(article, "p.txt")


@SETTINGS
@given(st.lists(st.one_of(JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False)),
                          JSON_VALUES.map(json.dumps), st.text(max_size=40), PIECES), max_size=8))
def test_properties_jsonl_one_result_per_line_each_valid(lines):
    text = "\n".join(lines)
    items = check_items(parse_jsonl(text, source="p.jsonl"), "p.jsonl")
    numbered = [i for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert [i.source if isinstance(i, Article) else str(i).split(": ", 1)[0] for i in items] == \
        [f"p.jsonl:{n}" for n in numbered]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(JSON_VALUES.map(lambda v: json.dumps(v, ensure_ascii=False)),
                          st.binary(max_size=30).filter(lambda b: b"\n" not in b)), min_size=1, max_size=8))
def test_properties_jsonl_file_read_line_by_line_as_the_text_would_be(lines):
    """Streaming a .jsonl file gives what parsing its decoded text gives (for files
    whose first line is text; a binary first line refuses the whole file)."""
    data = b"\n".join(l if isinstance(l, bytes) else l.encode("utf-8", "surrogatepass") for l in lines)
    assume(not data.startswith((b"\xfe\xff", b"\xff\xfe", b"\x00\x00\xfe\xff")))  # UTF-16/32: read whole
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.jsonl"
        path.write_bytes(data)
        try:
            streamed = [str(i) if isinstance(i, LoadError) else i for i in read_jsonl(path)]
        except LoadError as exc:
            assert_valid_error(exc, str(path))
            return
        check_items([i for i in streamed if isinstance(i, Article)], str(path))
        try:
            whole = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            assert any(isinstance(i, str) and ("not UTF-8 text" in i or "NUL" in i) for i in streamed)
            return
        if "\x00" in whole or not whole.strip():
            return
        expected = [str(i) if isinstance(i, LoadError) else i for i in parse_jsonl(whole, source=str(path))]
        assert streamed == expected


@SETTINGS
@given(JSON_VALUES)
def test_properties_json_document_gives_valid_items_or_one_error(value):
    try:
        items = parse_json(json.dumps(value), source="p.json")
    except LoadError as exc:
        assert_valid_error(exc, "p.json")
        return
    check_items(items, "p.json")


MARKUP = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<iframe src=x>",
                          "<title>", "</title>", "<h1>", "<br>", "<!--", "-->", "<![CDATA[", "]]>",
                          "<meta charset='koi8-r'>", "&amp;", "&#0;", "&#xd800;", "<noscript>", "<svg onload=x>"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(MARKUP, PIECES, st.text(max_size=40),
                          st.just("Police in Ostravel detained the activist Mara Quell on Monday after a rally.")),
                max_size=14))
def test_properties_html_gives_a_valid_article_or_one_error(parts):
    page = "<html><body>" + "".join(parts) + "</body></html>"
    for content in (page, page.encode("utf-8", "surrogatepass")):
        try:
            article = parse_html(content, source="p.html")
        except LoadError as exc:
            assert_valid_error(exc, "p.html")
        else:
            assert_valid_article(article, "p.html")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl", ".json"]))
def test_properties_any_bytes_in_any_file_give_valid_results(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x{suffix}"
        path.write_bytes(data)
        check_items(read_articles([path]), str(path))


@SETTINGS
@given(st.text(max_size=60))
@example("a b?q=«x»#frag")
@example("x:notaport/")
@example("%zz")
@example("\ud800")
@example("#a#b")
def test_properties_clean_url_gives_an_iri_the_store_takes(tail):
    for url in (f"https://example.org/{tail}", f"http://{tail}"):
        cleaned = clean_url(url)
        if cleaned is not None:
            pyoxigraph.NamedNode(cleaned)
            assert clean_url(cleaned) == cleaned


@SETTINGS
@given(st.text(max_size=80))
def test_properties_clean_field_is_one_clean_line(text):
    value = clean_field(text)
    assert value is None or (value == clean_field(value) and not FORBIDDEN.search(value)
                             and "\n" not in value and value == value.strip())


# ---------------------------------------------------------------- names

LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'"), max_size=30)
CYRILLIC = st.text(st.sampled_from("абвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһі -"), max_size=30)
ACCENTED = st.text(st.sampled_from("aeiouncszAEIOUNCSZ \u0301\u0300\u0308\u030c\u0327\u0303"), max_size=30)


@SETTINGS
@given(st.one_of(LATIN, CYRILLIC, ACCENTED))
def test_properties_fold_ignores_case_composition_and_spacing(name):
    key = fold(name)
    assert fold(key) == key
    assert fold(name.upper()) == key and fold(name.lower()) == key
    assert fold(unicodedata.normalize("NFD", name)) == key == fold(unicodedata.normalize("NFC", name))
    assert fold("  " + "   ".join(name.split()) + " ") == key


def test_properties_fold_drops_a_possessive_in_any_case():
    assert fold("ODILE LINDQVAR'S") == fold("Odile Lindqvar's") == fold("Odile Lindqvar")


# Spelling variants the folding must merge: each pair is two romanisations of one sound.
VARIANTS = [("q", "k"), ("zh", "j"), ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("ss", "s"), ("nn", "n"),
            ("b", "b"), ("d", "d"), ("l", "l"), ("m", "m"), ("r", "r"), ("t", "t")]
VOWELS = [("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("i", "y"), ("y", "i")]


@st.composite
def variant_names(draw):
    """Two spellings of one invented name: consonant-vowel syllables, each consonant and
    vowel spelt either way (q/k, zh/j, kh/h, y/i, doubled or not), and a -yev/-ev ending."""
    syllables = draw(st.lists(st.tuples(st.sampled_from(VARIANTS), st.sampled_from(VOWELS)), min_size=1, max_size=5))
    ending = draw(st.sampled_from([("ev", "yev"), ("ev", "iyev"), ("eva", "yeva"), ("ov", "ov"), ("", "")]))
    a = "A" + "".join(c[0] + v[0] for c, v in syllables) + "b" + ending[0]
    b = "A" + "".join(c[draw(st.booleans())] + v[draw(st.booleans())] for c, v in syllables) + "b" + ending[1]
    return a, b


@SETTINGS
@given(variant_names())
def test_properties_fold_merges_romanisation_variants(pair):
    a, b = pair
    assert fold(a) == fold(b), (a, b, fold(a), fold(b))


@SETTINGS
@given(st.text(max_size=60))
def test_properties_entity_iris_are_valid_for_any_name(name):
    for kind in ("person", "org", "place"):
        iri = entity_iri(kind, name)
        pyoxigraph.NamedNode(str(iri))
        assert re.fullmatch(r"[a-z0-9-]+", str(iri).rsplit("/", 1)[1])
    assert slug(name) == slug(clean(name)) or clean(name) != name.strip()


# ---------------------------------------------------------------- dates

REF = st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 20))
MONTH_NAMES = [m for m in MONTHS if len(m) > 3]


@SETTINGS
@given(st.text(max_size=40), st.one_of(st.none(), REF))
def test_properties_normalise_date_never_raises_and_types_its_result(text, ref):
    lit = normalise_date(text, ref)
    if lit is None:
        return
    kinds = {XSD.date: r"\d{4}-\d{2}-\d{2}", XSD.gYearMonth: r"\d{4}-\d{2}", XSD.gYear: r"\d{4}",
             XSD.gMonthDay: r"--\d{2}-\d{2}"}
    assert lit.datatype in kinds and re.fullmatch(kinds[lit.datatype], str(lit))
    if lit.datatype == XSD.date:
        dt.date.fromisoformat(str(lit))


@SETTINGS
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.one_of(st.none(), REF),
       st.sampled_from(["{B} {d}, {Y}", "{d} {B} {Y}", "on {B} {d}, {Y}", "{b}. {d}, {Y}"]))
def test_properties_full_dates_are_read_whatever_the_article_date(day, ref, pattern):
    month = day.strftime("%B")
    phrase = pattern.format(B=month, b=month[:3], d=day.day, Y=day.year)
    assume(not (pattern.startswith("{b}.") and month == "May"))
    assert str(normalise_date(phrase, ref)) == day.isoformat()


@SETTINGS
@given(REF, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_properties_month_day_takes_the_latest_year_not_far_after_the_article(ref, month, day):
    lit = normalise_date(f"{dt.date(2000, month, day).strftime('%B')} {day}", ref)
    found = dt.date.fromisoformat(str(lit))
    assert (found.month, found.day) == (month, day)
    assert ref - dt.timedelta(days=366) < found <= ref + dt.timedelta(days=7)


@SETTINGS
@given(REF)
def test_properties_yesterday_is_the_day_before(ref):
    assert str(normalise_date("yesterday", ref)) == (ref - dt.timedelta(days=1)).isoformat()


@SETTINGS
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none()))
def test_properties_parse_date_gives_a_plausible_date_or_none(value):
    found = parse_date(value)
    assert found is None or (isinstance(found, dt.date) and 1800 <= found.year <= 2200)


@SETTINGS
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d.%m.%Y", "%Y-%m-%dT10:00:00Z"]))
def test_properties_parse_date_round_trips(day, fmt):
    assert parse_date(day.strftime(fmt)) == day


# ---------------------------------------------------------------- query parameter binding

@pytest.fixture(scope="module")
def query_store(tmp_path_factory):
    from test_hostile import hostile_triples
    from newsgraph.ontology import RESOLUTION_GRAPH

    path = tmp_path_factory.mktemp("props") / "store"
    article, labels = hostile_triples()
    with Store.open(path) as st_:
        st_.replace_graph("https://w3id.org/newsgraph/article/00000000000000c1", article)
        st_.replace_graph(str(RESOLUTION_GRAPH), labels)
    with Store.open(path, read_only=True) as opened:
        before = set(opened.quads())
        yield opened
        assert set(opened.quads()) == before, "a query changed the store"


ENTITY_PARAMS = [(q.name, p.name) for q in load_queries().values() for p in q.params.values()
                 if p.kind in KINDS]
NAME_TEXT = st.one_of(st.text(max_size=40), st.lists(PIECES, min_size=1, max_size=3).map(" ".join),
                      st.sampled_from(['"} ; DROP ALL ; #', "?s ?p ?o", "} UNION { ?x ?y ?z", "\\", "'", '"',
                                       "<https://w3id.org/newsgraph/id/person/p0>", "#", "$x", "?person"]))


@pytest.fixture(scope="module")
def shapes(query_store):
    """The columns each named query returns (run with no parameters, or a known name)."""
    from test_hostile import SCRIPT, TEMPLATE

    out = {}
    for name, query in load_queries().items():
        needed = {p.name: (TEMPLATE if p.kind == "org" else SCRIPT) for p in query.params.values()
                  if not p.optional}
        out[name] = run_named(query_store, name, **needed).vars
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=NAME_TEXT)
def test_properties_any_name_is_data_never_query_syntax(query_store, shapes, text):
    """A name bound into any named query gives rows of that query's shape, or the
    lookup's own error; nothing else, and the store is unchanged (checked at the end)."""
    for query, param in ENTITY_PARAMS:
        try:
            rows = run_named(query_store, query, **{param: text})
        except NameLookupError as exc:
            assert exc.name == text.strip()
            continue
        assert rows.vars == shapes[query], (query, param, text)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.one_of(st.text(max_size=60), NAME_TEXT))
def test_properties_bound_literal_matches_only_itself(query_store, text):
    assume(not re.search("[\ud800-\udfff]", text))
    rows = query_store.query("SELECT ?x ?name WHERE { ?x rdfs:label ?name }", {"name": Literal(text)})
    assert rows.vars == ["x", "name"]
    assert all(str(name) == text for _x, name in rows)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=NAME_TEXT)
def test_properties_typed_parameters_refuse_bad_values_with_a_query_error(query_store, text):
    for params in ({"since": text}, {"type": text}):
        try:
            rows = run_named(query_store, "events", **params)
        except QueryError as exc:
            assert str(exc).startswith(("since: ", "no event type")) and "\n" not in str(exc)
        else:
            assert rows.vars  # a valid date or event type
