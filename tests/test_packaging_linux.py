"""The Linux installers: `bash packaging/build-linux.sh` freezes the app with the model
inside, packs the .tar.gz and the .deb, installs each in a scratch root and runs the
frozen app's --self-test and `complete` there (with no network where the system lets
it take the network away)."""

from __future__ import annotations

import platform
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
    # The .deb's and the .tar.gz's on this CPU, then the .tar.gz's under each older CPU
    # model qemu emulates (Debian's qemu-user, installed by the build where it can).
    emulated = ["Haswell", "Nehalem"] if shutil.which("qemu-x86_64") \
        and platform.machine() == "x86_64" else []
    runs = 2 + len(emulated)
    assert output.count("self-test: passed") == runs
    assert output.count("self-test: embedded model: ok") == runs
    assert output.count("bytes, in the app's bundle") == runs
    completions = [line for line in output.splitlines() if line.startswith("complete")]
    assert len(completions) == runs
    assert all(line.partition(": ")[2].strip() for line in completions)
    for cpu in emulated:
        assert f"qemu {cpu}: passed in " in output
        assert any(line.startswith(f"complete (qemu {cpu}): ") for line in completions)
    if emulated:
        # llama.cpp chose its kernels by the emulated CPU's features: AVX2 on Haswell, no
        # AVX at all on Nehalem; and a Core 2 was refused in words, not by SIGILL.
        kernels = [line for line in output.splitlines() if "CPU kernels:" in line]
        assert " AVX2 " in kernels[2]
        assert "AVX512" not in kernels[2]
        assert " AVX " not in kernels[3]
        assert "qemu core2duo: refused with status 3: Local Writer cannot run on this " \
               "processor: it lacks SSE4.1, SSE4.2, POPCNT." in output
    tarballs = list((ROOT / "dist").glob(f"local-writer-{__version__}-linux-*.tar.gz"))
    debs = list((ROOT / "dist").glob(f"local-writer_{__version__}_*.deb"))
    assert len(tarballs) == 1
    assert len(debs) == 1
    for artefact in (*tarballs, *debs):
        assert f"artefact: {artefact.name} " in output  # with its size
