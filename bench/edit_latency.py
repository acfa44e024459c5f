#!/usr/bin/env python3
"""Median time from saving one document to `casebook serve` announcing the rebuild.

usage: edit_latency.py CASEBOOK_BINARY PACK_DIR EDITS [--template | --in-sentence]

Starts `casebook serve --port 0` on the pack, listens on its live-reload channel, appends a
paragraph to one document EDITS times (waiting for each rebuild), and prints two medians of
(time a `built` notice arrived - time the file was written): to the first notice, sent once
the rebuild's pages are written ("edit to page and dependent pages written, and the browser
told"), and to the notice marked complete, sent once the search index, print edition, data
exports and feeds are written too. The document is restored afterwards.

With --in-sentence, each edit changes a word inside the first sentence-bearing paragraph of
the document instead (" the " becomes " the editedN "), so the sentences quoted for its index
terms and dates change: the term pages and timeline that quote them are made again.

With --template, each edit rewrites a template of the pack's own (`templates/bench-edit.html`,
removed afterwards) instead: a template change, which renders every page again without
reading the sources again.
"""
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main():
    binary, pack, edits = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    template = "--template" in sys.argv[4:]
    in_sentence = "--in-sentence" in sys.argv[4:]
    if template:
        templates = pack / "templates"
        made_folder = not templates.exists()
        templates.mkdir(exist_ok=True)
        doc = templates / "bench-edit.html"
        original = None
    else:
        doc = sorted((pack / "content").glob("*.md"))[len(list((pack / "content").glob("*.md"))) // 2]
        original = doc.read_bytes()
    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", str(pack), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        address = None
        for line in server.stdout:
            if "at http://" in line:
                address = line.split("at http://")[1].split("/")[0]
                break
        host, port = address.rsplit(":", 1)
        events = socket.create_connection((host, int(port)))
        events.sendall(b"GET /__casebook/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        events.settimeout(600)
        buffer = b""
        while b": connected\n\n" not in buffer:
            buffer += events.recv(65536)
        buffer = b""
        pages, complete = [], []
        for i in range(edits):
            time.sleep(0.3)
            if template:
                text = f"{{# Benchmark edit number {i}. #}}\n".encode()
            elif in_sentence:
                text = edited_sentence(original, i)
            else:
                text = original + f"\n\nBenchmark edit number {i}.\n".encode()
            started = time.perf_counter()
            doc.write_bytes(text)
            first = None
            while True:
                while b"\n\n" not in buffer:
                    received = events.recv(65536)
                    if not received:
                        sys.exit("the server closed the live-reload channel")
                    buffer += received
                notice, buffer = buffer.split(b"\n\n", 1)
                elapsed = time.perf_counter() - started
                if b"event: failed" in notice:
                    sys.exit(f"edit {i} did not build: {notice.decode()}")
                if b"event: built" not in notice:
                    continue
                first = first if first is not None else elapsed
                # Builds from before the two-step rebuild send one notice, without "complete".
                if json.loads(notice.split(b"data: ", 1)[1]).get("complete", True):
                    pages.append(first)
                    complete.append(elapsed)
                    break
        print(
            f"{statistics.median(pages) * 1000:.0f} ms to the pages, "
            f"{statistics.median(complete) * 1000:.0f} ms to the whole rebuild"
        )
        print(
            "each edit, to the pages: " + ", ".join(f"{t * 1000:.0f}" for t in pages),
            file=sys.stderr,
        )
    finally:
        server.terminate()
        server.wait()
        if original is not None:
            doc.write_bytes(original)
        else:
            doc.unlink(missing_ok=True)
            if made_folder:
                doc.parent.rmdir()


def edited_sentence(original, i):
    """The document with " the " changed inside its first prose paragraph after the front
    matter."""
    front, body = original.split(b"\n+++\n", 1)
    blocks = body.split(b"\n\n")
    for number, block in enumerate(blocks):
        if block[:1].isalpha() and b" the " in block:
            blocks[number] = block.replace(b" the ", f" the edited{i} ".encode(), 1)
            return front + b"\n+++\n" + b"\n\n".join(blocks)
    sys.exit("no prose paragraph with \" the \" to edit")


if __name__ == "__main__":
    main()
