"""Import modules where some packages cannot be imported, and say what went wrong.

`python -m tests.import_without PySide6,llama_cpp writer_app.core.a writer_app.core.b`
hides the packages (and their submodules: `PySide6.QtGui` hides only that one), imports
each module in turn and prints one JSON line: for each module that failed, why; for each
that asked for a hidden package even though it caught the error, which one.
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from importlib.abc import MetaPathFinder


class _Hidden(MetaPathFinder):
    def __init__(self, hidden: list[str]) -> None:
        self.hidden = hidden
        self.asked: list[str] = []

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if any(name == h or name.startswith(h + ".") for h in self.hidden):
            self.asked.append(name)
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by the test)",
                                      name=name)


def main(hidden: list[str], modules: list[str]) -> dict[str, str]:
    finder = _Hidden(hidden)
    sys.meta_path.insert(0, finder)
    for name in [m for m in sys.modules if any(m == h or m.startswith(h + ".")
                                               for h in hidden)]:
        del sys.modules[name]  # whatever started this interpreter loaded is forgotten
    problems: dict[str, str] = {}
    for module in modules:
        finder.asked.clear()
        try:
            importlib.import_module(module)
        except BaseException:  # the report is the point: whatever the error, say it
            problems[module] = traceback.format_exc(limit=-3).strip()
            continue
        if finder.asked:
            problems[module] = f"asked for {', '.join(sorted(set(finder.asked)))}"
    return problems


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1].split(","), sys.argv[2:])))
