"""Tests for the readers: text, Markdown, HTML, JSON Lines, JSON, stdin, folders, bad files, furniture."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import pathlib
import sys
import tempfile

import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.errors import LoadError, RuleError, SkippedInput
from newsgraph.loaders import (READERS, Article, load_furniture_rules, normalize_text, parse_date,
                               parse_html, parse_json, parse_jsonl, parse_text, read_articles, read_html,
                               read_json, read_jsonl, read_text, split_furniture, strip_furniture)

DATA = pathlib.Path(__file__).parent / "data" / "readers"


def one(path, **kwargs):
    """Read ``path`` with read_articles and return its single result."""
    results = list(read_articles([path], **kwargs))
    assert len(results) == 1, results
    return results[0]


# --- plain text and Markdown ------------------------------------------------------------

def test_text_headline_becomes_title_and_repeat_dropped():
    article = read_text(DATA / "headline.txt")
    assert article.title == "Court Jails Two Teachers Over Union Meeting"
    assert article.text.startswith("PORT ALDER -- A district court")
    assert "Court Jails Two Teachers" not in article.text
    assert article.source == str(DATA / "headline.txt")


def test_text_byline_gives_author_and_furniture_goes():
    article = read_text(DATA / "headline.txt")
    assert article.author == "Petra Quill and Tomas Vell"
    assert "By Petra Quill" not in article.text
    assert "SEE ALSO" not in article.text
    assert "Advertisement" not in article.text
    assert "By Tuesday, police had detained three more members of the union." in article.text
    assert "\n\n" in article.text  # paragraphs survive


def test_text_front_matter_fields():
    article = read_text(DATA / "front_matter.txt")
    assert article.title == "Editor Questioned Over Satirical Cartoon"
    assert article.date == dt.date(2022, 11, 22)
    assert article.url == "https://news.example.org/editor-questioned"
    assert article.author == "Ilse Varnak"
    assert article.meta == {"section": "Media"}
    assert article.text.startswith("Investigators in Port Alder questioned")
    assert "---" not in article.text


def test_text_front_matter_unparseable_date_is_none():
    article = parse_text("---\ntitle: A Title\ndate: some day soon\n---\nPolice held five people.")
    assert article.date is None
    assert article.meta["date_raw"] == "some day soon"


def test_text_rule_line_is_not_front_matter():
    article = parse_text("---\nPolice held five people. They were released.\n---\nMore text here.")
    assert article.title is None
    assert "Police held five people." in article.text


def test_text_first_sentence_is_not_a_title():
    text = "Police detained the activist Arman Sorel in Port Alder on Monday.\nHe was released later."
    article = parse_text(text)
    assert article.title is None
    assert article.text == text


def test_text_title_case_line_without_blank_is_title():
    article = parse_text("Police Detain Union Leader In Port Alder\nPolice detained Arman Sorel on Monday.")
    assert article.title == "Police Detain Union Leader In Port Alder"
    assert article.text == "Police detained Arman Sorel on Monday."


def test_text_lowercase_line_without_blank_is_not_title():
    article = parse_text("police detain union leader\nPolice detained Arman Sorel on Monday.")
    assert article.title is None


def test_text_single_line_keeps_its_text():
    article = parse_text("Police Detain Union Leader")
    assert article.title is None
    assert article.text == "Police Detain Union Leader"


def test_text_breadcrumb_trail_and_repeated_headline():
    article = read_text(DATA / "furniture.txt")
    assert article.title == "Activists Detained After Rally"
    assert article.text.startswith("Police in Ridgeville detained four activists")
    assert "•" not in article.text


def test_text_markdown_markup_stripped():
    article = read_text(DATA / "article.md")
    assert article.title == "Blogger Fined For Unsanctioned Picket"
    assert "The blogger Daria Lune was fined by a court in Ridgeville on Friday" in article.text
    assert "keep protesting against" in article.text
    for markup in ("**", "](", "![", "#", "_protesting_", "Share this article"):
        assert markup not in article.text


def test_text_normalize_nfc_line_endings_zero_width():
    raw = "Cafe\u0301 owner\u200b detained.\r\nSecond\u00a0line.\r\rThird.\n\n\n\n\nFourth.  \n"
    assert normalize_text(raw) == "Café owner detained.\nSecond line.\n\nThird.\n\nFourth."


def test_text_normalize_keeps_joiners_of_other_scripts():
    assert normalize_text("می\u200cخواهم") == "می\u200cخواهم"


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2022-11-22", dt.date(2022, 11, 22)),
    ("2022-11-22T10:00:00Z", dt.date(2022, 11, 22)),
    ("2022-11-22T23:30:00-05:00", dt.date(2022, 11, 22)),
    ("November 22, 2022", dt.date(2022, 11, 22)),
    ("Nov 22, 2022", dt.date(2022, 11, 22)),
    ("22 Nov 2022", dt.date(2022, 11, 22)),
    ("22 November 2022", dt.date(2022, 11, 22)),
    ("Tuesday, 22 November 2022", dt.date(2022, 11, 22)),
    ("22.11.2022", dt.date(2022, 11, 22)),
    ("Tue, 22 Nov 2022 10:00:00 +0000", dt.date(2022, 11, 22)),
    (dt.datetime(2022, 11, 22, 10, 0), dt.date(2022, 11, 22)),
    (dt.date(2022, 11, 22), dt.date(2022, 11, 22)),
    ("yesterday", None),
    ("November 2022", None),
    ("not a date at all", None),
    ("", None),
    (None, None),
    (20221122.5, None),
])
def test_text_dates_parsed_or_none(value, expected):
    assert parse_date(value) == expected


# --- HTML -----------------------------------------------------------------------------------

def test_html_article_text_and_metadata():
    article = read_html(DATA / "page.html")
    assert article.title == "Rights Lawyer Barred From Leaving Country"
    assert article.date == dt.date(2023, 4, 12)
    assert article.url == "https://news.example.org/lawyer-barred"
    assert article.author == "Petra Quill"
    assert article.text.startswith("Border guards at the Port Alder airport stopped")
    assert "Her colleague Tomas Vell called the ban" in article.text
    for junk in ("dataLayer", "Skip to content", "Politics", "SEE ALSO", "Another story",
                 "All rights reserved", "Cookie settings", "font-family"):
        assert junk not in article.text
    assert article.text.count("\n\n") >= 3  # one paragraph per <p>


def test_html_without_article_is_load_error():
    result = one(DATA / "no_article.html")
    assert isinstance(result, LoadError)
    assert str(result) == f"{DATA / 'no_article.html'}: no article text found"
    with pytest.raises(LoadError, match="no article text found"):
        read_html(DATA / "no_article.html")


def test_html_honours_page_charset():
    page = ('<html><head><meta charset="windows-1251"><title>Суд</title></head><body><article>'
            + "<p>Суд в городе оштрафовал активиста за одиночный пикет у здания администрации.</p>" * 3
            + "</article></body></html>").encode("cp1251")
    article = parse_html(page, source="ru.html")
    assert "оштрафовал активиста" in article.text


# --- JSON Lines and JSON --------------------------------------------------------------------

def test_jsonl_bad_lines_reported_others_read():
    path = DATA / "articles.jsonl"
    results = list(read_jsonl(path))
    assert [type(r).__name__ for r in results] == ["Article", "LoadError", "LoadError", "LoadError",
                                                   "Article"]
    first, broken, missing, wrong_type, last = results
    assert (first.title, first.date, first.url, first.id, first.author) == (
        "Activist Charged", dt.date(2021, 3, 4), "https://news.example.org/1", "a1", "Petra Quill")
    assert first.meta == {"lang": "en"}
    assert first.source == f"{path}:1"
    assert str(broken).startswith(f"{path}:2: not valid JSON")
    assert str(missing) == f"{path}:3: missing 'text' field (has: title)"
    assert str(wrong_type) == f"{path}:4: 'text' must be a string, not int"
    assert (last.source, last.id, last.date) == (f"{path}:6", "7", dt.date(2022, 11, 22))


def test_jsonl_errors_are_one_line_instances_in_batch():
    results = list(read_articles([DATA / "articles.jsonl"]))
    errors = [r for r in results if isinstance(r, LoadError)]
    assert len(errors) == 3
    assert all("\n" not in str(e) and "articles.jsonl:" in str(e) for e in errors)


def test_jsonl_wrong_type_of_optional_field():
    results = list(parse_jsonl('{"text": "Police held five people.", "title": ["a", "b"]}',
                               source="mem.jsonl"))
    assert isinstance(results[0], LoadError)
    assert "field 'title' must be a string, not list" in str(results[0])


def test_jsonl_json_list_items():
    path = DATA / "articles.json"
    results = list(read_json(path))
    assert [type(r).__name__ for r in results] == ["Article", "LoadError", "Article"]
    assert results[0].title == "Editor Detained"
    assert results[0].date == dt.date(2022, 11, 22)
    assert results[0].source == f"{path}[0]"
    assert str(results[1]) == f"{path}[1]: expected a JSON object, got str"
    assert results[2].date is None and results[2].meta == {"date_raw": "sometime soon"}


def test_jsonl_json_single_object_and_invalid(tmp_path):
    good = tmp_path / "one.json"
    good.write_text('{"text": "Police held five people.", "id": "x"}')
    assert [a.id for a in read_articles(good)] == ["x"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "unterminated')
    result = one(bad)
    assert isinstance(result, LoadError) and str(result).startswith(f"{bad}: not valid JSON")
    scalar = tmp_path / "scalar.json"
    scalar.write_text("42")
    assert "expected a JSON object or a list" in str(one(scalar))


def test_jsonl_json_holding_lines_is_read_as_lines():
    results = list(parse_json('{"text": "One a."}\n{"text": "Two b."}\n', source="x.json"))
    assert [r.text for r in results] == ["One a.", "Two b."]


# --- the dispatcher -------------------------------------------------------------------------

def test_read_registry_covers_suffixes():
    assert {".txt", ".md", ".html", ".htm", ".jsonl", ".json"} <= set(READERS)
    assert READERS[".txt"] is read_text and READERS[".html"] is read_html


def test_read_folder_recursive_sorted_skips_hidden_and_unknown():
    folder = DATA / "folder"
    results = list(read_articles([folder]))
    assert all(isinstance(r, Article) for r in results), results
    assert [r.source for r in results] == [str(folder / "a.txt"), str(folder / "sub" / "b.md"),
                                           f"{folder / 'sub' / 'deeper' / 'c.jsonl'}:1"]
    assert [r.title for r in results] == ["Union Leader Summoned", "Picket In Ridgeville", None]


def test_read_named_unknown_suffix_is_error():
    result = one(DATA / "folder" / "notes.csv")
    assert isinstance(result, LoadError)
    assert "notes.csv: unknown file type '.csv'" in str(result)


def test_read_fmt_overrides_suffix(tmp_path):
    path = tmp_path / "export.dat"
    path.write_text('{"text": "Police held five people."}\n')
    assert one(path, fmt="jsonl").text == "Police held five people."
    assert one(path, fmt=".jsonl").source == f"{path}:1"
    assert "unknown format 'pdf'" in str(one(path, fmt="pdf"))


def test_read_symlink_loop_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("Police held five people on Monday.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Police held six people on Tuesday.")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "sub", tmp_path / "again")
    results = list(itertools.islice(read_articles([tmp_path]), 10))  # bounded: a loop fails fast
    assert sorted(r.text for r in results) == ["Police held five people on Monday.",
                                               "Police held six people on Tuesday."]


def test_read_follows_symlinked_file_inside_the_folder_and_out_only_when_asked(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("Police held five people on Monday.")
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "inside.txt").write_text("Police held six people on Tuesday.")
    os.symlink(tmp_path / "feed" / "inside.txt", tmp_path / "feed" / "again.txt")
    os.symlink(target, tmp_path / "feed" / "link.txt")
    got = list(read_articles([tmp_path / "feed"]))
    assert [r.text for r in got if not isinstance(r, LoadError)] == ["Police held six people on Tuesday."] * 2
    skipped = [r for r in got if isinstance(r, SkippedInput)]
    assert len(skipped) == 1 and "link.txt: skipped: a symbolic link out of the folder" in str(skipped[0])
    followed = list(read_articles([tmp_path / "feed"], follow_symlinks=True))
    assert sorted(r.text for r in followed) == ["Police held five people on Monday.",
                                                "Police held six people on Tuesday.",
                                                "Police held six people on Tuesday."]
    assert one(tmp_path / "feed" / "link.txt").text == "Police held five people on Monday."  # named: read


def test_read_empty_folder_gives_nothing(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    assert list(read_articles([tmp_path])) == []


def test_read_missing_path():
    result = one("/no/such/place/article.txt")
    assert isinstance(result, LoadError)
    assert str(result) == "/no/such/place/article.txt: no such file or folder"


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n   \n", "no text (only whitespace)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary file (PDF document)"),
    ("bundle.jsonl", b"PK\x03\x04\x14\x00\x00\x00", "binary file (zip archive"),
    ("nul.txt", b"Police held\x00five people.", "binary file (contains NUL bytes)"),
    ("latin1.txt", "Police held five people in Bogotá.".encode("latin-1"), "not UTF-8 text"),
    ("latin1.json", '{"text": "Bogotá"}'.encode("latin-1"), "not UTF-8 text"),
    ("empty.jsonl", b"\n\n", "no text (only whitespace)"),
    ("empty.html", b"", "empty file"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image)"),
    ("only_furniture.txt", b"Advertisement\nShare this article\n", "no article text"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_read_bad_file_is_load_error_naming_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = one(path)
    assert isinstance(result, LoadError)
    assert str(result).startswith(f"{path}: {reason}")
    assert "\n" not in str(result)


def test_read_batch_goes_on_after_bad_file(tmp_path):
    (tmp_path / "a_bad.txt").write_bytes(b"caf\xe9 not UTF-8")
    (tmp_path / "b_good.txt").write_text("Police held five people on Monday.")
    results = list(read_articles([tmp_path, "/no/such/file.txt", tmp_path / "b_good.txt"]))
    assert [type(r).__name__ for r in results] == ["LoadError", "Article", "LoadError", "Article"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_read_byte_order_marks_decode(tmp_path, encoding):
    text = "Суд Оштрафовал Блогера\n\nПолиция задержала блогера в пятницу."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    article = one(path)
    assert isinstance(article, Article), article
    assert article.title == "Суд Оштрафовал Блогера"
    assert article.text == "Полиция задержала блогера в пятницу."


def test_read_permission_denied_mapped(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Police held five people.")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    assert str(one(path)) == f"{path}: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_read_unreadable_file_for_real(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Police held five people.")
    path.chmod(0)
    assert str(one(path)) == f"{path}: permission denied"


def test_read_default_date_fills_only_missing(tmp_path):
    (tmp_path / "a.txt").write_text("---\ndate: 2021-01-05\n---\nPolice held five people.")
    (tmp_path / "b.txt").write_text("Police held six people.")
    results = list(read_articles([tmp_path], default_date=dt.date(2020, 2, 2)))
    assert [r.date for r in results] == [dt.date(2021, 1, 5), dt.date(2020, 2, 2)]


def test_read_stdin_text(monkeypatch):
    data = "Teacher Detained\n\nPolice detained the teacher Mirela Odon.\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    article = one("-", default_date=dt.date(2023, 1, 1))
    assert (article.title, article.text, article.source, article.date) == (
        "Teacher Detained", "Police detained the teacher Mirela Odon.", "<stdin>", dt.date(2023, 1, 1))


def test_read_stdin_string_stream_and_format(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "Police held five people."}\n'))
    article = one("-", fmt="jsonl")
    assert (article.text, article.source) == ("Police held five people.", "<stdin>:1")


def test_read_stdin_empty_is_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert str(one("-")) == "<stdin>: empty file"


# --- furniture ------------------------------------------------------------------------------

def test_furniture_lines_removed_real_sentences_kept():
    article = read_text(DATA / "furniture.txt")
    for junk in ("Accessibility links", "Skip to content", "Published:", "READ MORE", "Related:",
                 "Photo:", "Share this article", "More to explore", "newsletter", "©"):
        assert junk not in article.text, junk
    for sentence in ("By the evening, two of the activists had been released.",
                     "Related charges against a fifth activist were dropped in March.",
                     "The photo shows police outside the city hall.",
                     "Home Affairs Minister Tomas Vell declined to comment.",
                     "Advertisement agencies near the square were searched as well."):
        assert sentence in article.text, sentence
    assert article.date == dt.date(2021, 5, 14)  # from the "Published:" line


def test_furniture_strip_function():
    text = "Police held five people.\nSEE ALSO: Another story\n\nMore to explorer\nThey were freed."
    assert strip_furniture(text) == "Police held five people.\n\nThey were freed."
    assert split_furniture("By Ann Example, Reuters\nText here.") == ("Text here.",
                                                                     {"author": "Ann Example"})


def test_furniture_rules_load_and_carry_examples():
    rules = load_furniture_rules()
    assert len({r.id for r in rules}) == len(rules) >= 10
    for rule in rules:
        assert rule.examples, f"{rule.id} has no examples"
        for line in rule.examples:
            assert strip_furniture(f"Police held five people.\n{line}") == "Police held five people."
        for line in rule.keep:
            assert line in strip_furniture(line)


@pytest.mark.parametrize("line, message", [
    ("{not json", "not valid JSON"),
    ('{"id": "furniture.x.v1", "comment": "c"}', "field 'pattern' missing"),
    ('{"id": "furniture.x.v1", "pattern": "(", "comment": "c"}', "pattern does not compile"),
    ('{"id": "x", "pattern": "a", "comment": "c"}', "is not like 'furniture.<name>.v1'"),
    ('{"id": "furniture.x.v1", "pattern": "a", "comment": "c", "extra": 1}', "unknown field(s) extra"),
    ('{"id": "furniture.x.v1", "pattern": "a", "comment": "c", "examples": ["b"]}',
     "does not match its example 'b'"),
    ('{"id": "furniture.x.v1", "pattern": "a", "comment": "c", "keep": ["a"]}', "must keep 'a'"),
    ('{"id": "furniture.x.v1", "pattern": "a*", "comment": "c"}', "matches an empty line"),
    ('{"id": "furniture.x.v1", "pattern": "(?P<who>a)", "comment": "c"}', "named groups"),
])
def test_furniture_bad_rule_file_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "rules.jsonl"
    path.write_text('{"id": "furniture.ok.v1", "pattern": "ok", "comment": "fine"}\n\n' + line + "\n")
    with pytest.raises(RuleError) as info:
        load_furniture_rules(path)
    assert str(info.value).startswith(f"{path}:3: ")
    assert message in str(info.value)


def test_furniture_duplicate_rule_id(tmp_path):
    path = tmp_path / "rules.jsonl"
    rule = json.dumps({"id": "furniture.ok.v1", "pattern": "ok", "comment": "fine"})
    path.write_text(f"{rule}\n{rule}\n")
    with pytest.raises(RuleError, match=r":2: duplicate id 'furniture.ok.v1'"):
        load_furniture_rules(path)


# --- properties -----------------------------------------------------------------------------

PIECES = st.sampled_from(["---", "title: X", "date: 2022-11-22", "", "\n", "• Home", "  • >", "•",
                          "By Ann Example", "SEE ALSO: x", "Advertisement", "# Head", "**b**",
                          "Police Detain Five", "Police held five people.", "\u200b", "\r\n",
                          "\ufeff", "[a](b)", "22 Nov 2022", "Published: 31 Feb 2022", "\x00"])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12)
                  .map("\n".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
def test_text_arbitrary_text_raises_only_load_error(text, markdown):
    try:
        article = parse_text(text, source="prop.txt", markdown=markdown)
    except LoadError as exc:
        assert str(exc).startswith("prop.txt: ")
        return
    assert article.text and article.text == article.text.strip()
    assert article.title is None or ("\n" not in article.title and article.title.strip())


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([".txt", ".md", ".jsonl", ".json"]))
def test_read_arbitrary_bytes_yield_only_articles_or_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / f"x{suffix}"
        path.write_bytes(data)
        for result in read_articles([path]):
            assert isinstance(result, (Article, LoadError))
