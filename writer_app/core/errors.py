"""Typed errors raised by the core; the GUI turns them into messages a writer understands."""

from __future__ import annotations


class WriterError(Exception):
    """Base class: every subclass carries a message written for the writer."""


class NotTextError(WriterError):
    """The file holds binary data, not text."""


class DocumentTooLargeError(WriterError):
    """The file is larger than the editor opens."""


class InvalidEncodingError(WriterError):
    """The file is not valid in the encoding it appears to use."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class UnencodableTextError(WriterError):
    """The text holds characters the document's encoding cannot store."""


class SaveFailedError(WriterError):
    """Writing the file failed; the previous version on disk is intact."""


class ModelFileError(WriterError):
    """A model file is missing, is not GGUF, or is damaged."""


class ModelTooLargeError(WriterError):
    """The memory estimate says the model cannot fit this computer."""


class DownloadError(WriterError):
    """A model could not be fetched; what was already downloaded is kept unless said."""


class HubOfflineError(DownloadError):
    """Offline mode (HF_HUB_OFFLINE) is on, so the Hub is not contacted."""


class HubAuthError(DownloadError):
    """The Hub wants a token (a gated or private repository), or refused the one given."""


class HubNotFoundError(DownloadError):
    """The repository, revision or file does not exist on the Hub."""


class HubUnavailableError(DownloadError):
    """The Hub kept failing (network, stalls, 429, 5xx) after every retry."""


class NotEnoughSpaceError(DownloadError):
    """The disk holding the models folder is too full for this model."""


class ChecksumMismatchError(DownloadError):
    """The downloaded bytes are not the file the Hub describes; they were deleted."""


class UnsafeFileNameError(DownloadError):
    """A file name from the Hub would leave the models folder or is not a model."""
