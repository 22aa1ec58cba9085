"""``python -m pipeline.encode``: see :mod:`pipeline.encode`."""

from pipeline.encode.stage import main

raise SystemExit(main())
