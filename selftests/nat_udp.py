#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""UDP ends for the NAT selftests.

  nat_udp.py serve PORT LOG
      Echo every datagram back to its sender and append "ADDR PORT" (the
      source as the server saw it, after NAT) to LOG. Dual stack.
  nat_udp.py ask DST DPORT SPORT [COUNT]
      From local port SPORT, connected to DST:DPORT: send COUNT (1)
      datagrams, one at a time, each waiting up to 3 s for its echo. Prints
      one word per datagram: "ok" (the echo came back), "refused" (an ICMP
      port unreachable that the kernel matched to this socket: its quoted
      addresses and ports are this socket's own, and its checksums are
      right, or icmp_rcv() would have dropped it) or "timeout".
  nat_udp.py quote SRC DST DPORT SPORT SMAC DMAC
      Send one datagram SRC:SPORT -> DST:DPORT, where nothing listens, as a
      frame on eth0 with a complete UDP checksum (a socket's datagram on
      veth carries only the pseudo-header sum, which no wire ever sees),
      and read the port unreachable that comes back on a raw socket.
      Checks, byte by byte, that it quotes the datagram as it was sent:
      the inner addresses, ports and payload, the inner IPv4 header
      checksum, the inner UDP checksum (the whole datagram is quoted) and
      the ICMP checksum (ICMPv6: with its pseudo-header). Prints "ok" or
      what is wrong.
      Prints "ok" or what is wrong.
  nat_udp.py ttl1 DST DPORT SPORT
      Like ask (its session then exists on the router), then the same flow
      again with a hop limit of 1: prints the source of the time exceeded
      that comes back quoting this flow's ports, or "none".
  nat_udp.py hold DST DPORT SPORT SECONDS
      Like ask with COUNT 1 (prints its word), then one more datagram a
      second for SECONDS, so that the flow's session stays alive.
"""
import socket
import struct
import sys
import time

import pkt


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def serve(port, log):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    with open(log, "a", buffering=1) as f:
        while True:
            data, peer = s.recvfrom(2048)
            addr = peer[0]
            if addr.startswith("::ffff:"):
                addr = addr[7:]
            f.write("%s %d\n" % (addr, peer[1]))
            s.sendto(data, peer)


def ask_one(s):
    s.send(b"flowstat nat\n")
    try:
        s.recv(2048)
        return "ok"
    except ConnectionRefusedError:
        return "refused"
    except socket.timeout:
        return "timeout"


def connect(dst, dport, sport):
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if ":" in dst else "0.0.0.0", sport))
    s.settimeout(3)
    s.connect((dst, dport))
    return s


def pseudo6(src, dst, length, nxt):
    return src + dst + struct.pack("!IxxxB", length, nxt)


def quote(me, dst, dport, sport, smac, dmac):
    v6 = ":" in dst
    fam = family(dst)
    raw = socket.socket(fam, socket.SOCK_RAW,
                        socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    raw.settimeout(3)
    out = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    out.bind(("eth0", 0))
    out.send(pkt.frame(smac, dmac, "udp %s %s %d %d 20" % (me, dst, sport, dport)))
    payload = b"y" * 20
    dst_b = socket.inet_pton(fam, dst)
    me_b = socket.inet_pton(fam, me)
    try:
        while True:
            got, peer = raw.recvfrom(4096)
            # IPv4 raw sockets see the IP header, IPv6 ones do not
            icmp = got if v6 else got[(got[0] & 0xF) * 4:]
            if icmp[0] == (1 if v6 else 3):
                break
    except socket.timeout:
        return "no error came back"
    errs = []
    if v6:
        # the ICMPv6 checksum covers a pseudo-header: our address and the
        # sender's, as delivered
        ph = pseudo6(socket.inet_pton(fam, peer[0]), me_b, len(icmp), 58)
        if pkt.csum(ph + icmp) != 0:
            errs.append("ICMPv6 checksum")
        inner = icmp[8:]
        isrc, idst = inner[8:24], inner[24:40]
        nxt, l4 = inner[6], inner[40:]
    else:
        if pkt.csum(icmp) != 0:
            errs.append("ICMP checksum")
        inner = icmp[8:]
        ihl = (inner[0] & 0xF) * 4
        if pkt.csum(inner[:ihl]) != 0:
            errs.append("inner IPv4 header checksum")
        isrc, idst = inner[12:16], inner[16:20]
        nxt, l4 = inner[9], inner[ihl:]
    if isrc != me_b:
        errs.append("inner source %s" % socket.inet_ntop(fam, isrc))
    if idst != dst_b:
        errs.append("inner destination %s" % socket.inet_ntop(fam, idst))
    if nxt != socket.IPPROTO_UDP:
        errs.append("inner protocol %d" % nxt)
    ports = struct.unpack("!HH", l4[:4])
    if ports != (sport, dport):
        errs.append("inner ports %d %d" % ports)
    if v6:
        ph = pseudo6(isrc, idst, len(l4), 17)
    else:
        ph = isrc + idst + struct.pack("!xBH", 17, len(l4))
    if l4[8:] != payload:
        errs.append("inner payload")
    elif pkt.csum(ph + l4) != 0:
        errs.append("inner UDP checksum")
    return "ok" if not errs else "wrong: " + ", ".join(errs)


def ttl1(dst, dport, sport):
    v6 = ":" in dst
    fam = family(dst)
    raw = socket.socket(fam, socket.SOCK_RAW,
                        socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    raw.settimeout(3)
    u = connect(dst, dport, sport)
    if ask_one(u) != "ok":
        return "no echo"
    if v6:
        u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 1)
    else:
        u.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 1)
    u.send(b"flowstat ttl\n")
    try:
        while True:
            got, peer = raw.recvfrom(4096)
            icmp = got if v6 else got[(got[0] & 0xF) * 4:]
            if icmp[0] != (3 if v6 else 11):
                continue
            inner = icmp[8:]
            l4 = inner[40:] if v6 else inner[(inner[0] & 0xF) * 4:]
            if struct.unpack("!HH", l4[:4]) == (sport, dport):
                return peer[0]
    except socket.timeout:
        return "none"


def main():
    mode = sys.argv[1]
    if mode == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    elif mode == "ask":
        count = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        s = connect(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        print(" ".join(ask_one(s) for _ in range(count)), flush=True)
    elif mode == "quote":
        print(quote(sys.argv[2], sys.argv[3], int(sys.argv[4]),
                    int(sys.argv[5]), sys.argv[6], sys.argv[7]), flush=True)
    elif mode == "ttl1":
        print(ttl1(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])), flush=True)
    elif mode == "hold":
        s = connect(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        print(ask_one(s), flush=True)
        end = time.monotonic() + float(sys.argv[5])
        while time.monotonic() < end:
            time.sleep(1)
            ask_one(s)
    else:
        sys.exit("usage: see the docstring")


if __name__ == "__main__":
    main()
