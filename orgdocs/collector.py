"""The garbage collector paused while an org is built.

Reading, validating and laying out an org allocates millions of objects that live until the command ends, and
none of them form garbage cycles worth finding: CPython's collector, triggered every 700 allocations, walks them
again and again (a third of the time at 100,000 positions). Reference counting still frees everything acyclic
while the collector is paused; it is restored afterwards, also when the work raises, so output is identical.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; nested blocks keep it paused until the outermost one ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
