"""Allow `python -m writer_app`."""

import sys

from writer_app.cli.main import main

sys.exit(main())
