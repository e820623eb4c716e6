"""Remote engines: servers that speak the OpenAI-compatible HTTP protocol."""
