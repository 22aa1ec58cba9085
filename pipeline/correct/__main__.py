"""``python -m pipeline.correct``: see :mod:`pipeline.correct.command`."""

from pipeline.correct.command import main

raise SystemExit(main())
