"""``python -m pipeline.extract``: see :mod:`pipeline.extract.command`."""

from pipeline.extract.command import main

raise SystemExit(main())
