"""Extraction: an :class:`~newsgraph.loaders.read.article.Article` -> RDF triples.

spaCy pipeline (:mod:`.nlp`), people/organisations/places (:mod:`.entities`,
:mod:`.entity_lookup`, :mod:`.token_table`), events (:mod:`.events`), ties between
actors (:mod:`.ties`), and the article's graph (:mod:`.triples`). The rules and
word lists are the data files in ``rules/`` and ``gazetteers/``.
"""
