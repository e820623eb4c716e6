"""Download one model file so that no byte is fetched twice and no bad byte is installed.

huggingface_hub 2.4 downloads into a temporary file it deletes on failure, so a transfer
cut at 90 % starts again from zero in the next run. Here the bytes go to
`.partial/NAME.part` beside a record of what they are (repository, commit, size, LFS
sha256); any later attempt, in this process or the next, asks the server only for the
rest (HTTP Range). Stalls, dropped connections, 429 and 5xx answers are retried with
exponential backoff; a writer's stop keeps the bytes for a later resume. The finished file
must match the Hub's sha256 and parse as GGUF before it is moved into the models folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx2

from writer_app.core.errors import (
    ChecksumMismatchError,
    DownloadError,
    HubAuthError,
    HubNotFoundError,
    HubUnavailableError,
    ModelFileError,
    NotEnoughSpaceError,
)
from writer_app.core.gguf_file import check_model_file
from writer_app.core.said import message_of, said
from writer_app.hub.file_names import safe_model_name
from writer_app.hub.hub_access import RemoteFile, require_online, resolve_url
from writer_app.hub.hub_http import open_file
from writer_app.hub.model_store import (
    COPY_BLOCK,
    InstalledModel,
    ModelStore,
    PartialDownload,
    disk_free,
)

SPACE_MARGIN = 64 * 1024 * 1024  # room left for the manifest, settings and the OS
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@dataclass(frozen=True)
class DownloadOptions:
    stall_seconds: float = 30.0  # no byte for this long: drop the connection and retry
    connect_seconds: float = 15.0
    max_failures: int = 8  # consecutive failed attempts without a byte of progress
    backoff_seconds: float = 1.0  # doubled after each failure…
    backoff_max_seconds: float = 60.0  # …up to this
    retry_after_max_seconds: float = 300.0


@dataclass
class Progress:
    """Where a download stands; `speed` is bytes per second over the last seconds."""

    done: int
    total: int
    speed: float = 0.0
    resumed_from: int = 0
    _samples: list[tuple[float, int]] = field(default_factory=list, repr=False)

    @property
    def seconds_left(self) -> float | None:
        if self.speed <= 0:
            return None
        return (self.total - self.done) / self.speed

    def advance(self, done: int, now: float) -> None:
        self.done = done
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > 5.0:
            self._samples.pop(0)
        first_time, first_done = self._samples[0]
        if now > first_time:
            self.speed = (done - first_done) / (now - first_time)


ProgressCallback = Callable[[Progress], None]


@dataclass
class _Job:
    """One file's transfer: where its bytes go and how far it got."""

    remote: RemoteFile
    part: Path
    progress: Progress
    stop: threading.Event
    on_progress: ProgressCallback | None
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    def report(self) -> None:
        if self.on_progress:
            self.on_progress(self.progress)


class _RangeIgnoredError(Exception):
    """The server ignored or misread the range: the partial file must start over."""


class _RetryableError(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), cap)


class Downloader:
    """Fetch Hub files into a ModelStore; one call of `download` per file."""

    def __init__(self, store: ModelStore, options: DownloadOptions | None = None, *,
                 free_space: Callable[[Path], int] = disk_free) -> None:
        self.store = store
        self.options = options or DownloadOptions()
        self._free_space = free_space

    def download(self, remote: RemoteFile, stop: threading.Event | None = None,
                 on_progress: ProgressCallback | None = None, *,
                 expected_sha256: str | None = None) -> InstalledModel | None:
        """Download `remote`, resuming any earlier partial; None if `stop` was set.

        `expected_sha256` is the catalogue's pin: a Hub file that differs is refused
        before a byte is fetched. Raises DownloadError (and subclasses) with a message
        for the writer.
        """
        require_online()
        if expected_sha256 and remote.sha256 != expected_sha256:
            raise ChecksumMismatchError(said(
                "Downloads", "The Hub's “{file}” is not the file the catalogue pins (its sha256 "
                "differs), so it was not downloaded.").format(file=remote.path))
        stop = stop or threading.Event()
        name = safe_model_name(remote.path)
        if remote.sha256:
            existing = self.store.find_by_sha256(remote.sha256)
            if existing is not None:
                return existing
        name = self.store.free_name(name, (remote.repo, remote.path))
        with self.store.download_lock(name):
            return self._download_locked(remote, name, stop, on_progress)

    def _download_locked(self, remote: RemoteFile, name: str, stop: threading.Event,
                         on_progress: ProgressCallback | None) -> InstalledModel | None:
        part = self.store.partial_path(name)
        record = PartialDownload(name=name, have=0, size=remote.size, sha256=remote.sha256,
                                 repo=remote.repo, hub_file=remote.path,
                                 revision=remote.revision)
        earlier = self.store.read_partial(name)
        if earlier is None or (earlier.size, earlier.sha256, earlier.revision) != (
                record.size, record.sha256, record.revision):
            part.unlink(missing_ok=True)  # a different file's bytes: never mix them
        have = part.stat().st_size if part.exists() else 0
        if have > remote.size:
            part.unlink()
            have = 0
        self._check_space(remote.size - have)
        self.store.write_partial(record)
        job = _Job(remote=remote, part=part, stop=stop, on_progress=on_progress,
                   progress=Progress(done=have, total=remote.size, resumed_from=have))
        if have:
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(COPY_BLOCK), b""):
                    job.digest.update(block)
        job.report()
        if not self._transfer(job):
            return None
        return self._install(remote, name, part, job.digest.hexdigest())

    def _check_space(self, needed: int) -> None:
        free = self._free_space(self.store.folder)
        if free < needed + SPACE_MARGIN:
            raise NotEnoughSpaceError(said(
                "Downloads", "Not enough disk space: this model needs {needed} GB more, and the "
                "disk holding {folder} has {free} GB free. Free some space, or remove a model "
                "you no longer use, then try again.").format(
                needed=f"{needed / 1e9:.2f}", folder=self.store.folder,
                free=f"{free / 1e9:.2f}"))

    def _transfer(self, job: _Job) -> bool:
        """Fetch the missing bytes, retrying; return False if the writer stopped it."""
        options = self.options
        remote, progress, stop = job.remote, job.progress, job.stop
        url = resolve_url(remote)
        failures = 0
        timeout = httpx2.Timeout(options.connect_seconds, read=options.stall_seconds)
        with httpx2.Client(timeout=timeout, follow_redirects=False) as client:
            while progress.done < remote.size:
                if stop.is_set():
                    return False
                before = progress.done
                try:
                    self._fetch_once(client, url, job)
                except _RangeIgnoredError:
                    job.part.unlink(missing_ok=True)
                    job.digest = hashlib.sha256()
                    progress.done = progress.resumed_from = 0
                    failures += 1
                    wait: float | None = 0.0
                    reason = said("Downloads", "the server did not honour the range")
                except _RetryableError as exc:
                    failures = 0 if progress.done > before else failures + 1
                    wait, reason = exc.wait, str(exc)
                except (httpx2.TransportError, httpx2.StreamError) as exc:
                    failures = 0 if progress.done > before else failures + 1
                    wait, reason = None, f"{type(exc).__name__}"
                if stop.is_set():
                    return False
                if progress.done >= remote.size:
                    break
                if failures >= options.max_failures:
                    raise HubUnavailableError(said(
                        "Downloads", "The download of “{file}” keeps failing ({reason}). What "
                        "was downloaded ({done} MB) is kept: try again later and it resumes "
                        "where it stopped.").format(file=remote.path, reason=reason,
                                                    done=f"{progress.done / 1e6:.0f}"))
                if wait is None:
                    wait = min(options.backoff_max_seconds,
                               options.backoff_seconds * 2 ** max(failures - 1, 0))
                    wait *= random.uniform(0.8, 1.2)  # keep many clients from syncing
                if stop.wait(wait):
                    return False
        return True

    def _fetch_once(self, client: httpx2.Client, url: str, job: _Job) -> None:
        remote, progress = job.remote, job.progress
        response = open_file(client, url, progress.done)
        try:
            self._check_status(response, remote, progress.done)
            with job.part.open("ab") as handle:
                try:
                    for block in response.iter_bytes():  # as it arrives: a cut loses nothing
                        if progress.done + len(block) > remote.size:
                            raise _RangeIgnoredError
                        handle.write(block)
                        job.digest.update(block)
                        progress.advance(progress.done + len(block), time.monotonic())
                        job.report()
                        if job.stop.is_set():
                            return
                    handle.flush()
                    os.fsync(handle.fileno())
                except OSError as exc:
                    if exc.errno in _DISK_FULL:
                        raise NotEnoughSpaceError(said(
                            "Downloads", "The disk filled up while downloading “{file}”. What "
                            "was downloaded is kept: free some space and resume.").format(
                            file=remote.path)) from exc
                    raise
        finally:
            response.close()

    def _check_status(self, response: httpx2.Response, remote: RemoteFile, have: int) -> None:
        status = response.status_code
        what = said("Downloads", "“{file}” of {repo}").format(file=remote.path,
                                                               repo=remote.repo)
        if status == 206:
            start = response.headers.get("Content-Range", "").removeprefix("bytes ")
            if not start.startswith(f"{have}-"):
                raise _RangeIgnoredError
            return
        if status == 200:
            if have:
                raise _RangeIgnoredError  # the server sends the whole file again
            return
        if status == 416 and have:
            raise _RangeIgnoredError
        if status in (401, 403):
            raise HubAuthError(said(
                "Downloads", "The Hub refused the download of {what}. If the model is gated, "
                "accept its terms on its Hugging Face page, then set HF_TOKEN or run `hf auth "
                "login`.").format(what=what))
        if status == 404:
            raise HubNotFoundError(said("Downloads", "The Hub has no file {what} at that "
                                                     "revision.").format(what=what))
        if status == 429 or status >= 500:
            wait = _retry_after(response.headers.get("Retry-After"),
                                self.options.retry_after_max_seconds)
            raise _RetryableError(f"HTTP {status}", wait)
        raise DownloadError(said("Downloads", "The Hub answered HTTP {status} for {what}.")
                            .format(status=status, what=what))

    def _install(self, remote: RemoteFile, name: str, part: Path,
                 sha256: str) -> InstalledModel:
        if remote.sha256 and sha256 != remote.sha256:
            self.store.discard_partial(name)
            raise ChecksumMismatchError(said(
                "Downloads", "The downloaded “{file}” is damaged: its sha256 does not match the "
                "Hub's, so it was deleted. Download it again.").format(file=remote.path))
        try:
            check_model_file(part)
        except ModelFileError as exc:
            self.store.discard_partial(name)
            raise DownloadError(said("Downloads", "“{file}” is not a usable GGUF model: "
                                                  "{problem}").format(
                file=remote.path, problem=message_of(exc))) from exc
        model = InstalledModel(name=name, size=remote.size, sha256=sha256, source="download",
                               repo=remote.repo, revision=remote.revision,
                               hub_file=remote.path)
        installed = self.store.install(part, model)
        self.store.discard_partial(name)
        return installed
