"""``python -m pipeline.report``: see :mod:`pipeline.report.command`."""

import sys

from pipeline.report.command import main

sys.exit(main())
