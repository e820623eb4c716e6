"""Compare llama.cpp builds on this machine: prompt and decode speed of the embedded model.

    python packaging/bench_llama_builds.py [--trials 5] [--portable build/venv-linux]

Measures the developer setup's native build (.venv), the installers' portable build (the
venv build-linux.sh made), and each in safe mode (no extra buffer types), taking turns
trial by trial so that a shared machine that speeds up or slows down weighs on all alike.
Prints medians and each one's ratio to the native build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from writer_app.core.cpu_features import describe_cpu  # noqa: E402  (plain Python)


def python_of(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def measure(python: Path, safe: bool) -> dict[str, object]:
    command = [str(python), "-m", "writer_app.bench.build_speed", *(["--safe"] * safe)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--native", type=Path, default=ROOT / ".venv")
    parser.add_argument("--portable", type=Path, default=ROOT / "build" / "venv-linux")
    args = parser.parse_args()
    builds = {"native": python_of(args.native), "portable": python_of(args.portable)}
    missing = [name for name, python in builds.items() if not python.exists()]
    if missing:
        raise SystemExit(f"no venv for: {', '.join(missing)} (run packaging/setup.sh and "
                         "packaging/build-linux.sh first)")
    runs = [(name, python, safe) for name, python in builds.items() for safe in (False, True)]
    results: dict[str, list[dict[str, object]]] = {}
    for trial in range(args.trials):
        for name, python, safe in runs:
            label = f"{name}{' safe mode' if safe else ''}"
            results.setdefault(label, []).append(measure(python, safe))
        print(f"trial {trial + 1} of {args.trials} done", file=sys.stderr, flush=True)

    def median(label: str, key: str) -> float:
        return statistics.median(float(str(run[key])) for run in results[label])

    base_prompt, base_decode = median("native", "prompt_tps"), median("native", "decode_tps")
    print(f"{'build':<22} {'prompt tok/s':>12} {'ratio':>6} {'decode tok/s':>12} {'ratio':>6}"
          "  CPU kernels")
    for label, runs_of in results.items():
        prompt, decode = median(label, "prompt_tps"), median(label, "decode_tps")
        print(f"{label:<22} {prompt:>12.1f} {prompt / base_prompt:>6.2f} {decode:>12.1f} "
              f"{decode / base_decode:>6.2f}  {runs_of[0]['kernels']}")
    print(f"(medians of {args.trials} trials, {results['native'][0]['prompt_tokens']}-token "
          f"prompt, {results['native'][0]['decoded']} tokens decoded; {describe_cpu()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
