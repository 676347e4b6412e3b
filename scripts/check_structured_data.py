"""Check the structured data (schema.org JSON-LD) of a built site, offline.

    python scripts/check_structured_data.py site/
    python scripts/check_structured_data.py site/ --vocabulary ../shared/schemaorg

Prints one `page: problem` line per problem and a count on stderr; exits 1 when there is any
problem, 2 when the check cannot run. The rules are those of `helpfirst.tools.jsonld_check`.
Needs the test requirements (`pip install -r requirements-test.txt`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the check; the exit status tells the outcome."""
    parser = argparse.ArgumentParser(
        prog="check_structured_data", description=__doc__.splitlines()[0]
    )
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build's site/)")
    parser.add_argument(
        "--vocabulary",
        type=Path,
        metavar="DIR",
        help="a schema.org release folder (schemaorg-current-https.jsonld and "
        "schemaorgcontext.jsonld) to check against the whole vocabulary; by default the "
        "project's own facts for the types it emits are used",
    )
    parser.add_argument(
        "--site-url",
        metavar="URL",
        help="the site's address (default: the canonical link of SITE_DIR/index.html)",
    )
    args = parser.parse_args(argv)
    try:
        from helpfirst.tools.jsonld_check import Vocabulary, check_site
    except ImportError as error:
        print(
            f"check_structured_data: {error.name} is missing "
            "(install the test requirements: pip install -r requirements-test.txt)",
            file=sys.stderr,
        )
        return 2
    if not (args.site_dir / "index.html").is_file() and args.site_url is None:
        print(f"check_structured_data: {args.site_dir} is not a built site", file=sys.stderr)
        return 2
    vocabulary = None
    if args.vocabulary is not None:
        try:
            vocabulary = Vocabulary.from_release(args.vocabulary)
        except (OSError, ValueError, KeyError) as error:
            print(f"check_structured_data: cannot read {args.vocabulary}: {error}", file=sys.stderr)
            return 2
    findings, pages, blocks = check_site(args.site_dir, vocabulary, args.site_url)
    for finding in findings:
        print(finding)
    count = f"{len(findings)} problem{'' if len(findings) == 1 else 's'}"
    print(f"{pages} pages, {blocks} JSON-LD blocks: {count}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
