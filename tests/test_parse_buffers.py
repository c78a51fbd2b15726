"""A process that parses keeps the parser's freed buffers for the next batch (loaders/extract/nlp.py)."""
from __future__ import annotations

import pytest


_RSS_PROBE = """
import os, sys
from newsgraph.loaders.extract.nlp import load_nlp
load_nlp()
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
before = rss()
block = bytearray(48 << 20)
block[::4096] = b"x" * len(block[::4096])  # touch every page
del block
print(rss() - before)
"""


@pytest.mark.skipif(not __import__("pathlib").Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_a_process_that_parses_keeps_freed_parse_buffers_for_the_next_batch():
    """After the model loads, a freed block of 48 MB (the size of the parser's buffers on a long
    batch) stays with the process for the next batch instead of going back to the system and
    being faulted in again; with MALLOC_TRIM_THRESHOLD_ set by the user, their setting rules."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    kept = int(subprocess.run([sys.executable, "-c", _RSS_PROBE], env=env, capture_output=True, text=True,
                              check=True).stdout)
    given_back = int(subprocess.run([sys.executable, "-c", _RSS_PROBE], env={**env, "MALLOC_TRIM_THRESHOLD_": "131072"},
                                    capture_output=True, text=True, check=True).stdout)
    assert kept >= 40
    assert given_back < 8
