"""``python -m pipeline.encode``: see :mod:`pipeline.encode.command`."""

from pipeline.cli import exit_stage
from pipeline.encode.command import main

exit_stage(main())
