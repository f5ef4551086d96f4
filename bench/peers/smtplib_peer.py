#!/usr/bin/env python3
"""The benchmark's Python peer: smtplib's reply reading (SMTP.getreply).

    python3 smtplib_peer.py CORPUS RUNS MIN_MS

smtplib reads replies from sock.makefile('rb'), a BufferedReader over the
socket. Here the socket is a stand-in whose makefile() gives a
BufferedReader over the corpus in memory, so getreply() runs exactly as on a
connection, minus the system calls. One pass reads every reply of the
corpus; time is the process's CPU time, the median of RUNS runs of at least
MIN_MS each after MIN_MS untimed, as in bench.c. Prints one line:
    RESULT replies=N bytes=N ns_per_reply=X mb_s=X ns_min=X ns_max=X
(ns_per_reply is the median run's; ns_min and ns_max the fastest and
slowest run's.)
"""
import io
import smtplib
import sys
import time


class CorpusSocket:
    """Just enough of a socket for SMTP.getreply()."""

    def __init__(self, data):
        self.data = data

    def makefile(self, mode):
        return io.BufferedReader(io.BytesIO(self.data), 4096)

    def close(self):
        pass


def one_pass(data):
    client = smtplib.SMTP()  # no host: does not connect
    client.sock = CorpusSocket(data)
    n = 0
    try:
        while True:
            client.getreply()
            n += 1
    except smtplib.SMTPServerDisconnected:  # the end of the corpus
        pass
    return n


def main():
    path, runs, min_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    data = open(path, "rb").read()
    times = []
    n = 0
    start = time.process_time_ns()  # warm-up, not timed, as in bench.c
    while time.process_time_ns() - start < min_ms * 1e6:
        one_pass(data)
    for _ in range(max(runs, 1)):
        passes = 0
        start = time.process_time_ns()
        while True:
            n = one_pass(data)
            passes += 1
            elapsed = time.process_time_ns() - start
            if elapsed >= min_ms * 1e6:
                break
        times.append(elapsed / passes)
    times.sort()
    per_pass = times[len(times) // 2]
    print("RESULT replies=%d bytes=%d ns_per_reply=%.2f mb_s=%.2f ns_min=%.2f ns_max=%.2f"
          % (n, len(data), per_pass / n, len(data) / per_pass * 1e3,
             times[0] / n, times[-1] / n))


if __name__ == "__main__":
    main()
