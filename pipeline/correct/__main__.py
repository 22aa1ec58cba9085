"""``python -m pipeline.correct``: see :mod:`pipeline.correct.command`."""

from pipeline.cli import exit_stage
from pipeline.correct.command import main

exit_stage(main())
