"""The command line: `writer-app …`. No module here imports Qt; the window is started
through `writer_app.app` only when no subcommand is given."""
