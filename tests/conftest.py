"""Shared fixtures. Articles here are written for the tests; every person, party
and town in them is invented."""
from __future__ import annotations

import pytest

ARTICLES = {
    "quell.txt": "Quell Detained After Rally\n\n"
                 "Police in Ostravel detained activist Mara Quell on Monday after a rally outside "
                 "the regional court. Quell leads the Green Lantern Party.",
    "vasko.txt": "Blogger Fined\n\n"
                 "A court in Ostravel fined opposition blogger Teodor Vasko on Tuesday for "
                 "organising an unsanctioned picket. Vasko denied the charge.",
    "marwood.txt": "Teachers Dispersed\n\n"
                   "Riot police in Brenmoor dispersed a protest by teachers on Wednesday and detained "
                   "three people, including union leader Ilse Marwood.",
}


@pytest.fixture
def store_path(tmp_path):
    """Where a test's store goes (not created)."""
    return tmp_path / "store"


@pytest.fixture
def articles_dir(tmp_path):
    """A folder with three short invented articles (see ARTICLES)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def ingested(tmp_path_factory, nlp):
    """``ingested(articles, name)``: a store holding ``articles`` (file name -> text) after one
    ``newsgraph.ingest`` of their folder; no article may fail."""
    import newsgraph

    def build(articles: dict, name: str):
        folder = tmp_path_factory.mktemp(f"{name}-articles")
        for file_name, text in articles.items():
            (folder / file_name).write_text(text, encoding="utf-8")
        path = tmp_path_factory.mktemp(name) / "store"
        report = newsgraph.ingest(path, [folder])
        assert not report.failed
        return path
    return build


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once; skips if extraction is not available."""
    pytest.importorskip("newsgraph.loaders.extract.triples", reason="the extractor is not written yet")
    nlp_mod = pytest.importorskip("newsgraph.loaders.extract.nlp", reason="the model loader is not written yet")
    from newsgraph.errors import ExtractError

    try:
        return nlp_mod.load_nlp()
    except ExtractError as exc:  # pragma: no cover - model missing
        pytest.skip(f"spaCy model unavailable: {exc}")


@pytest.fixture(scope="session")
def events(nlp):
    """``events(text, date)``: the events read in a sentence a test writes (invented people),
    in an article dated ``date`` (Monday 2024-05-20 unless told)."""
    import datetime as dt

    from newsgraph.loaders.extract.entities import find_entities
    from newsgraph.loaders.extract.events.find import find_events
    from newsgraph.loaders.read.article import Article

    def run(text, date=dt.date(2024, 5, 20)):
        article = Article(text=text, date=date)
        doc = nlp(article.full_text)
        return find_events(doc, find_entities(doc), article)
    return run


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes more than a few seconds (subprocesses, a real model)")
