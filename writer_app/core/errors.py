"""Typed errors raised by the core; the GUI turns them into messages a writer understands."""

from __future__ import annotations


class WriterError(Exception):
    """Base class: every subclass carries a message written for the writer."""


class NotTextError(WriterError):
    """The file holds binary data, not text."""


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
