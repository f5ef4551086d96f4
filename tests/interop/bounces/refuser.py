#!/usr/bin/env python3
"""A loopback SMTP server that refuses recipients of refuse.test as
table.tsv says and keeps every other message (the MTAs' bounces) as a
file.

usage: refuser.py PORT TABLE OUTDIR [PORT...]

(further PORTs: the same server there too, say, for an MTA's bounces to
travel on sessions of their own.)

OUTDIR/sent.tsv records each refusal it actually sent (client port,
recipient, command, reply lines joined by " | "); OUTDIR/inbox/N.eml
holds each message accepted for another domain, as received (dot
unstuffed, CRLF line ends); OUTDIR/accepted/N.eml each message accepted
for refuse.test recipients only (a table row whose reply is 2xx).

A recipient's local part is read without a "+tag" (unknown+multi is
unknown): one message can carry several of the table's recipients; a
reply that names the table's "<LOCAL@refuse.test>" names the recipient
really given instead ("<unknown+multi@refuse.test>"). A row
for MAIL refuses the MAIL command of a sender with that local part at
sender.test (the recipient is not known yet; sent.tsv names LOCAL@refuse.test,
the recipient the capture sends that message to).
"""
import os
import socket
import socketserver
import sys
import threading

DOMAIN = "refuse.test"
SILENCE = 120  # seconds the "-" answer stays quiet (the MTAs give up first)


def load_table(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            local, command, reply = line.split("\t")
            lines = None if reply == "-" else reply.split(" | ")
            table[local] = (command, lines)
    return table


class State:
    lock = threading.Lock()
    count = 0


def address(arg):
    """The address inside <...> of a MAIL FROM:/RCPT TO: argument."""
    start, end = arg.find("<"), arg.find(">")
    if start < 0 or end < start:
        return arg.split(":", 1)[-1].strip()
    return arg[start + 1:end]


class Handler(socketserver.StreamRequestHandler):
    def send(self, lines):
        self.wfile.write(b"".join(l.encode("utf-8") + b"\r\n" for l in lines))
        self.wfile.flush()

    def refuse(self, rcpt, command, lines):
        port = self.client_address[1]
        with State.lock, open(self.server.sent, "a", encoding="utf-8") as f:
            f.write("%d\t%s\t%s\t%s\n" % (port, rcpt, command,
                                            "-" if lines is None else " | ".join(lines)))
        if lines is None:
            self.request.settimeout(SILENCE)
            try:
                self.rfile.read(1)
            except OSError:
                pass
            return False
        self.send(lines)
        return not lines[-1].startswith("421")

    def rule(self, rcpt, command):
        local, _, domain = rcpt.partition("@")
        local = local.split("+", 1)[0]
        if command == "MAIL":
            entry = self.server.table.get(local.lower()) \
                if domain.lower() == "sender.test" else None
            return entry if entry and entry[0] == "MAIL" else None
        if domain.lower() != DOMAIN:
            return None
        entry = self.server.table.get(local.lower())
        if entry is None:
            return ("RCPT", ["550 5.1.1 No such recipient here (not in the table)"])
        if entry[0] != command:
            return None
        # A reply that names the table's address names the one really
        # given ("<nouser+multi@refuse.test>" for nouser+multi), as a
        # server does: a bounce that reports one recipient's refusal for
        # another (nullmailer) then shows whose refusal it is.
        table_address = "<%s@%s>" % (local.lower(), DOMAIN)
        if entry[1] is not None and rcpt.lower() != table_address[1:-1]:
            return (entry[0], [l.replace(table_address, "<%s>" % rcpt)
                               for l in entry[1]])
        return entry

    def handle(self):
        self.send(["220 mx.refuse.test ESMTP refuser (libsmtpreply capture server)"])
        rcpts = []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO",):
                self.send(["250-mx.refuse.test", "250-8BITMIME", "250-ENHANCEDSTATUSCODES",
                           "250 SIZE 10240000"])
            elif verb == "HELO":
                self.send(["250 mx.refuse.test"])
            elif verb == "MAIL":
                rcpts = []
                sender = address(line[4:])
                r = self.rule(sender, "MAIL")
                if r:
                    if not self.refuse(sender.split("@")[0].split("+")[0] + "@" + DOMAIN,
                                       "MAIL", r[1]):
                        return
                    continue
                self.send(["250 2.1.0 Sender ok"])
            elif verb == "RCPT":
                rcpt = address(line[4:])
                r = self.rule(rcpt, "RCPT")
                if r and r[1] and r[1][0][:1] == "2":
                    rcpts.append(rcpt)  # a row that accepts
                    self.send(r[1])
                elif r:
                    if not self.refuse(rcpt, "RCPT", r[1]):
                        return
                else:
                    rcpts.append(rcpt)
                    self.send(["250 2.1.5 Recipient ok"])
            elif verb == "DATA":
                if not rcpts:
                    self.send(["554 5.5.1 No valid recipients"])
                    continue
                r = next((self.rule(x, "DATA") for x in rcpts if self.rule(x, "DATA")), None)
                if r:
                    if not self.refuse(",".join(rcpts), "DATA", r[1]):
                        return
                    continue
                self.send(["354 End data with <CR><LF>.<CR><LF>"])
                body = []
                while True:
                    raw = self.rfile.readline(1 << 20)
                    if not raw:
                        return
                    if raw in (b".\r\n", b".\n"):
                        break
                    if raw.startswith(b"."):
                        raw = raw[1:]
                    body.append(raw.rstrip(b"\r\n") + b"\r\n")
                r = next((self.rule(x, "DOT") for x in rcpts if self.rule(x, "DOT")), None)
                if r:
                    if not self.refuse(",".join(rcpts), "DOT", r[1]):
                        return
                    continue
                with State.lock:
                    State.count += 1
                    n = State.count
                mine = all(x.rpartition("@")[2].lower() == DOMAIN for x in rcpts)
                name = os.path.join(self.server.accepted if mine else self.server.inbox,
                                    "%03d.eml" % n)
                with open(name, "wb") as f:
                    f.write(b"".join(body))
                self.send(["250 2.0.0 Ok: kept as %03d" % n])
            elif verb == "RSET":
                rcpts = []
                self.send(["250 2.0.0 Ok"])
            elif verb == "NOOP":
                self.send(["250 2.0.0 Ok"])
            elif verb == "QUIT":
                self.send(["221 2.0.0 Bye"])
                return
            else:
                self.send(["502 5.5.2 Command not implemented"])


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    port, table, outdir = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(os.path.join(outdir, "inbox"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "accepted"), exist_ok=True)
    servers = []
    for p in [port] + [int(x) for x in sys.argv[4:]]:
        server = Server(("127.0.0.1", p), Handler)
        server.table = load_table(table)
        server.sent = os.path.join(outdir, "sent.tsv")
        server.inbox = os.path.join(outdir, "inbox")
        server.accepted = os.path.join(outdir, "accepted")
        servers.append(server)
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
