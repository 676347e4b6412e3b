"""The authoring tools (`kb`), run from a checkout as `python scripts/kb.py <subcommand>`."""

import sys

from helpfirst.cli import main

if __name__ == "__main__":
    sys.exit(main())
