"""``python -m bot`` runs the command line."""

import sys

from bot.shells.cli import main

sys.exit(main())
