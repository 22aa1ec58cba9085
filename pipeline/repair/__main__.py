"""``python -m pipeline.repair``: see :mod:`pipeline.repair.command`."""

from pipeline.cli import exit_stage
from pipeline.repair.command import main

exit_stage(main())
