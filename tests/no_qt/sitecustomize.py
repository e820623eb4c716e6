"""Hide Qt from every Python started with this folder on PYTHONPATH.

The command-line tests put it there to prove that `writer-app templates list`, `models
list` and `complete` run where only the engine's libraries are installed.
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder

HIDDEN = ("PySide6", "shiboken6")


class _NoQt(MetaPathFinder):
    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name.split(".", maxsplit=1)[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by the test)",
                                      name=name)


sys.meta_path.insert(0, _NoQt())
