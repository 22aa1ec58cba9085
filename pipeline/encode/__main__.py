"""``python -m pipeline.encode``: see :mod:`pipeline.encode.command`."""

from pipeline.encode.command import main

raise SystemExit(main())
