"""The app's own small files (settings, the writing log, API keys) that cannot be read
are moved aside, never written over: a stray comma from a hand edit, a file cut short
by a crash, or another encoding would otherwise be replaced by defaults on the next
save, and what was in it lost for good.

The personal dictionary is the exception: it is the writer's own list, which they may
edit by hand and keep elsewhere, so it is left in place untouched and every word added
meanwhile is refused a save (see core/spelling/personal_dictionary.py)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def set_aside(path: Path) -> Path | None:
    """Rename `path`, which exists but could not be read, to `<name>.unreadable` (or
    `.unreadable-2`, …); return the new path, or None if there is no file or it could
    not be moved (then its folder is not writable, and no save can replace it either)."""
    for number in range(1, 1000):
        target = path.with_name(f"{path.name}.unreadable" + (f"-{number}" if number > 1
                                                              else ""))
        if target.exists() or target.is_symlink():
            continue
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("Could not set the unreadable %s aside: %s", path, exc)
            return None
        log.warning("%s could not be read; it was kept as %s", path, target.name)
        return target
    return None
