#!/usr/bin/env python3
"""Capture a real SMTP server's raw reply bytes, for libsmtpreply's test data.

    capture.py SCRIPT OUT_PREFIX (--connect HOST:PORT | --exec 'COMMAND ...')

Runs the session in SCRIPT (see scripts/README) against a server on the
loopback interface (--connect; only 127.0.0.1 and ::1 are accepted) or a
server that talks SMTP on its stdin/stdout (--exec, e.g. `exim -bh`).
Writes OUT_PREFIX.txt (every byte the server sent, as received, CR LF and
all) and OUT_PREFIX.cmds (one line per reply: the command it answered).

Deciding where a reply ends is done with the simplest possible rule (the
first line that starts with three digits followed by a space or the line
end) and a time-out; this only paces the session and names the replies, it
is not a parser: the captured bytes are saved untouched, whatever they are.
A step without a command reads the next reply without sending anything (the
greeting, or a second reply such as a 421 sent right after an error).
"""
import os
import re
import select
import shlex
import socket
import subprocess
import sys
import time

FINAL = re.compile(rb"^[0-9]{3}(?: |\r?$)")


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            i += 2
            if n == "r":
                out += b"\r"
            elif n == "n":
                out += b"\n"
            elif n == "t":
                out += b"\t"
            elif n == "s":
                out += b" "
            elif n == "\\":
                out += b"\\"
            elif n == "x":
                out.append(int(s[i:i + 2], 16))
                i += 2
            else:
                raise ValueError("bad escape \\" + n)
            continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def read_script(path):
    """Lines: NAME CODE ENH [>COMMAND]; '#' starts a comment line."""
    steps = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            head, sep, cmd = line.partition(">")
            words = head.split()
            if not words:
                raise ValueError("%s: bad line %r" % (path, line))
            name = words[0]
            steps.append((name, unescape(cmd) + b"\r\n" if sep else None))
    return steps


class Conn:
    def __init__(self, connect=None, execute=None):
        self.proc = None
        self.sock = None
        if connect:
            host, _, port = connect.rpartition(":")
            host = host.strip("[]")
            if host not in ("127.0.0.1", "::1"):
                sys.exit("capture.py: only 127.0.0.1 and ::1 allowed, not %r" % host)
            fam = socket.AF_INET6 if ":" in host else socket.AF_INET
            deadline = time.time() + 15
            while True:
                try:
                    self.sock = socket.socket(fam, socket.SOCK_STREAM)
                    self.sock.connect((host, int(port)))
                    break
                except OSError:
                    self.sock.close()
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
            self.rfd = self.sock.fileno()
        else:
            self.proc = subprocess.Popen(shlex.split(execute), stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            self.rfd = self.proc.stdout.fileno()

    def send(self, data):
        if self.sock:
            self.sock.sendall(data)
        else:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def recv(self, timeout):
        r, _, _ = select.select([self.rfd], [], [], timeout)
        if not r:
            return None
        return os.read(self.rfd, 65536)

    def close(self):
        if self.sock:
            self.sock.close()
        else:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Replies:
    """Splits what the server sends into replies, one per call."""

    def __init__(self, conn):
        self.conn = conn
        self.buf = b""
        self.eof = False

    def next(self, timeout):
        """(bytes of the next reply, "ok" | "eof" | "timeout")."""
        deadline = time.time() + timeout
        while True:
            pos = 0
            while True:
                nl = self.buf.find(b"\n", pos)
                if nl < 0:
                    break
                if FINAL.match(self.buf[pos:nl].rstrip(b"\r")):
                    got, self.buf = self.buf[:nl + 1], self.buf[nl + 1:]
                    return got, "ok"
                pos = nl + 1
            if self.eof:
                got, self.buf = self.buf, b""
                return got, "eof"
            left = deadline - time.time()
            chunk = self.conn.recv(left) if left > 0 else None
            if chunk is None:
                return b"", "timeout"
            if chunk == b"":
                self.eof = True
            self.buf += chunk


def main():
    args = sys.argv[1:]
    if len(args) != 4 or args[2] not in ("--connect", "--exec"):
        sys.exit(__doc__)
    script, prefix, how, target = args
    steps = read_script(script)
    conn = Conn(connect=target if how == "--connect" else None,
                execute=target if how == "--exec" else None)
    replies = Replies(conn)
    data = b""
    names = []
    for name, cmd in steps:
        if cmd is not None:
            try:
                conn.send(cmd)
            except OSError as e:
                print("capture.py: %s: send failed: %s" % (name, e), file=sys.stderr)
                break
        got, why = replies.next(10)
        if got:
            data += got
            names.append(name)
        print("%-10s %-8s %r" % (name, why, got[:100]), file=sys.stderr)
        if why != "ok":
            break
    conn.close()
    with open(prefix + ".txt", "wb") as f:
        f.write(data)
    with open(prefix + ".cmds", "w") as f:
        f.write("".join(n + "\n" for n in names))


if __name__ == "__main__":
    main()
