#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send crafted TCP/UDP packets at L2, fast (no scapy import under TCG).

  craft.py IFACE SMAC DMAC SPEC...

SPEC is PROTO,SRC,DST,SPORT,DPORT,FLAGS,COUNT,DSTEP: COUNT packets, source
ports SPORT, SPORT+1, ..., destination ports DPORT, DPORT+DSTEP, ...;
PROTO tcp (FLAGS of S, A, R, F; no options, no payload: 40 bytes over
IPv4, 60 over IPv6; with A the ack number is 5000) or udp (8 bytes of
payload "NNNNNNN\\n": 36 / 56 bytes). Every frame is built before the
first is sent; prints the seconds the sending took.
"""
import socket
import struct
import sys
import time


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(proto, src, dst, sport, dport, flags, i):
    v6 = ":" in dst
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    s, d = socket.inet_pton(fam, src), socket.inet_pton(fam, dst)
    if proto == "tcp":
        bits = sum({"F": 1, "S": 2, "R": 4, "A": 16}[c] for c in flags)
        l4 = struct.pack("!HHIIBBHHH", sport, dport, 1000 + i,
                         5000 if "A" in flags else 0, 5 << 4, bits, 8192,
                         0, 0)
        num = 6
    else:
        data = b"%07d\n" % i
        l4 = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        num = 17
    if v6:
        pseudo = s + d + struct.pack("!IxxxB", len(l4), num)
    else:
        pseudo = s + d + struct.pack("!xBH", num, len(l4))
    c = csum(pseudo + l4)
    off = 16 if proto == "tcp" else 6
    l4 = l4[:off] + struct.pack("!H", c or 0xFFFF) + l4[off + 2:]
    if v6:
        return 0x86DD, struct.pack("!IHBB", 6 << 28, len(l4), num, 64) + \
            s + d + l4
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64,
                     num, 0, s, d)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return 0x0800, ip + l4


def main():
    iface, smac, dmac = sys.argv[1:4]
    mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
    frames = []
    for spec in sys.argv[4:]:
        proto, src, dst, sport, dport, flags, count, step = spec.split(",")
        for i in range(int(count)):
            etype, pkt = packet(proto, src, dst, int(sport) + i,
                                int(dport) + i * int(step), flags, i)
            frames.append(mac(dmac) + mac(smac) + struct.pack("!H", etype) +
                          pkt)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    t = time.monotonic()
    for f in frames:
        sock.send(f)
    print("%.3f" % (time.monotonic() - t))


main()
