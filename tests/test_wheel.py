"""The wheel carries the whole app: built from the checkout's sources, installed in a
fresh venv that cannot see the checkout, it imports every module, finds every shipped file
and runs the command line on the embedded model. The developer setup's editable install
reads the checkout itself, so it hides whatever the wheel leaves out (issue 28: 100 of 164
modules and the translations were missing, and `writer-app` died of ModuleNotFoundError).

The fresh venv gets its dependencies from this venv's site-packages, as a lower layer (a
.pth file in the new venv): installing them from PyPI would take minutes and the network.
The layer holds symlinks to everything in site-packages except what the distribution
local-writer itself installed there (the editable install's finder and .pth, its
dist-info), so writer_app can come from the wheel alone. The wheel's declared
dependencies are checked against what the layer provides.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from writer_app import __version__

ROOT = Path(__file__).resolve().parent.parent
# What the build reads: pyproject.toml and setup.py name the rest. Copied, because a build
# writes build/ and *.egg-info beside its sources, and a stale build/lib can put modules
# that no longer exist into a later wheel.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "writer_app", "resources", "models")
# Shipped folders: (folder in the checkout, package in the wheel).
BUNDLED = (("resources", "writer_app/bundled_resources"), ("models", "writer_app/bundled_models"))

pytestmark = pytest.mark.packaging


def not_shipped(relative: str) -> bool:
    """Say whether a file of resources/ stays out of the wheel: the README's pictures and
    the translators' sources (the app loads the .qm built from each .ts)."""
    return relative.startswith("screenshots/") or relative.endswith(".ts")


def checkout_modules() -> set[str]:
    """Return the dotted name of every module and package under writer_app/."""
    names = set()
    for path in (ROOT / "writer_app").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def shipped_files(folder: str) -> set[str]:
    """Return the files of a checkout folder that the wheel must carry, relative to it."""
    base = ROOT / folder
    files = {path.relative_to(base).as_posix() for path in base.rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    return {name for name in files if not (folder == "resources" and not_shipped(name))}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of the checkout's build inputs, as `pip install .` does."""
    from packaging.version import Version

    setuptools = Version(importlib.metadata.version("setuptools"))
    assert setuptools >= Version("77"), (
        f"setuptools {setuptools} cannot read pyproject.toml: run `bash packaging/setup.sh`, "
        "which installs the test extra's setuptools>=77")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    # No build isolation: it would fetch setuptools from PyPI. This venv's own builds it
    # (the test extra asks for the version that pyproject's build-system does).
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "--wheel-dir", str(work / "dist"), str(source)],
        cwd=work, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = (work / "dist").glob("local_writer-*.whl")
    return built


def dependency_layer(target: Path) -> Path:
    """Make a folder of symlinks to this venv's site-packages, minus local-writer's own."""
    target.mkdir()
    for folder in {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}:
        # Asked of the folder alone: the checkout's local_writer.egg-info, on sys.path
        # under pytest, is not what the venv installed.
        own = {"writer_app", "__pycache__"} | {
            Path(str(file)).parts[0] for dist in importlib.metadata.distributions(path=[folder])
            if dist.metadata["Name"] == "local-writer" for file in dist.files or ()}
        for entry in Path(folder).iterdir():
            if entry.name not in own and not (target / entry.name).exists():
                (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the wheel into a fresh venv whose dependencies come from the layer."""
    work = tmp_path_factory.mktemp("venv")
    home = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True,
                   timeout=120)
    layer = dependency_layer(work / "layer")
    site = Path(run_python(home, "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                           work).stdout.strip())
    (site / "zz_local_writer_dependencies.pth").write_text(
        f"import site; site.addsitedir({str(layer)!r})\n")
    # pip comes from the layer and installs into the venv that runs it.
    result = run_python(home, None, work, "-m", "pip", "install", "--no-deps", "--no-index",
                        "--quiet", str(wheel))
    assert result.returncode == 0, result.stdout + result.stderr
    # Folders that other distributions put at the top of site-packages (a `models` or a
    # `resources` package is not rare): beside writer_app, they must not pass for its own.
    for decoy in ("resources/templates", "resources/translations", "models"):
        (site / decoy).mkdir(parents=True)
    (site / "models" / "catalogue.toml").write_text("")
    return home


def clean_env() -> dict[str, str]:
    """Return this environment without any path to the checkout, with Qt offscreen."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH")}
    return {**env, "QT_QPA_PLATFORM": "offscreen"}


def run_python(home: Path, code: str | None, cwd: Path,
               *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(home / "bin" / "python"), *(["-c", code] if code else []), *args]
    return subprocess.run(command, cwd=cwd, env=clean_env(), capture_output=True, text=True,
                          timeout=300, check=False)


def writer_app(home: Path, *args: str, cwd: Path, stdin: str = "",
               timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the venv's `writer-app` script, as a writer who installed the wheel would."""
    return subprocess.run([str(home / "bin" / "writer-app"), *args], input=stdin, cwd=cwd,
                          env=clean_env(), capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_the_wheel_carries_every_module_and_every_shipped_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    modules = {name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
               for name in names if name.startswith("writer_app/") and name.endswith(".py")}
    missing = sorted(checkout_modules() - modules)
    assert not missing, f"{len(missing)} modules are not in the wheel: {missing}"
    for folder, package in BUNDLED:
        shipped = {name.removeprefix(package + "/") for name in names
                   if name.startswith(package + "/")}
        assert shipped == shipped_files(folder), folder
    assert not [name for name in names if "screenshots" in name or name.endswith(".ts")]
    assert {name.split("/")[0] for name in names} == {
        "writer_app", f"local_writer-{__version__}.dist-info"}


# The installed app, run where the checkout is nowhere on the path: every module imports,
# every shipped file is found inside the venv, and the dependencies the wheel declares are
# the ones the layer provides.
INSTALLED_CHECK = """
import importlib, importlib.metadata, json, pkgutil
from packaging.requirements import Requirement

import writer_app
from writer_app.resources import catalogue_path, resource_path, resources_dir

failures = {}
modules = []
for info in pkgutil.walk_packages(writer_app.__path__, "writer_app.",
                                  onerror=lambda name: failures.setdefault(name, "walk")):
    modules.append(info.name)
    if info.name.rpartition(".")[2] != "__main__":  # running it starts the app
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failures[info.name] = repr(exc)

from PySide6.QtCore import QCoreApplication
from writer_app.ui import i18n

i18n.install_translations(QCoreApplication([]), "zh_CN")
unmet = []
for line in importlib.metadata.requires("local-writer") or []:
    requirement = Requirement(line)
    if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
        continue
    try:
        have = importlib.metadata.version(requirement.name)
    except importlib.metadata.PackageNotFoundError:
        have = None
    if have is None or not requirement.specifier.contains(have, prereleases=True):
        unmet.append(f"{line} (have {have})")
print(json.dumps({
    "package": writer_app.__file__, "modules": modules, "failures": failures,
    "resources": str(resources_dir()), "catalogue": str(catalogue_path()),
    "templates": sorted(p.name for p in resource_path("templates").glob("*.toml")),
    "icon": resource_path("icons", "local-writer.svg").is_file(),
    "translations": [t.filePath() for t in i18n._installed], "unmet": unmet,
}))
"""


def test_the_installed_wheel_imports_every_module_and_finds_its_files(
        venv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(tmp_path / "home"))
    result = run_python(venv, INSTALLED_CHECK, tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(venv)
    assert set(found["modules"]) == checkout_modules() - {"writer_app"}
    assert found["failures"] == {}
    package = Path(found["package"]).parent
    assert Path(found["resources"]) == package / "bundled_resources"
    assert Path(found["catalogue"]) == package / "bundled_models" / "catalogue.toml"
    assert found["templates"] == sorted(p.name for p in (ROOT / "resources" / "templates")
                                        .glob("*.toml"))
    assert found["icon"]
    assert any(Path(path).name == "local_writer_zh_CN.qm" and Path(path).is_relative_to(venv)
               for path in found["translations"])
    assert found["unmet"] == []


@pytest.mark.model
def test_writer_app_from_the_wheel_runs_on_the_embedded_model(
        venv: Path, writer_home: Path, tmp_path: Path) -> None:
    import tomllib

    version = writer_app(venv, "--version", cwd=tmp_path)
    assert (version.returncode, version.stdout.strip()) == (0, f"writer-app {__version__}")

    templates = writer_app(venv, "templates", "list", cwd=tmp_path)
    assert (templates.returncode, templates.stderr) == (0, "")
    listed = [line.split() for line in templates.stdout.splitlines()]
    assert sorted(words[0] for words in listed) == sorted(
        path.stem for path in (ROOT / "resources" / "templates").glob("*.toml"))
    assert all(words[-1] == "shipped" for words in listed)

    models = writer_app(venv, "models", "list", cwd=tmp_path)
    assert models.returncode == 0, models.stderr
    catalogue = tomllib.loads((ROOT / "models" / "catalogue.toml").read_text("utf-8"))
    assert all(f"  {entry['id']} " in models.stdout for entry in catalogue["model"])

    complete = writer_app(venv, "complete", "--max-tokens", "8", cwd=tmp_path,
                          stdin="The lighthouse keeper climbed the stairs and")
    assert complete.returncode == 0, complete.stderr
    assert complete.stdout.strip()

    # What the installers run on the frozen app: model, engine, window, translations,
    # spelling and export.
    self_test = writer_app(venv, "--self-test", cwd=tmp_path)
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert "self-test: passed" in self_test.stdout
