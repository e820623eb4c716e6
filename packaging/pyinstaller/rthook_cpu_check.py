# Runs before every other runtime hook of the frozen app, before Qt's libraries load:
# Qt 6 and NumPy are built for x86-64-v2, and on an older processor they would die of an
# illegal instruction (SIGILL) with no word. Say what is missing instead.
import sys

from writer_app.core.cpu_features import missing_baseline

_missing = missing_baseline()
if _missing:
    sys.stderr.write(
        "Local Writer cannot run on this processor: it lacks " + ", ".join(_missing)
        + ". Local Writer (like Qt 6, which it is built on) needs an x86-64 processor with "
        "SSE4.2 and POPCNT (x86-64-v2): Intel Core since 2008, AMD since 2011.\n")
    sys.exit(3)
