"""The app's own small files (settings, the writing log, API keys) that cannot be read
are moved aside, never written over: a stray comma from a hand edit, a file cut short
by a crash, or another encoding would otherwise be replaced by defaults on the next
save, and what was in it lost for good.

The personal dictionary is the exception: it is the writer's own list, which they may
edit by hand and keep elsewhere, so it is left in place untouched and every word added
meanwhile is refused a save (see core/spelling/personal_dictionary.py)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

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


def read_json_object(path: Path) -> dict[str, Any]:
    """Return the JSON object in `path`: empty if there is no file, and empty with the
    file set aside (see set_aside) if it holds anything else, so that the next save does
    not write over what was in it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        set_aside(path)
        return {}
    return data
