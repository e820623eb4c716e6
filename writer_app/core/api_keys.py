"""Keep a remote engine's API key out of the settings file: in the system keychain where
one exists (macOS Keychain, Windows Credential Manager, the Secret Service on Linux
desktops), else in a file only the writer's account can read."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import WriterError
from writer_app.core.said import said
from writer_app.core.unreadable_files import set_aside

log = logging.getLogger(__name__)

SERVICE = "Local Writer"
KEYCHAIN = said("Engine", "the system keychain")


def _keychain() -> object | None:
    """Return keyring's backend if it is a real keychain, or None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "plaintext" in type(backend).__module__.lower():
        return None
    return backend


class ApiKeys:
    """Read and write API keys by server URL."""

    def __init__(self, fallback_file: Path) -> None:
        self._file = fallback_file

    def where(self) -> str:
        """Say where keys are kept, for Preferences."""
        if _keychain() is not None:
            return KEYCHAIN
        return said("Engine", "a file only your account can read ({file})").format(
            file=self._file)

    def get(self, url: str) -> str:
        backend = _keychain()
        if backend is not None:
            from keyring.errors import KeyringError

            try:
                return str(backend.get_password(SERVICE, url) or "")  # type: ignore[attr-defined]
            except KeyringError as exc:
                log.warning("The keychain did not give the key for %s: %s", url, exc)
                return ""
        return str(self._read_file().get(url, ""))

    def set(self, url: str, key: str) -> str:
        """Keep `key` for `url` ("" forgets it); return where it went."""
        backend = _keychain()
        if backend is not None:
            from keyring.errors import KeyringError, PasswordDeleteError

            try:
                if key:
                    backend.set_password(SERVICE, url, key)  # type: ignore[attr-defined]
                else:
                    with contextlib.suppress(PasswordDeleteError):
                        backend.delete_password(SERVICE, url)  # type: ignore[attr-defined]
                return KEYCHAIN
            except KeyringError as exc:
                raise WriterError(said("Engine", "The system keychain refused the API key "
                                                 "({problem}).").format(problem=exc)) from exc
        keys = self._read_file()
        if key:
            keys[url] = key
        else:
            keys.pop(url, None)
        self._file.parent.mkdir(parents=True, exist_ok=True)
        # Made private before the key is written: an atomic write keeps a file's mode.
        os.close(os.open(self._file, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self._file, 0o600)
        write_atomically(self._file, json.dumps(keys).encode("utf-8"))
        return self.where()

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            set_aside(self._file)  # its other keys stay there, not written over
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
