#!/usr/bin/env python3
"""Throws malformed and oversized HTTP requests at the preview while bench/load_test.sh drives it.

    attacks.py HOST:PORT SECONDS

Every ~100 ms, on a new connection, one of the requests below (in turn). A complete request
must get an answer (any status but 5xx) or a closed connection within 5 s; only the slow,
unfinished request is expected to get nothing. Prints one line per kind and then
RESULT sent=N answered=N closed=N hung=N unexpected_hangs=N connect_failed=N status_5xx=N
"""
import collections
import socket
import sys
import time

TIMEOUT = 5.0

# (name, request bytes, complete?)
ATTACKS = [
    ("binary garbage", b"\xff\xfe\x00\x13\x10\r\n\r\n", True),
    ("not HTTP", b"NONSENSE\r\n\r\n", True),
    ("HTTP/0.9", b"GET /\r\n\r\n", True),
    ("unknown version", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", True),
    ("POST with a body", b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", True),
    ("OPTIONS *", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("absolute-form URL", b"GET http://elsewhere.invalid/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("no Host header", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", True),
    ("bad percent-encoding", b"GET /%ff%fe%00/..%2f..%2f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("NUL in the path", b"GET /\x00/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("URL of 20 KB", b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("URL of 1 MB", b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("header of 1 MB", b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"b" * 1_000_000 + b"\r\nConnection: close\r\n\r\n", True),
    ("10,000 headers", b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(10_000)) + b"Connection: close\r\n\r\n", True),
    ("non-ASCII header", b"GET / HTTP/1.1\r\nHost: x\r\nX-Name: \xc3\xa9\xff\r\nConnection: close\r\n\r\n", True),
    ("huge Content-Length, no body", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n", True),
    ("broken chunked body", b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nnonsense\r\n", True),
    ("odd Range", b"GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=999999999-\r\nConnection: close\r\n\r\n", True),
    ("50 pipelined requests", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 49 + b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", True),
    ("unfinished request held open", b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", False),
]


def attack(address, request: bytes, complete: bool) -> str:
    """Sends one request; returns 'status NNN', 'closed', 'reset' or 'hung'."""
    try:
        sock = socket.create_connection(address, timeout=TIMEOUT)
    except OSError as error:
        return f"connect failed: {error}"
    with sock:
        sock.settimeout(TIMEOUT if complete else 1.0)
        try:
            sock.sendall(request)
        except OSError:
            pass  # the server may answer and close before reading everything
        received = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
                if not complete and received:
                    break
        except socket.timeout:
            if not received:
                return "hung"
        except ConnectionResetError:
            if not received:
                return "reset"
        if not received:
            return "closed"
        if request.count(b"GET / HTTP/1.1") == 50:
            return f"status {received[9:12].decode(errors='replace')} x{received.count(b'HTTP/1.1 ')}"
        return f"status {received[9:12].decode(errors='replace')}"


def main() -> None:
    host, port = sys.argv[1].rsplit(":", 1)
    address = (host, int(port))
    seconds = float(sys.argv[2])
    outcomes = collections.defaultdict(collections.Counter)
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        name, request, complete = ATTACKS[n % len(ATTACKS)]
        outcomes[name][attack(address, request, complete)] += 1
        n += 1
        time.sleep(0.1)
    totals = collections.Counter()
    for name, _, complete in ATTACKS:
        results = outcomes[name]
        print(f"  {name}: " + ", ".join(f"{k} ({v})" for k, v in sorted(results.items())))
        for outcome, count in results.items():
            totals["sent"] += count
            if outcome.startswith("status"):
                totals["answered"] += count
                if outcome.startswith("status 5"):
                    totals["status_5xx"] += count
            elif outcome == "hung":
                totals["hung"] += count
                if complete:
                    totals["unexpected_hangs"] += count
            elif outcome.startswith("connect failed"):
                totals["connect_failed"] += count
            else:
                totals["closed"] += count
    keys = ["sent", "answered", "closed", "hung", "unexpected_hangs", "connect_failed", "status_5xx"]
    print("RESULT " + " ".join(f"{k}={totals[k]}" for k in keys), flush=True)


if __name__ == "__main__":
    main()
