#!/usr/bin/env python3
"""The machine's own cost of a wake-up (issue 23): a loopback TCP ping-pong between two processes.

Usage: pingpong.py CPU_A CPU_B [ROUND_TRIPS]

One process pinned to CPU_A sends one byte over 127.0.0.1 (TCP_NODELAY), the other, pinned to CPU_B,
answers it; ROUND_TRIPS times (default 20000), after 1000 unmeasured. Prints one line:
"wall_us=… cpu_us=…": wall-clock µs per round trip and the CPU time (user + system) of both processes
per round trip. CPU_A == CPU_B measures the same on one core. Python's own cost per send/recv is in the
figures (a few µs): read cross-core against one-core, both measured the same way.
"""
import os
import resource
import socket
import sys
import time

WARMUP = 1000


def cpu_seconds(usage):
    return usage.ru_utime + usage.ru_stime


def main():
    cpu_a, cpu_b = int(sys.argv[1]), int(sys.argv[2])
    trips = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    child = os.fork()
    if child == 0:
        os.sched_setaffinity(0, {cpu_b})
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while conn.recv(1) == b"x":
            conn.sendall(b"y")
        os._exit(0)
    os.sched_setaffinity(0, {cpu_a})
    client = socket.create_connection(listener.getsockname())
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for _ in range(WARMUP):
        client.sendall(b"x")
        client.recv(1)
    # The child's CPU is read from its rusage at exit, so its warm-up is subtracted by rate below.
    self_before = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF))
    start = time.perf_counter()
    for _ in range(trips):
        client.sendall(b"x")
        client.recv(1)
    wall = time.perf_counter() - start
    self_cpu = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF)) - self_before
    client.sendall(b"q")
    client.close()
    _, _, usage = os.wait4(child, 0)
    # The child served WARMUP + trips round trips; its share of the measured ones.
    child_cpu = cpu_seconds(usage) * trips / (WARMUP + trips)
    print(f"wall_us={wall * 1e6 / trips:.1f} cpu_us={(self_cpu + child_cpu) * 1e6 / trips:.1f}")


if __name__ == "__main__":
    main()
