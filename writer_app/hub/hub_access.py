"""What the app asks the Hugging Face Hub, through huggingface_hub: file facts and search.

huggingface_hub does what it does well here: endpoints (HF_ENDPOINT), tokens (HF_TOKEN,
or the one `hf auth login` stored under HF_HOME), URLs and the API's JSON. Every function
that contacts the Hub first refuses in offline mode (HF_HUB_OFFLINE), and none runs
unless the writer searches or downloads. The library is imported only then.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from writer_app.core.errors import (
    DownloadError,
    HubAuthError,
    HubNotFoundError,
    HubOfflineError,
    HubUnavailableError,
)
from writer_app.core.said import said

if TYPE_CHECKING:
    from huggingface_hub import HfApi

DEFAULT_ENDPOINT = "https://huggingface.co"
# A connection to the Hub (or the proxy) not made in this long means no network: the
# writer is told at once rather than after the library's retries (20 to 25 s).
REACH_TIMEOUT_S = 3.0
SEARCH_LIMIT = 30
_TRUE = {"1", "ON", "YES", "TRUE"}


@dataclass(frozen=True)
class RemoteFile:
    """One file of a Hub repository at a fixed commit, as the Hub describes it."""

    repo: str
    path: str  # the file's path inside the repository
    revision: str  # a commit hash once described
    size: int
    sha256: str | None  # the LFS hash; None for small files kept in git itself


def endpoint() -> str:
    """Return the Hub's address: HF_ENDPOINT, read at each call, or huggingface.co."""
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def is_offline() -> bool:
    return (os.environ.get("HF_HUB_OFFLINE") or "").upper() in _TRUE


def require_online() -> None:
    if is_offline():
        raise HubOfflineError(said("Downloads", "Offline mode is on (HF_HUB_OFFLINE), so Local "
                                                "Writer does not contact the Hub. Unset it to "
                                                "search or download models."))


def require_reachable() -> None:
    """Raise HubUnavailableError, in words, at once where the Hub (or the proxy to it)
    cannot be reached: no network, no name server, a refused connection."""
    proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or ""
    url = urlsplit(proxy or endpoint())
    host = url.hostname or ""
    port = url.port or (443 if url.scheme == "https" else 80)
    done, failed = threading.Event(), threading.Event()

    def connect() -> None:
        try:
            socket.create_connection((host, port), timeout=REACH_TIMEOUT_S).close()
        except OSError:
            failed.set()
        finally:
            done.set()

    # In a thread: a name lookup with no network can block far longer than the timeout.
    threading.Thread(target=connect, name="hub-reach", daemon=True).start()
    if not done.wait(REACH_TIMEOUT_S) or failed.is_set():
        raise HubUnavailableError(said("Downloads", "No network: {host} cannot be reached "
                                                    "from this computer. Check the "
                                                    "connection and try again; the models "
                                                    "already here still work.").format(
            host=host))


def auth_headers() -> dict[str, str]:
    """Return the headers the Hub expects, with the writer's token when there is one."""
    from huggingface_hub.utils import build_hf_headers

    from writer_app import __version__

    return build_hf_headers(library_name="local-writer", library_version=__version__)


def _api() -> HfApi:
    from huggingface_hub import HfApi

    return HfApi(endpoint=endpoint(), library_name="local-writer")


def translate_hub_error(exc: Exception, what: str) -> DownloadError:
    """Turn huggingface_hub's and the network's exceptions into a message for the writer."""
    from huggingface_hub import errors

    status = getattr(getattr(exc, "response", None), "status_code", None)
    # The Hub answers 401 for a repository that does not exist as for a private one.
    if isinstance(exc, errors.GatedRepoError) or (
            status in (401, 403) and not isinstance(exc, errors.RepositoryNotFoundError)):
        return HubAuthError(said(
            "Downloads", "The Hub refused access to {what}. If the model is gated, accept its "
            "terms on its Hugging Face page, then give Local Writer a token: set HF_TOKEN, or "
            "run `hf auth login`.").format(what=what))
    if isinstance(exc, errors.RepositoryNotFoundError | errors.RevisionNotFoundError
                  | errors.EntryNotFoundError) or status == 404:
        return HubNotFoundError(said(
            "Downloads", "The Hub has no {what} (or it is private: then set HF_TOKEN). Check "
            "the name.").format(what=what))
    if isinstance(exc, errors.OfflineModeIsEnabled):
        return HubOfflineError(str(exc))
    return HubUnavailableError(said(
        "Downloads", "The Hub could not be reached for {what} ({problem}). Check the "
        "connection, or try again later.").format(what=what,
                                                  problem=f"{type(exc).__name__}: {exc}"))


def _network_errors() -> tuple[type[Exception], ...]:
    import httpx2
    from huggingface_hub import errors

    return (errors.HfHubHTTPError, httpx2.HTTPError, OSError)


def describe_file(repo: str, path: str, revision: str | None = None) -> RemoteFile:
    """Ask the Hub for one file's size, LFS sha256 and commit."""
    require_online()
    try:
        info = _api().model_info(repo, revision=revision, files_metadata=True)
    except _network_errors() as exc:
        raise translate_hub_error(exc, said("Downloads", "model “{repo}”").format(
            repo=repo)) from exc
    for sibling in info.siblings or []:
        if sibling.rfilename == path:
            lfs = sibling.lfs
            size = lfs.size if lfs else sibling.size
            if size is None:
                break
            return RemoteFile(repo=repo, path=path, revision=info.sha or revision or "main",
                              size=size, sha256=lfs.sha256 if lfs else None)
    raise HubNotFoundError(said("Downloads", "The model “{repo}” has no file “{path}”.").format(
        repo=repo, path=path))


def gguf_files(repo: str) -> list[RemoteFile]:
    """List a repository's GGUF files with their sizes, at its latest commit."""
    require_online()
    try:
        info = _api().model_info(repo, files_metadata=True)
    except _network_errors() as exc:
        raise translate_hub_error(exc, said("Downloads", "model “{repo}”").format(
            repo=repo)) from exc
    files = []
    for sibling in info.siblings or []:
        if sibling.rfilename.lower().endswith(".gguf"):
            lfs = sibling.lfs
            size = (lfs.size if lfs else sibling.size) or 0
            files.append(RemoteFile(repo=repo, path=sibling.rfilename,
                                    revision=info.sha or "main", size=size,
                                    sha256=lfs.sha256 if lfs else None))
    return files


def search_gguf(query: str, limit: int = SEARCH_LIMIT) -> list[str]:
    """Return the ids of GGUF repositories matching `query`, most downloaded first."""
    require_online()
    require_reachable()
    try:
        models = _api().list_models(search=query, filter="gguf", sort="downloads",
                                    limit=limit)
        return [model.id for model in models]
    except _network_errors() as exc:
        raise translate_hub_error(exc, said("Downloads", "a search for “{query}”").format(
            query=query)) from exc


def resolve_url(remote: RemoteFile) -> str:
    """Return the Hub's download address of `remote` at its pinned commit."""
    from huggingface_hub import hf_hub_url

    return hf_hub_url(remote.repo, remote.path, revision=remote.revision, endpoint=endpoint())
