"""Imports every command module of the CLI so that each registers its commands on ``cli``.

A new command module adds one import line here.
"""
from . import queries  # noqa: F401
from . import viz  # noqa: F401
from . import serve  # noqa: F401
