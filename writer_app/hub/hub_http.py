"""GET a Hub file, or a range of it, following the Hub's redirects to its file servers."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx2

from writer_app.hub.hub_access import auth_headers

MAX_REDIRECTS = 5


class TooManyRedirectsError(httpx2.TransportError):
    """The Hub kept redirecting: treated like a network fault, and retried."""


def open_file(client: httpx2.Client, url: str, first_byte: int = 0,
              last_byte: int | None = None) -> httpx2.Response:
    """Send GET for bytes first_byte..last_byte of `url`; return the streaming response.

    The token goes to the Hub only: a redirect to another host (a CDN's signed address)
    is followed without it. The caller closes the response.
    """
    headers = auth_headers()
    headers["Accept-Encoding"] = "identity"  # the bytes as stored, so ranges line up
    if first_byte or last_byte is not None:
        end = "" if last_byte is None else str(last_byte)
        headers["Range"] = f"bytes={first_byte}-{end}"
    hub_host = urlsplit(url).netloc
    for _ in range(MAX_REDIRECTS + 1):
        response = client.send(client.build_request("GET", url, headers=headers), stream=True)
        if not response.is_redirect:
            return response
        response.close()
        url = urljoin(url, response.headers["Location"])
        if urlsplit(url).netloc != hub_host:
            headers = {key: value for key, value in headers.items()
                       if key.lower() != "authorization"}
    raise TooManyRedirectsError(f"more than {MAX_REDIRECTS} redirects")
