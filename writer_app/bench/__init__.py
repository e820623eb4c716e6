"""`writer-app bench`: the app's speed measured the way a writer feels it.

One module per measurement; `runner` runs them in one process, one after another, so
that their figures (and the direct llama-cpp-python baseline) come from the same run.
"""

SECTIONS = ("savings", "replay", "throughput", "responsiveness", "big_document", "startup")
