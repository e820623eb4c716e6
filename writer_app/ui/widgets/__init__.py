"""Pieces more than one feature of the window shows: the notice bar, the status line's
shape."""
