"""The installer recipes that cannot run here (Windows, macOS, the CI workflow) are
checked for what can be checked on Linux: they parse, and every file, name and
placeholder they rely on is where the other side expects it."""

from __future__ import annotations

import configparser
import plistlib
import re
import subprocess
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def test_the_workflow_runs_the_build_scripts_that_exist() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/installers.yml").read_text())
    assert set(workflow["jobs"]) == {"linux", "windows", "macos", "release"}
    commands = [step.get("run", "") for job in workflow["jobs"].values()
                for step in job["steps"]]
    scripts = re.findall(r"packaging/[\w./-]+\.(?:sh|ps1)", "\n".join(commands))
    assert sorted(set(scripts)) == ["packaging/build-linux.sh", "packaging/build-macos.sh",
                                    "packaging/build-windows.ps1"]
    for script in scripts:
        assert (ROOT / script).is_file()
    assert workflow["jobs"]["release"]["needs"] == ["linux", "windows", "macos"]


def test_the_shell_recipes_parse() -> None:
    for script in ("build-linux.sh", "build-macos.sh", "run-kill-loop.sh", "setup.sh"):
        subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


def test_the_inno_setup_script_matches_the_windows_build() -> None:
    script = (PACKAGING / "windows/local-writer.iss").read_text()
    app_id = re.search(r"AppId=\{\{([0-9A-F-]+)\}", script)
    assert app_id is not None
    uuid.UUID(app_id.group(1))
    icon = re.search(r"SetupIconFile=(.+)", script)
    assert icon is not None
    assert (PACKAGING / "windows" / icon.group(1).strip().replace("\\", "/")).is_file()
    name = re.search(r"OutputBaseFilename=(.+)", script)
    assert name is not None
    assert name.group(1).strip() == \
        "LocalWriter-{#AppVersion}-windows-x64-{#Variant}-Setup"
    build = (PACKAGING / "build-windows.ps1").read_text()
    assert '"LocalWriter-$version-windows-x64-$Variant-Setup.exe"' in build
    for define in ("AppVersion", "SourceDir", "OutputDir", "Variant"):
        assert f"/D{define}=" in build
    assert 'Filename: "{app}\\local-writer.exe"' in script  # the spec's windowed exe


def test_the_linux_desktop_entry_and_control_file() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux/local-writer.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "/opt/local-writer/local-writer"
    assert desktop["Icon"] == "local-writer"
    assert "text/markdown" in desktop["MimeType"]
    control = (PACKAGING / "linux/control.in").read_text()
    build = (PACKAGING / "build-linux.sh").read_text()
    for placeholder in sorted(set(re.findall(r"@[A-Z]+@", control))):
        assert f"s/{placeholder}/" in build


def test_the_spec_finds_its_icons_and_the_mac_entitlements_parse() -> None:
    spec = (PACKAGING / "pyinstaller/local-writer.spec").read_text()
    assert '"local-writer.ico"' in spec
    assert (ROOT / "resources/icons/local-writer.ico").is_file()
    assert (ROOT / "resources/icons/local-writer-512.png").is_file()  # the .icns source
    assert "local-writer.icns" in (PACKAGING / "build-macos.sh").read_text()
    entitlements = plistlib.loads((PACKAGING / "macos/entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


def test_every_installer_builds_the_portable_llama_cpp() -> None:
    """No installer may ship a llama.cpp compiled for its build machine's processor."""
    recipes = {name: (PACKAGING / name).read_text()
               for name in ("build-linux.sh", "build-macos.sh", "build-windows.ps1")}
    for name, text in recipes.items():
        assert re.search(r"llama_cpp_build\.py portable", text), name
        assert "CMAKE_ARGS" not in text, name  # no pip build with flags of its own
    assert "llama_cpp_build.py native" in (PACKAGING / "setup.sh").read_text()
