"""`writer-app models list | search | download | import | remove | info`."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

from writer_app.cli.common import EXIT_INTERRUPTED, complain
from writer_app.core.errors import DownloadError, ModelFileError
from writer_app.core.memory_fit import Machine, fit_of
from writer_app.core.model_catalogue import CatalogueEntry, find_entry, load_catalogue
from writer_app.hub.downloader import Downloader, Progress
from writer_app.hub.hub_access import RemoteFile, describe_file, gguf_files, search_gguf
from writer_app.hub.model_store import ModelStore
from writer_app.paths import app_paths

EXIT_FAILED = 1
EXIT_USAGE = 2
BAR_WIDTH = 28


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app models",
        description="Manage the models Local Writer runs: the curated catalogue, the Hub, "
                    "and the models folder. Only 'search' and 'download' go online.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the catalogue, installed models and paused downloads")
    search = commands.add_parser("search", help="find GGUF repositories on the Hub")
    search.add_argument("query")
    search.add_argument("--files", action="store_true",
                        help="also list each repository's GGUF files with sizes")
    download = commands.add_parser(
        "download", help="download a model (resumes a paused or cut download)")
    download.add_argument("repo", help="a Hub repository such as bartowski/Llama-3.2-3B-"
                                       "Instruct-GGUF, or a catalogue id")
    download.add_argument("file", nargs="?", help="the .gguf file in that repository")
    download.add_argument("--revision", help="a branch or commit (default: the catalogue's "
                                             "pinned commit, else main)")
    importer = commands.add_parser("import", help="copy a local .gguf into the models folder")
    importer.add_argument("path", type=Path)
    remove = commands.add_parser("remove", help="delete an installed model")
    remove.add_argument("name")
    info = commands.add_parser("info", help="what a model's GGUF header says, and its fit")
    info.add_argument("name", help="an installed model's name, or a path to a .gguf file")
    return parser


class _ProgressPrinter:
    """A bar redrawn in place on a terminal; a line per tenth otherwise (logs, pipes)."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()
        self._last_tenth = -1
        self._last_draw = 0.0

    def __call__(self, progress: Progress) -> None:
        share = progress.done / progress.total if progress.total else 1.0
        now = time.monotonic()
        if self.tty:
            if now - self._last_draw < 0.1 and progress.done < progress.total:
                return
            self._last_draw = now
            filled = int(share * BAR_WIDTH)
            left = progress.seconds_left
            eta = f", {_duration(left)} left" if left is not None else ""
            self.stream.write(
                f"\r{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
                f"{progress.done / 1e6:,.0f}/{progress.total / 1e6:,.0f} MB, "
                f"{progress.speed / 1e6:.1f} MB/s{eta}   ")
        elif int(share * 10) > self._last_tenth:
            self._last_tenth = int(share * 10)
            self.stream.write(f"{self.label}: {share:.0%} of {progress.total / 1e6:,.0f} MB\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ModelsCommand:
    """The state a models subcommand needs: the folder, the catalogue, the machine."""

    def __init__(self, data_dir: Path, n_ctx: int) -> None:
        from writer_app.core.hardware import detect_machine
        from writer_app.resources import catalogue_path

        self.store = ModelStore(data_dir / "models")
        self.catalogue = load_catalogue(catalogue_path())
        self.machine: Machine = detect_machine()
        self.n_ctx = n_ctx

    def fit_text(self, entry: CatalogueEntry) -> str:
        return fit_of(entry.size, entry.shape, self.machine, self.n_ctx).text

    def list(self) -> int:
        installed = {model.sha256: model for model in self.store.installed()}
        print(f"Catalogue (fit at a {self.n_ctx}-token context, {self.machine.backend}):")
        for entry in self.catalogue:
            mark = "installed" if entry.sha256 in installed else f"{entry.size / 1e9:.2f} GB"
            print(f"  {entry.id:34} {entry.label:34} {entry.kind:8} {mark:10} "
                  f"{self.fit_text(entry)}")
        print("Installed:")
        for model in installed.values():
            origin = f"{model.repo}" if model.repo else model.source
            print(f"  {model.name:48} {model.size / 1e9:6.2f} GB  {origin}")
        partials = self.store.partials()
        if partials:
            print("Paused downloads (run the same download again to resume):")
            for partial in partials:
                print(f"  {partial.name:48} {partial.have / 1e6:,.0f} of "
                      f"{partial.size / 1e6:,.0f} MB  {partial.repo}")
        return 0

    def search(self, query: str, files: bool) -> int:
        repos = search_gguf(query)
        if not repos:
            print(f"No GGUF repositories match “{query}”.")
        for repo in repos:
            print(repo)
            if files:
                for remote in gguf_files(repo):
                    verdict = fit_of(remote.size, None, self.machine, self.n_ctx)
                    print(f"    {remote.path:56} {remote.size / 1e9:6.2f} GB  {verdict.text}")
        return 0

    def remote_for(self, repo: str, file: str | None,
                   revision: str | None) -> tuple[RemoteFile, str | None]:
        """Describe the file to download, with the sha256 the catalogue pins (if any)."""
        entry = find_entry(self.catalogue, repo) if file is None else None
        if file is None and entry is None:
            raise DownloadError(f"“{repo}” is not a catalogue id; give a repository and a "
                                "file, as in: writer-app models download OWNER/REPO FILE.gguf")
        if entry is not None:
            if entry.embedded:
                raise DownloadError(f"{entry.name} ships with the app: nothing to download.")
            return describe_file(entry.repo, entry.file, revision or entry.revision), (
                entry.sha256)
        assert file is not None
        return describe_file(repo, file, revision), None

    def download(self, repo: str, file: str | None, revision: str | None) -> int:
        remote, pinned = self.remote_for(repo, file, revision)
        print(f"{remote.repo} @ {remote.revision[:12]}: {remote.path}, "
              f"{remote.size / 1e9:.2f} GB", file=sys.stderr)
        printer = _ProgressPrinter(sys.stderr, Path(remote.path).name)
        stop = threading.Event()
        try:
            model = Downloader(self.store).download(remote, stop, printer,
                                                    expected_sha256=pinned)
        except KeyboardInterrupt:
            stop.set()
            printer.finish()
            print("Paused: run the same command again to resume.", file=sys.stderr)
            return EXIT_INTERRUPTED
        printer.finish()
        if model is None:
            return EXIT_INTERRUPTED
        print(self.store.path_of(model))
        return 0

    def import_file(self, path: Path) -> int:
        model = self.store.import_file(path)
        print(self.store.path_of(model))
        return 0

    def remove(self, name: str) -> int:
        model = self.store.find(name)
        if model is None:
            raise DownloadError(f"No installed model is called “{name}”; see: writer-app "
                                "models list")
        self.store.remove(model)
        print(f"Removed {model.name}.")
        return 0

    def info(self, name: str) -> int:
        from writer_app.core.gguf_file import check_model_file

        model = self.store.find(name)
        path = self.store.path_of(model) if model else Path(name)
        info = check_model_file(path)
        shape = info.shape
        verdict = fit_of(path.stat().st_size, shape, self.machine, self.n_ctx)
        rows = [
            ("file", str(path)),
            ("name", info.name or "(none)"),
            ("architecture", info.architecture or "(unknown)"),
            ("parameters", f"{info.parameter_count:,}"),
            ("context length", f"{info.context_length:,}" if info.context_length else "?"),
            ("layers", str(shape.layers) if shape else "?"),
            ("chat template", "yes" if info.has_chat_template else "no (base model prompts)"),
            ("fill-in-the-middle tokens", "yes" if info.fill_in_middle_tokens else "no"),
            ("size", f"{path.stat().st_size:,} bytes"),
            (f"fit at {self.n_ctx} tokens", verdict.text),
        ]
        if model is not None:
            rows += [("sha256", model.sha256), ("source", model.repo or model.source)]
        for key, value in rows:
            print(f"{key:>26}: {value}")
        return 0


def models_command(argv: list[str]) -> int:
    """Run `writer-app models …`; errors become one line on stderr and a non-zero exit."""
    args = _parser().parse_args(argv)
    from writer_app.core.settings import load_settings

    paths = app_paths()
    try:
        command = ModelsCommand(paths.data_dir, load_settings(paths.settings_file).n_ctx)
        match args.command:
            case "list":
                return command.list()
            case "search":
                return command.search(args.query, args.files)
            case "download":
                return command.download(args.repo, args.file, args.revision)
            case "import":
                return command.import_file(args.path)
            case "remove":
                return command.remove(args.name)
            case _:
                return command.info(args.name)
    except (DownloadError, ModelFileError, OSError) as exc:
        complain(exc)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
