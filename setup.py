"""Find the packages of the wheel; everything else is in pyproject.toml.

setuptools discovers writer_app and every subpackage. The two folders the app reads files
from ship inside it under names of their own (package-dir in pyproject.toml):
resources/ as writer_app.bundled_resources and models/ as writer_app.bundled_models.
pyproject.toml alone cannot add those two to what discovery finds, hence this file.
Their subfolders are found too (a new one ships without an edit here), except the
README's screenshots; package-data and exclude-package-data say which files go in.
"""

from setuptools import find_namespace_packages, setup

BUNDLED = {"writer_app.bundled_resources": "resources", "writer_app.bundled_models": "models"}
NOT_SHIPPED = ["screenshots", "screenshots.*"]


def bundled_packages() -> list[str]:
    """Return the bundled folders and their subfolders as package names."""
    names = []
    for package, folder in BUNDLED.items():
        found = find_namespace_packages(where=folder, exclude=NOT_SHIPPED)
        names += [package, *(f"{package}.{name}" for name in found)]
    return names


setup(packages=[*find_namespace_packages(include=["writer_app", "writer_app.*"]),
                *bundled_packages()])
