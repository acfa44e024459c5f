#!/usr/bin/env python3
"""Edits a pack's content files while bench/load_test.sh drives the server.

    editor.py CONTENT_DIR SECONDS

Every 100-200 ms it saves one document: mostly a valid edit (a paragraph at the end changes),
sometimes a broken save (front matter left open, or a TOML type error) that the next save
repairs. Half the saves write the file in place, half write a temporary file and rename it
over the document, as editors do. At the end every file gets its original bytes back. Prints
one summary line: RESULT saves=N valid=N broken=N repairs=N.
"""
import os
import random
import sys
import time
from pathlib import Path


def save(path: Path, text: str, rng: random.Random) -> None:
    if rng.random() < 0.5:
        path.write_text(text)
    else:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text)
        os.replace(temporary, path)


def broken(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        # The closing +++ is lost: the front matter never ends.
        head, _, body = text.partition("\n+++\n")
        return head + "\n" + body
    return text.replace("title = ", "title = [", 1)


def main() -> None:
    content, seconds = Path(sys.argv[1]), float(sys.argv[2])
    rng = random.Random(7)
    files = sorted(p for p in content.rglob("*") if p.suffix in (".md", ".txt"))
    originals = {p: p.read_text() for p in files}
    counts = {"saves": 0, "valid": 0, "broken": 0, "repairs": 0}
    broken_file = None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(rng.uniform(0.1, 0.2))
        if broken_file is not None:
            save(broken_file, originals[broken_file], rng)
            broken_file = None
            counts["repairs"] += 1
        elif rng.random() < 0.15:
            broken_file = rng.choice(files)
            save(broken_file, broken(originals[broken_file], rng), rng)
            counts["broken"] += 1
        else:
            path = rng.choice(files)
            edited = originals[path].rstrip("\n") + f"\n\nEdited in the load test, revision r{counts['saves']}.\n"
            save(path, edited, rng)
            counts["valid"] += 1
        counts["saves"] += 1
    for path, text in originals.items():
        save(path, text, rng)
    print("RESULT " + " ".join(f"{k}={v}" for k, v in counts.items()), flush=True)


if __name__ == "__main__":
    main()
