"""``python -m pipeline.structure``: see :mod:`pipeline.structure.command`."""

from pipeline.cli import exit_stage
from pipeline.structure.command import main

exit_stage(main())
