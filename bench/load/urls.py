#!/usr/bin/env python3
"""Writes the request mix of bench/load_test.sh from a built site.

    urls.py PUBLIC_DIR OK_FILE MISSING_FILE

OK_FILE gets paths that must answer 2xx or 3xx, weighted like a reader's visit: about half
document pages, the rest the front page, the other pages (timeline, topics, …), folders
asked for without their slash (301), query strings, and the static assets (CSS, scripts,
search data). MISSING_FILE gets paths that do not exist and must answer 404.
"""
import random
import sys
from pathlib import Path


def main() -> None:
    public, ok_file, missing_file = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(1)
    pages, assets = [], []
    for path in sorted(public.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(public).as_posix()
        if rel.endswith("index.html"):
            pages.append("/" + rel[: -len("index.html")])
        elif not rel.endswith(".html"):
            assets.append("/" + rel)
    documents = [p for p in pages if p.startswith("/documents/")]
    others = [p for p in pages if p != "/" and not p.startswith("/documents/")]
    mix = []
    mix += [rng.choice(documents) for _ in range(500)]
    mix += ["/"] * 120
    mix += [rng.choice(others) for _ in range(120)] if others else []
    mix += [rng.choice(documents).rstrip("/") for _ in range(30)]
    mix += [rng.choice(documents) + "?from=load-test" for _ in range(30)]
    mix += [rng.choice(assets) for _ in range(200)] if assets else []
    rng.shuffle(mix)
    Path(ok_file).write_text("\n".join(mix) + "\n")
    missing = [f"/no-such-page-{i}/" for i in range(50)]
    missing += [f"/documents/no-such-document-{i}/" for i in range(50)]
    missing += [f"/static/missing-{i}.css" for i in range(50)]
    Path(missing_file).write_text("\n".join(missing) + "\n")
    print(f"{len(documents)} document pages, {len(others)} other pages, {len(assets)} assets")


if __name__ == "__main__":
    main()
