"""``python -m pipeline.extract``: see :mod:`pipeline.extract.command`."""

from pipeline.cli import exit_stage
from pipeline.extract.command import main

exit_stage(main())
