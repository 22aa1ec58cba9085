"""``python -m pipeline.structure``: see :mod:`pipeline.structure.command`."""

import sys

from pipeline.structure.command import main

sys.exit(main())
