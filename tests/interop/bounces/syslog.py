#!/usr/bin/env python3
"""A minimal syslog daemon for the Sendmail capture: receives what
syslog(3) sends to a Unix datagram socket and appends it to a file the way
rsyslog's traditional file format writes /var/log/mail.log:
"TIMESTAMP HOST TAG[PID]: MESSAGE" (the <PRI> prefix dropped, the host
name inserted after the 15-character timestamp that syslog(3) sends).

usage: syslog.py SOCKET LOGFILE HOSTNAME
"""
import os
import re
import socket
import sys

PRI = re.compile(rb"^<\d{1,3}>")


def main():
    path, logfile, host = sys.argv[1], sys.argv[2], sys.argv[3].encode()
    if os.path.exists(path):
        os.unlink(path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    os.chmod(path, 0o666)
    with open(logfile, "ab", buffering=0) as out:
        while True:
            data = s.recv(65536)
            data = PRI.sub(b"", data).rstrip(b"\n\0")
            if len(data) > 16 and data[15:16] == b" ":
                data = data[:16] + host + b" " + data[16:]
            # rsyslog escapes control characters on receipt
            # (parser.escapeControlCharactersOnReceive, on by default):
            # a line break inside a message is "#012" in mail.log
            data = re.sub(rb"[\x00-\x08\x0a-\x1f]",
                          lambda m: b"#%03o" % m.group(0)[0], data)
            out.write(data + b"\n")


if __name__ == "__main__":
    main()
