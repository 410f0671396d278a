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
  nat_udp.py hold DST DPORT SPORT SECONDS
      Like ask with COUNT 1 (prints its word), then one more datagram a
      second for SECONDS, so that the flow's session stays alive.
"""
import socket
import sys
import time


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


def main():
    mode = sys.argv[1]
    if mode == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    elif mode == "ask":
        count = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        s = connect(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        print(" ".join(ask_one(s) for _ in range(count)), flush=True)
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
