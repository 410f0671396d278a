// SPDX-License-Identifier: GPL-2.0
/*
 * synsend: a TCP SYN flood for the benchmark (bench/guest-syn.sh). Sends N
 * 60-byte frames (64 on the wire with the FCS: Ethernet, IPv4, TCP SYN,
 * padding) on one interface through an AF_PACKET socket, in sendmmsg()
 * batches, one source port per packet (SPORT_MIN..SPORT_MAX, wrapping) and
 * one destination address and port, so that every SYN is a new connection
 * attempt to one service. A full transmit ring (ENOBUFS, EAGAIN) is retried
 * until every frame is sent. The time runs from the first send until the
 * counter in RXFILE (the receiving NIC's rx_packets) has grown by N, or,
 * without RXFILE, until the last send returned.
 *
 * Waiting (for ring space, for the receiver's count): under icount the
 * guest clock advances with the instructions executed, and an idle guest's
 * clock leaps to the next deadline of the virtual clock. The NIC's ring is
 * drained by qemu, not by the guest: a guest that spins waiting for it
 * spends as many instructions as the host takes to get there. So the
 * sender waits idle, in short sleeps (-u, default 10 us): the clock then
 * leaps to the earlier of its timer and qemu's transmit timer (virtio-net
 * tx=timer runs on the virtual clock), the same every run. -s spins instead.
 *
 *   synsend [-q] [-s] [-u USEC] [-r RXFILE] [-b BATCH] IFNAME COUNT SRCMAC
 *           DSTMAC SRC DST SPORT_MIN SPORT_MAX DPORT
 *
 *   -q  PACKET_QDISC_BYPASS: straight to the driver, no qdisc
 *   -w  SO_SNDBUF (default 65536, which the kernel doubles): bounds the
 *       frames in flight, so that the sender waits before the ring is full
 *
 * Prints "PPS SENT RETRIES NANOSECONDS RXDELTA".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_LEN 60		/* 64 bytes on the wire with the FCS */
#define MAX_BATCH 256
#define WAIT_NS (10ULL * 1000000000ULL) /* for the receiver, guest time */

struct syn_frame {
	struct ether_header eth;
	struct iphdr ip;
	struct tcphdr tcp;
	uint8_t pad[FRAME_LEN - sizeof(struct ether_header) -
		    sizeof(struct iphdr) - sizeof(struct tcphdr)];
} __attribute__((packed));

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: synsend [-q] [-s] [-u USEC] [-r RXFILE] [-b BATCH] IFNAME COUNT\n"
		"               SRCMAC DSTMAC SRC DST SPORT_MIN SPORT_MAX DPORT\n");
	exit(2);
}

static unsigned long num(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > max) {
		fprintf(stderr, "synsend: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void mac(const char *s, uint8_t *m)
{
	if (sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
		   &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6) {
		fprintf(stderr, "synsend: bad MAC '%s'\n", s);
		exit(2);
	}
}

static uint32_t addr(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "synsend: bad IPv4 address '%s'\n", s);
		exit(2);
	}
	return a.s_addr;
}

/* one's complement sum of LEN bytes (even) in 16-bit words, unfolded */
static uint32_t sum16(const void *p, size_t len)
{
	const uint16_t *w = p;
	uint32_t s = 0;

	for (; len > 1; len -= 2)
		s += *w++;
	return s;
}

static uint16_t fold(uint32_t s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* waits idle for USEC microseconds, or not at all when spinning */
static void pause_us(unsigned long usec)
{
	struct timespec ts = { 0, usec * 1000 };

	if (usec)
		nanosleep(&ts, NULL);
}

/* the counter in FD (a sysfs statistics file), read from its start */
static unsigned long long counter(int fd)
{
	char buf[32];
	ssize_t n;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		die("read RXFILE");
	buf[n] = '\0';
	return strtoull(buf, NULL, 10);
}

int main(int argc, char **argv)
{
	static struct syn_frame frames[MAX_BATCH];
	static struct mmsghdr msgs[MAX_BATCH];
	static struct iovec iov[MAX_BATCH];
	struct syn_frame proto;
	struct sockaddr_ll sll;
	unsigned long count, sent = 0, retries = 0, batch = 64;
	unsigned long sport_min, sport_max, sport_n, dport;
	unsigned long long rx0 = 0, rx = 0;
	uint64_t t0, t1, deadline;
	uint32_t base;
	unsigned long wait_us = 10;
	int fd, rxfd = -1, bypass = 0, one = 1, sndbuf = 65536, opt;
	unsigned int i, off = 0, filled = 0;

	while ((opt = getopt(argc, argv, "qsu:w:r:b:")) != -1) {
		switch (opt) {
		case 'q':
			bypass = 1;
			break;
		case 's':
			wait_us = 0;
			break;
		case 'u':
			wait_us = num(optarg, 999999);
			break;
		case 'w':
			sndbuf = num(optarg, 1 << 30);
			break;
		case 'r':
			rxfd = open(optarg, O_RDONLY);
			if (rxfd < 0)
				die(optarg);
			break;
		case 'b':
			batch = num(optarg, MAX_BATCH);
			if (!batch)
				usage();
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 9)
		usage();
	argv += optind;
	count = num(argv[1], 1UL << 31);
	sport_min = num(argv[6], 65535);
	sport_max = num(argv[7], 65535);
	dport = num(argv[8], 65535);
	if (sport_max < sport_min)
		usage();
	sport_n = sport_max - sport_min + 1;

	memset(&proto, 0, sizeof(proto));
	mac(argv[2], proto.eth.ether_shost);
	mac(argv[3], proto.eth.ether_dhost);
	proto.eth.ether_type = htons(ETHERTYPE_IP);
	proto.ip.version = 4;
	proto.ip.ihl = 5;
	proto.ip.tot_len = htons(sizeof(struct iphdr) + sizeof(struct tcphdr));
	proto.ip.ttl = 64;
	proto.ip.protocol = IPPROTO_TCP;
	proto.ip.saddr = addr(argv[4]);
	proto.ip.daddr = addr(argv[5]);
	proto.ip.check = fold(sum16(&proto.ip, sizeof(proto.ip)));
	proto.tcp.dest = htons(dport);
	proto.tcp.doff = sizeof(struct tcphdr) / 4;
	proto.tcp.syn = 1;
	proto.tcp.window = htons(64240);
	/*
	 * The TCP checksum of every frame is this base (pseudo header and
	 * the header with source port, sequence number and checksum zero)
	 * plus the words that vary.
	 */
	base = sum16(&proto.ip.saddr, 8) + htons(IPPROTO_TCP) +
	       htons(sizeof(struct tcphdr)) + sum16(&proto.tcp, sizeof(proto.tcp));

	fd = socket(AF_PACKET, SOCK_RAW, 0);	/* protocol 0: receives nothing */
	if (fd < 0)
		die("socket");
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_IP);
	sll.sll_ifindex = if_nametoindex(argv[0]);
	if (!sll.sll_ifindex)
		die(argv[0]);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind");
	if (bypass && setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))
		die("PACKET_QDISC_BYPASS");
	/*
	 * Frames in flight (sent, not yet freed by the driver) are bounded by
	 * the send buffer: a sender that finds it full waits (EAGAIN) before
	 * the NIC's ring is full.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));

	for (i = 0; i < batch; i++) {
		iov[i].iov_base = &frames[i];
		iov[i].iov_len = sizeof(frames[i]);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	if (rxfd >= 0)
		rx0 = counter(rxfd);

	t0 = now_ns();
	while (sent < count) {
		unsigned int n = count - sent < batch ? count - sent : batch;
		int r;

		/* frames sent + i, for the i not sent yet of this batch */
		for (; filled < n; filled++) {
			struct syn_frame *f = &frames[filled];
			unsigned long k = sent + filled;
			uint16_t sport = htons(sport_min + k % sport_n);
			uint32_t seq = htonl(k * 7919);

			*f = proto;
			f->tcp.source = sport;
			f->tcp.seq = seq;
			f->tcp.check = fold(base + sport + (seq >> 16) + (seq & 0xffff));
		}
		r = sendmmsg(fd, msgs + off, n - off, MSG_DONTWAIT);
		if (r < 0) {
			if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR)
				die("sendmmsg");
			retries++;
			pause_us(wait_us);
			continue;
		}
		off += r;
		if (off == n) {
			sent += n;
			off = 0;
			filled = 0;
		}
	}
	t1 = now_ns();
	if (rxfd >= 0) {
		deadline = t1 + WAIT_NS;
		for (;;) {
			rx = counter(rxfd) - rx0;
			t1 = now_ns();
			if (rx >= count || t1 >= deadline)
				break;
			pause_us(wait_us);
		}
	}
	printf("%.0f %lu %lu %llu %llu\n", (double)sent * 1e9 / (double)(t1 - t0),
	       sent, retries, (unsigned long long)(t1 - t0), rx);
	return 0;
}
