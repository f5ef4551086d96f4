#!/usr/bin/env python3
"""The loopback peers that make an MTA fail in its own words, for
tests/interop/ownwords.sh.

usage: listeners.py KIND:PORT...

KIND is
  silent  accepts the connection and never writes a byte (the MTA times
          out waiting for the greeting)
  stall   greets, then never answers (the MTA times out after EHLO)
  small   greets and answers EHLO with "SIZE 1000", so an MTA that reads
          SIZE gives up on a larger message before MAIL FROM
  dns     a DNS server on UDP 127.0.0.1:PORT that answers every query
          with NXDOMAIN (rcode 3), so a name of ".invalid" is not found
          without a query leaving the machine (the MTA's resolv.conf,
          in its mount namespace, names 127.0.0.1)
Every connection is logged to standard output. Loopback only.
"""
import socket
import sys
import threading


def log(*args):
    print(*args, flush=True)


def hold(conn, kind):
    try:
        if kind in ("stall", "small"):
            conn.sendall(b"220 peer.test ESMTP " + kind.encode() + b" listener\r\n")
        buf = b""
        while True:
            data = conn.recv(4096)
            if not data:
                return
            if kind != "small":
                continue
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                verb = line[:4].upper()
                if verb == b"EHLO":
                    conn.sendall(b"250-peer.test\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE 1000\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 2.0.0 Bye\r\n")
                    return
                else:
                    # Not reached with an MTA that honours SIZE: say so.
                    conn.sendall(b"250 2.0.0 Ok (small listener)\r\n")
    except OSError:
        pass
    finally:
        conn.close()


def tcp(kind, port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(16)
    while True:
        conn, peer = s.accept()
        log("%s:%d connection from %s:%d" % (kind, port, peer[0], peer[1]))
        threading.Thread(target=hold, args=(conn, kind), daemon=True).start()


def dns(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        q, peer = s.recvfrom(4096)
        if len(q) < 12:
            continue
        # Header: same id; QR=1, opcode and RD copied, RA=1, rcode 3;
        # the question echoed, no answers.
        flags = 0x8000 | (q[2] << 8 & 0x7900) | 0x0080 | 3
        end = 12
        while end < len(q) and q[end] != 0:
            end += q[end] + 1
        end += 5
        name = []
        i = 12
        while i < len(q) and q[i] != 0:
            name.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
            i += q[i] + 1
        log("dns:%d NXDOMAIN for %s" % (port, ".".join(name)))
        s.sendto(q[:2] + flags.to_bytes(2, "big") + b"\x00\x01\x00\x00\x00\x00\x00\x00" +
                 q[12:end], peer)


def main():
    threads = []
    for arg in sys.argv[1:]:
        kind, port = arg.split(":")
        target = (lambda p=int(port): dns(p)) if kind == "dns" else \
            (lambda k=kind, p=int(port): tcp(k, p))
        t = threading.Thread(target=target, daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
