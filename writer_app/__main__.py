"""Allow `python -m writer_app`."""

import sys

from writer_app.cli import main

sys.exit(main())
