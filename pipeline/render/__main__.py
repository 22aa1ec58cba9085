"""``python -m pipeline.render``: see :mod:`pipeline.render.command`."""

from pipeline.cli import exit_stage
from pipeline.render.command import main

exit_stage(main())
