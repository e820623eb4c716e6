"""Local Writer: a desktop writing assistant with a language model on the writer's machine."""

__version__ = "0.1.0"
