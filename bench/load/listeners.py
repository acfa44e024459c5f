#!/usr/bin/env python3
"""Keeps many live-reload clients connected while bench/load_test.sh drives the server.

    listeners.py HOST:PORT COUNT SECONDS

Opens COUNT connections to /__casebook/events, prints READY once every one has its
`: connected` line, then reads them all for SECONDS. Prints one summary line:
RESULT listeners=N open_at_end=N built_min=N built_max=N failed_events=N
A listener whose connection closed or that never heard a rebuild is a failure the load test
reports.
"""
import selectors
import socket
import sys
import time


def main() -> None:
    host, port = sys.argv[1].rsplit(":", 1)
    count, seconds = int(sys.argv[2]), float(sys.argv[3])
    selector = selectors.DefaultSelector()
    seen = {}
    for _ in range(count):
        sock = socket.create_connection((host, int(port)), timeout=10)
        sock.sendall(b"GET /__casebook/events HTTP/1.1\r\nHost: preview\r\n\r\n")
        buffer = b""
        while b": connected\n\n" not in buffer:
            chunk = sock.recv(4096)
            if not chunk:
                raise SystemExit("a listener was closed before it connected")
            buffer += chunk
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
        seen[sock] = buffer.decode(errors="replace")
    print("READY", flush=True)
    closed = set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for key, _ in selector.select(timeout=0.5):
            sock = key.fileobj
            try:
                chunk = sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b""
            if not chunk:
                closed.add(sock)
                selector.unregister(sock)
                continue
            seen[sock] += chunk.decode(errors="replace")
    built = [text.count("event: built") for text in seen.values()]
    failed = sum(text.count("event: failed") for text in seen.values())
    print(
        f"RESULT listeners={count} open_at_end={count - len(closed)} "
        f"built_min={min(built)} built_max={max(built)} failed_events={failed}",
        flush=True,
    )


if __name__ == "__main__":
    main()
