"""Pure text utilities shared by the loaders, the graph and the queries.

Nothing here knows about articles, stores or RDF graphs: name folding and
transliteration (:mod:`.names`), dates (:mod:`.dates`), whether two reports'
dates and places agree (:mod:`.agreement`), the gazetteer of known places and
bodies (:mod:`.gazetteer`), the packaged rule and word-list files
(:mod:`.data`) and a JSON cache on disk (:mod:`.disk_cache`).

Example:
    >>> from newsgraph.text.names import fold
    >>> fold("Ainur Zhaksybekova") == fold("AINUR  ZHAKSYBEKOVA")
    True
"""
