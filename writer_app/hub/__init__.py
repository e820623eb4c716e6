"""Models on disk and on the Hugging Face Hub: the store, the Hub's metadata, downloads.

Plain Python (no Qt). Nothing here opens a connection until a function that searches or
downloads is called.
"""
