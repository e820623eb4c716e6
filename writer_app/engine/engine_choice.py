"""Decide which engine writes: llama.cpp here, or the server the writer configured."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from writer_app.core.settings import Settings
from writer_app.engine.protocol import RemoteTarget

# For scripts and the command line: wins over the key kept for the server.
API_KEY_ENV = "LOCAL_WRITER_API_KEY"


def remote_target(settings: Settings, keys_file: Path, url: str | None = None,
                  model: str | None = None) -> RemoteTarget | None:
    """Return the server to write with, or None for the local engine.

    `url` (from the command line) wins over Preferences; its model is `model`, or the
    one chosen in Preferences when it is the same server. The key kept for the server is
    read by the engine process (`keys_file` is where it is when there is no keychain):
    a keychain may be slow to answer or ask to be unlocked, and the editor must not wait.
    """
    if url is None:
        if settings.engine != "remote" or not settings.remote_url:
            return None
        url, model = settings.remote_url, model or settings.remote_model
    elif model is None:
        model = settings.remote_model if url == settings.remote_url else ""
    return RemoteTarget(url, model or "", os.environ.get(API_KEY_ENV, ""),
                        settings.remote_prompts, str(keys_file))


def server_name(url: str) -> str:
    """Return the host (and port) the writer's text goes to, as the status bar says it."""
    parts = urlsplit(url if "//" in url else f"http://{url}")
    return parts.netloc or url
