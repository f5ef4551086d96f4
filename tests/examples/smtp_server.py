#!/usr/bin/env python3
"""A tiny SMTP server on 127.0.0.1 for the examples' tests (one connection).

    smtp_server.py [--no-pipelining] [--chunk N] [--junk] [--huge-ehlo] [--hostile]

Prints the port it listens on, then serves one client: replies go out in
pieces of N bytes (with short pauses, so the client sees them split across
reads) and the replies to pipelined commands leave together, as a real
server's do. Recipients: nobody@... is unknown (550 5.1.1), full@... has a
full mailbox (452 4.2.2), grey@... is greylisted (450 4.7.1), anyone else
is accepted. --junk sends a line that is not an SMTP reply before the
greeting. --huge-ehlo answers EHLO with a 22 KB list (PIPELINING inside it).
--hostile sends junk lines (one of 100 KB) after the greeting and before
RCPT replies, answers RCPT to long@... with a 100,000-line 550 reply and
RCPT to endless@... with a 450 reply whose middle line is 1 MB long.
Loopback only; stops after QUIT, at end of input, or after 20 s.
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
huge_ehlo = "--huge-ehlo" in args
hostile = "--hostile" in args

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
if hostile:
    reply("HTTP/1.1 400 Bad Request\r\n" + "x" * 100000 + "\r\n")
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
        if verb == "EHLO" and huge_ehlo:
            reply("250-mx.test.example Hello\r\n")
            for i in range(320):
                reply("250-X-EXTENSION-%03d with-parameters-to-make-the-list-long\r\n" % i)
            reply("250-PIPELINING\r\n250 SIZE 10240000\r\n")
        elif verb == "EHLO":
            reply("250-mx.test.example Hello\r\n")
            if pipelining:
                reply("250-PIPELINING\r\n")
            reply("250-SIZE 10240000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n")
        elif verb == "MAIL":
            rcpts = 0
            reply("250 2.1.0 Ok\r\n")
        elif verb == "RCPT":
            addr = line.split("<", 1)[-1].rstrip(">")
            if hostile:
                reply("* junk between replies *\r\n")
            if hostile and addr.startswith("long@"):
                reply("550-5.1.1 <%s>: no\r\n" % addr)
                reply("550-5.1.1 line\r\n" * 99998)
                reply("550 5.1.1 end\r\n")
            elif hostile and addr.startswith("endless@"):
                reply("450-4.7.1 first\r\n450-" + "y" * (1 << 20) + "\r\n")
                reply("450 4.7.1 try again later\r\n")
            elif addr.startswith("nobody@"):
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
