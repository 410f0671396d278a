#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Crafted frames for the selftests, without scapy (whose import alone
takes seconds under TCG).

  pkt.py IFACE SRCMAC DSTMAC SPEC...

  SPEC: "tcp SRC DST SPORT DPORT FLAGS SEQ ACK PAYLOAD_LEN"
          FLAGS: letters of F S R P A (e.g. S, SA, PA)
        "udp SRC DST SPORT DPORT PAYLOAD_LEN"
        "udp0 ..." as udp, without a checksum (0: IPv4 only)

The frames go out on IFACE (AF_PACKET) in order: IPv4 (no options, DF)
or IPv6 (no extension headers), TCP with window 8192 and no options.
IPv4 TCP = 40 bytes + payload, IPv6 60; UDP 28 and 48.
"""
import ipaddress
import socket
import struct
import sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(smac, dmac, spec):
    w = spec.split()
    src, dst = ipaddress.ip_address(w[1]), ipaddress.ip_address(w[2])
    sport, dport = int(w[3]), int(w[4])
    if w[0] == "tcp":
        flags = sum({"F": 1, "S": 2, "R": 4, "P": 8, "A": 16}[c] for c in w[5])
        l4 = struct.pack("!HHIIBBHHH", sport, dport, int(w[6]), int(w[7]),
                         5 << 4, flags, 8192, 0, 0) + b"x" * int(w[8])
        proto, coff = 6, 16
    elif w[0] in ("udp", "udp0"):
        n = int(w[5])
        l4 = struct.pack("!HHHH", sport, dport, 8 + n, 0) + b"y" * n
        proto, coff = 17, 6
    else:
        sys.exit("pkt.py: unknown protocol " + w[0])
    if src.version == 4:
        pseudo = src.packed + dst.packed + struct.pack("!BBH", 0, proto, len(l4))
    else:
        pseudo = src.packed + dst.packed + struct.pack("!I3xB", len(l4), proto)
    c = csum(pseudo + l4) or 0xFFFF
    if w[0] != "udp0":
        l4 = l4[:coff] + struct.pack("!H", c) + l4[coff + 2:]
    if src.version == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 0, 0x4000, 64,
                         proto, 0, src.packed, dst.packed)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        etype = 0x0800
    else:
        ip = struct.pack("!IHBB16s16s", 6 << 28, len(l4), proto, 64,
                         src.packed, dst.packed)
        etype = 0x86DD
    mac = bytes.fromhex(dmac.replace(":", "")) + bytes.fromhex(smac.replace(":", ""))
    return mac + struct.pack("!H", etype) + ip + l4


def main():
    iface, smac, dmac = sys.argv[1:4]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    for spec in sys.argv[4:]:
        s.send(frame(smac, dmac, spec))


if __name__ == "__main__":
    main()
