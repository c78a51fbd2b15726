"""The model's matrix products on numpy's BLAS, on one thread.

spaCy's models multiply their matrices with thinc's ``NumpyOps.gemm``, which calls the
BLIS library that thinc ships (the ``blis`` package). On the machines this was measured on
(an AMD EPYC of the Zen 4 family, the ``blis`` 1.3 wheel) BLIS ran its generic reference
kernels: a 2000x288 by 288x288 product took 10 ms against 3.3 ms for the OpenBLAS inside
numpy's own wheel on one thread, and about half of the model's time is such products.
:func:`model_ops` is thinc's ``NumpyOps`` with BLIS left out (``use_blis=False``: thinc's
own numpy path); :func:`newsgraph.loaders.extract.nlp.load_nlp` loads the model with it and
holds numpy's BLAS to one thread (:func:`one_blas_thread`), so a process that parses uses
one core and ``--workers N`` uses N, as with BLIS. Its parse of realdev and of the demo ran
about 1.3x as fast, with the same tags, heads, dependencies and entities on every token
(2026-12-07; a sum taken in another order can differ in its last bit, so a near-tie between
two labels could in principle fall the other way). If numpy's BLAS is not one of the
optimised ones that ``threadpoolctl`` knows (a build against the reference BLAS, say), the
model keeps BLIS.

>>> ops = model_ops()
>>> ops is None or ops.use_blis is False
True
"""
from __future__ import annotations

import os
from functools import lru_cache

__all__ = ["model_ops", "one_blas_thread", "FAST_BLAS", "THREAD_VARIABLES"]

FAST_BLAS = frozenset({"openblas", "mkl", "blis", "accelerate"})
"""numpy's BLAS libraries known to be optimised, by threadpoolctl's ``internal_api``."""

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables by which a user sets the BLAS threads: if one is set, it is obeyed."""


@lru_cache(maxsize=1)
def _blas():
    """threadpoolctl's handle on numpy's BLAS, or None when numpy's BLAS is not a fast one."""
    import numpy  # noqa: F401 - loads numpy's BLAS, which threadpoolctl then finds
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    blas = ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers or any(c.internal_api not in FAST_BLAS for c in blas.lib_controllers):
        return None
    return blas


@lru_cache(maxsize=1)
def model_ops():
    """thinc ``NumpyOps`` whose ``gemm`` is numpy's ``dot``, or None (numpy's BLAS is not a fast one: keep BLIS)."""
    if _blas() is None:
        return None
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=False)


def one_blas_thread() -> bool:
    """Hold numpy's BLAS to one thread in this process, as BLIS was. Set once, not around each
    product: OpenBLAS starts its thread pool anew in a forked worker whenever the count is raised
    again, and the new threads spin for a while (about 0.05 s of CPU a worker, 2026-12-07).
    False, and nothing changed, if the user set one of :data:`THREAD_VARIABLES` or numpy's BLAS
    is not a fast one."""
    blas = _blas()
    if blas is None or any(os.environ.get(name) for name in THREAD_VARIABLES):
        return False
    for lib in blas.lib_controllers:
        lib.set_num_threads(1)
    return True
