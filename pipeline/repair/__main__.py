"""``python -m pipeline.repair``: see :mod:`pipeline.repair.command`."""

from pipeline.repair.command import main

raise SystemExit(main())
