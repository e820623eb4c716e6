"""The engine runs a little below the editor's priority.

On a small machine llama.cpp's threads take every core. A key the writer presses then
waits for a core, most of all the first key after a pause, which lands while a
suggestion streams. Measured with a 4B model reading and writing beside the window on two
cores: at the editor's priority, key press to repaint p95 6.3 ms and event-loop stalls up
to 85 ms; five steps of niceness below it, 2.5 ms and 45 ms (1.8 and 6 ms with the engine
idle). When nothing else wants the CPU the engine gets all of it, so a pause is answered
as fast; when other programs are busy, the writer's own typing still goes first.
"""

from __future__ import annotations

import contextlib
import os
import sys

import psutil

NICENESS = 5


def lower_priority() -> None:
    """Lower this process's priority by NICENESS steps (below normal on Windows); any
    failure leaves it as it was."""
    with contextlib.suppress(OSError, psutil.Error):
        if sys.platform == "win32":
            psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.nice(NICENESS)
