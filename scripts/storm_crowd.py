"""A disconnect storm against a running server, for scripts/storm.sh: CLIENTS clients
open /export/large-csv or /events (half each), read until the body has started, and
leave at once; ROUNDS times. Prints the server's resident set (its PID is given) before,
with the crowd, and for 30 s after each storm once its idle blocking threads are gone;
fails if it is then above 1.5x where it was.

    python3 scripts/storm_crowd.py PORT PID [CLIENTS] [ROUNDS]
"""
import asyncio
import sys
import time

PATHS = ["/export/large-csv", "/events"]


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


async def open_stream(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    await writer.drain()
    got = b""
    while True:
        chunk = await reader.read(4096)
        if not chunk:
            raise RuntimeError(f"{path}: closed before its body")
        got += chunk
        end = got.find(b"\r\n\r\n")
        if end >= 0 and len(got) > end + 4:
            break
    if not got.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"{path}: {got[:40]!r}")
    return writer


async def wait_threads(pid, at_most, timeout=30.0):
    """Waits until the server is back to at most `at_most` threads (tokio lets an idle
    blocking thread go after 10 s)."""
    deadline = time.monotonic() + timeout
    while status(pid, "Threads") > at_most and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
    return status(pid, "Threads")


async def rss_after(pid, seconds=30):
    """The resident set every 2 s for `seconds` (the allocator hands freed pages back
    over ~10 s, in steps): the series, in MiB, and its last value."""
    series = []
    for _ in range(seconds // 2):
        await asyncio.sleep(2)
        series.append(status(pid, "VmRSS"))
    return series[-1], " ".join(f"{kib / 1024:.0f}" for kib in series)


async def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    # One of each first, so that what is allocated once is in the baseline.
    for path in PATHS:
        (await open_stream(port, path)).close()
    threads_before = await wait_threads(pid, 0, timeout=15.0)
    before = status(pid, "VmRSS")
    print(f"storm crowd: server RSS before {before} KiB, {threads_before} threads")
    worst = 0.0
    for round_ in range(1, rounds + 1):
        crowd = await asyncio.gather(
            *(open_stream(port, PATHS[i % 2]) for i in range(clients))
        )
        peak, peak_threads = status(pid, "VmRSS"), status(pid, "Threads")
        for writer in crowd:
            writer.transport.abort()
        threads = await wait_threads(pid, threads_before)
        after, series = await rss_after(pid)
        worst = max(worst, after / before)
        print(
            f"storm crowd {round_}: {clients} clients; server RSS with the crowd {peak} KiB "
            f"({peak_threads} threads); once their threads are gone ({threads} left), "
            f"every 2 s: {series} MiB; 30 s later {after} KiB, {after / before:.3f}x before"
        )
    print(f"storm crowd: worst RSS after a storm {worst:.3f}x before")
    return worst


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(main()) <= 1.5 else 1)
