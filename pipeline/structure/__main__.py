"""``python -m pipeline.structure``: see :mod:`pipeline.structure.command`."""

from pipeline.structure.command import main

raise SystemExit(main())
