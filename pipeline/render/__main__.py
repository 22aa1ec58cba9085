"""``python -m pipeline.render``: the render stage's command."""

from pipeline.render.stage import main

raise SystemExit(main())
