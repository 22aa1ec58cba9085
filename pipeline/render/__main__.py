"""``python -m pipeline.render``: see :mod:`pipeline.render.command`."""

from pipeline.render.command import main

raise SystemExit(main())
