"""Check every internal link, image, script and stylesheet of a built site, offline.

    python scripts/check_links.py SITE_DIR

Prints one `page: problem: target` line per broken reference and exits 1 when there is any.
Links to other hosts are not fetched; absolute links to the site's own address (from the home
page's canonical link) are checked like relative ones.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpfirst.tools import built_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"check_links.py: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return 2
    broken = built_site.broken_links(built_site.read_site(args.site))
    for link in broken:
        print(link)
    print(f"check_links.py: {len(broken)} broken link(s)", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
