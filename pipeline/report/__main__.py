"""``python -m pipeline.report``: see :mod:`pipeline.report.command`."""

from pipeline.cli import exit_stage
from pipeline.report.command import main

exit_stage(main())
