#!/usr/bin/env python3
"""A DNS server that answers every query with NXDOMAIN, for the captures
of MTAs that look up MX records themselves (chasquid): the MTA then falls
back to the domain's address (RFC 5321 5.1), which /etc/hosts of its mount
namespace gives as 127.0.0.1. UDP only, on a loopback address given as
the only argument (port 53).

usage: nxdns.py 127.0.0.2
"""
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 12:
        continue
    # the query's id and question; QR=1, its opcode and RD, RA=1, rcode 3
    flags = bytes([0x80 | (q[2] & 0x79), 0x80 | 3])
    s.sendto(q[:2] + flags + q[4:6] + b"\0\0\0\0\0\0" + q[12:], peer)
