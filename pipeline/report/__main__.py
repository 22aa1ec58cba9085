"""``python -m pipeline.report``: see :mod:`pipeline.report.command`."""

from pipeline.report.command import main

raise SystemExit(main())
