"""The Linux installers: `bash packaging/build-linux.sh` freezes the app with the model
inside, packs the .tar.gz and the .deb, installs each in a scratch root and runs the
frozen app's --self-test and `complete` there (with no network where the system lets
it take the network away)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from writer_app import __version__

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(sys.platform != "linux" or shutil.which("dpkg-deb") is None,
                       reason="the Linux build needs Linux and dpkg-deb; Windows and "
                              "macOS build in .github/workflows/installers.yml"),
]


@pytest.mark.timeout(1800)
def test_the_linux_artefacts_install_and_pass_their_self_test() -> None:
    result = subprocess.run(["bash", "packaging/build-linux.sh"], cwd=ROOT,
                            capture_output=True, text=True, timeout=1800, check=False)
    output = result.stdout
    print(output)
    assert result.returncode == 0, result.stderr[-4000:]
    assert output.count("self-test: passed") == 2  # the .deb's and the .tar.gz's
    assert output.count("self-test: embedded model: ok") == 2
    assert output.count("bytes, in the app's bundle") == 2
    completions = [line for line in output.splitlines() if line.startswith("complete: ")]
    assert len(completions) == 2
    assert all(line.removeprefix("complete: ").strip() for line in completions)
    tarballs = list((ROOT / "dist").glob(f"local-writer-{__version__}-linux-*.tar.gz"))
    debs = list((ROOT / "dist").glob(f"local-writer_{__version__}_*.deb"))
    assert len(tarballs) == 1
    assert len(debs) == 1
    for artefact in (*tarballs, *debs):
        assert f"artefact: {artefact.name} " in output  # with its size
