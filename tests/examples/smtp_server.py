#!/usr/bin/env python3
"""A tiny SMTP server on 127.0.0.1 for the examples' tests (one connection).

    smtp_server.py [--no-pipelining] [--chunk N] [--junk]

Prints the port it listens on, then serves one client: replies go out in
pieces of N bytes (with short pauses, so the client sees them split across
reads) and the replies to pipelined commands leave together, as a real
server's do. Recipients: nobody@... is unknown (550 5.1.1), full@... has a
full mailbox (452 4.2.2), grey@... is greylisted (450 4.7.1), anyone else
is accepted. --junk sends a line that is not an SMTP reply before the
greeting. Loopback only; stops after QUIT, at end of input, or after 20 s.
"""
import select
import signal
import socket
import sys
import time

args = sys.argv[1:]
pipelining = "--no-pipelining" not in args
chunk = int(args[args.index("--chunk") + 1]) if "--chunk" in args else 0
junk = "--junk" in args

signal.alarm(20)
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
conn, _ = srv.accept()
out = bytearray()


def flush():
    global out
    if chunk:
        for i in range(0, len(out), chunk):
            conn.sendall(out[i:i + chunk])
            time.sleep(0.002)
    elif out:
        conn.sendall(out)
    out = bytearray()


def reply(text):
    out.extend(text.encode())


if junk:
    reply("HTTP/1.0 400 what is this\r\n")
reply("220 mx.test.example ESMTP ready\r\n")
flush()
buf = b""
in_data = False
rcpts = 0
while True:
    data = conn.recv(65536)
    if not data:
        break
    buf += data
    quit_seen = False
    while True:
        if in_data:
            end = buf.find(b"\r\n.\r\n")
            if end < 0:
                break
            buf = buf[end + 5:]
            in_data = False
            reply("250 2.0.0 Ok: queued as 4TestQ1d\r\n")
            continue
        nl = buf.find(b"\n")
        if nl < 0:
            break
        line, buf = buf[:nl].rstrip(b"\r").decode("latin-1"), buf[nl + 1:]
        verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
        if verb == "EHLO":
            reply("250-mx.test.example Hello\r\n")
            if pipelining:
                reply("250-PIPELINING\r\n")
            reply("250-SIZE 10240000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n")
        elif verb == "MAIL":
            rcpts = 0
            reply("250 2.1.0 Ok\r\n")
        elif verb == "RCPT":
            addr = line.split("<", 1)[-1].rstrip(">")
            if addr.startswith("nobody@"):
                reply("550-5.1.1 <%s>: Recipient address rejected:\r\n"
                      "550 5.1.1 User unknown in virtual mailbox table\r\n" % addr)
            elif addr.startswith("full@"):
                reply("452 4.2.2 <%s>: Mailbox full, try again later\r\n" % addr)
            elif addr.startswith("grey@"):
                reply("450 4.7.1 <%s>: Recipient address rejected: Greylisted, "
                      "see https://postgrey.example/\r\n" % addr)
            else:
                rcpts += 1
                reply("250 2.1.5 Ok\r\n")
        elif verb == "DATA":
            if rcpts:
                reply("354 End data with <CR><LF>.<CR><LF>\r\n")
                in_data = True
            else:
                reply("554 5.5.1 Error: no valid recipients\r\n")
        elif verb == "QUIT":
            reply("221 2.0.0 Bye\r\n")
            quit_seen = True
            break
        else:
            reply("502 5.5.2 Error: command not recognized\r\n")
    # Pipelining: answer once nothing more is waiting to be read.
    if quit_seen or not select.select([conn], [], [], 0.05)[0]:
        flush()
    if quit_seen:
        break
conn.close()
