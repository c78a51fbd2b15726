"""Extraction: an :class:`~newsgraph.loaders.read.article.Article` -> RDF triples.

spaCy pipeline (:mod:`.nlp`), people/organisations/places (:mod:`.entities`,
:mod:`.entity_lookup`, :mod:`.token_table`), events (:mod:`.events`), coreference
(:mod:`.coref`: gender by name, pronouns, the ties' referents), ties between actors
(:mod:`.ties`, its patterns in :mod:`.tie_rules`), and the article's graph
(:mod:`.triples`). The rules and word lists are the data files in ``rules/`` and
``gazetteers/``.
"""
