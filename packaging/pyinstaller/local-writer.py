"""The frozen app's entry point: the same command line as `writer-app`."""

import sys

from writer_app.cli.main import main

sys.exit(main())
