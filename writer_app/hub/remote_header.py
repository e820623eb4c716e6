"""Read a Hub GGUF file's architecture from its first bytes, to judge its fit exactly
before downloading it."""

from __future__ import annotations

import httpx2

from writer_app.core.errors import DownloadError, HubUnavailableError, ModelFileError
from writer_app.core.gguf_file import read_gguf_prefix
from writer_app.core.memory_fit import Architecture
from writer_app.core.said import said
from writer_app.hub.hub_access import RemoteFile, require_online, resolve_url
from writer_app.hub.hub_http import open_file

HEADER_BYTES = 512 * 1024  # the metadata before the tokenizer: a few KB; kept generous


def remote_shape(remote: RemoteFile, limit: int = HEADER_BYTES) -> Architecture | None:
    """Return the layer and KV-head shape from the file's header, or None if it is not
    within the first `limit` bytes."""
    require_online()
    data = bytearray()
    try:
        with httpx2.Client(timeout=httpx2.Timeout(15.0)) as client:
            response = open_file(client, resolve_url(remote), 0, limit - 1)
            try:
                if response.status_code not in (200, 206):
                    raise DownloadError(said("Downloads", "The Hub answered HTTP {status} for the "
                                                          "header of “{file}”.").format(
                        status=response.status_code, file=remote.path))
                # A server that ignores the range sends the whole file: stop reading early.
                for block in response.iter_bytes():
                    data += block
                    if len(data) >= limit:
                        break
            finally:
                response.close()
    except httpx2.HTTPError as exc:
        raise HubUnavailableError(said("Downloads", "The header of “{file}” could not be read "
                                                  "({problem}).").format(
            file=remote.path, problem=type(exc).__name__)) from exc
    try:
        return read_gguf_prefix(bytes(data[:limit])).shape
    except ModelFileError:
        return None
