"""Events of repression found in an article.

Triggers and the event graph (:mod:`.find`), roles and mentions (:mod:`.roles`),
date, place and modality of a clause (:mod:`.context`), article-level context
(:mod:`.article`), merging mentions of one event (:mod:`.merge`), charges
(:mod:`.charges`) and penalties (:mod:`.penalties`).
"""
