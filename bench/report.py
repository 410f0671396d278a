#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Table and JSON of one bench/guest.sh run (called by bench/run.sh).

Raw lines: CASE MODE REP PPS SENT DELIVERED. Per case and mode the figure
is the median of the repeats; the spread is (max - min) / median. Ratios
are to bare's median in the same run. The drop case (denied) compares
drop rates: flowstat's against nft's.

Counter read: "ifread N FORMAT REP REAL_MS USER_MS SYS_MS REQUESTS SHOWN",
the time `flowstat show interfaces` (FORMAT text or json) takes over N zone
interfaces, the netlink requests it sends and the interfaces it lists. The
target applies to its CPU time, user + sys: under icount, elapsed time also
holds the guest clock's leaps while the host serves file reads (exec over
9p), which a router does not have and which vary from run to run.
"""
import argparse
import datetime
import json
import statistics
import sys

# case: (what it is, flowstat target ratio to bare, nft ratio in performance.md)
CASES = {
    "warmup": ("warm-up (bare, one-way flow, discarded)", None, None),
    "established": ("one flow, established (primed both ways)", 0.95, 0.874),
    "oneway": ("one flow, one-way (never replied)", 0.95, 0.778),
    "new": ("new session on every packet (50,000 source ports)", 0.85, 0.737),
    "denied": ("denied by policy (dropped): drop pps", None, None),
    "scale": ("new sessions, N policies/rules before the matching one", 0.80, 0.008),
    "sess1k": ("one established flow, 1,000 live sessions", None, None),
    "sess100k": ("one established flow, 100,000 live sessions", None, None),
    "sess1m": ("one established flow, 1,000,000 live sessions", None, None),
    "synflood": ("64-byte SYNs over the syn-flood threshold, virtio-net: drop pps", None, None),
    "snat": ("one flow, established, source NAT to the egress interface "
             "(nft: masquerade)", 0.95, None),
    "snatnew": ("new session on every packet, source NAT with port translation "
                "(nft: masquerade)", None, None),
    "pool10": ("new sessions through a one-address pool, 10% of its ports held", None, None),
    "pool90": ("new sessions through a one-address pool, 90% of its ports held", None, None),
}
POOL_TARGET = 0.95  # flowstat pool90 / pool10: "about 1.0"
SESS_TARGET = 0.90  # flowstat at 1M sessions / flowstat at 1k sessions
SPREAD_FLAG = 0.01
IFREAD_TARGET_MS = 100
SYN_MODES = ("bare", "xdpdrop", "nftraw", "nftdrop", "flowstat")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--raw", required=True)
    ap.add_argument("--json", required=True)
    for a in ("packets", "scale-packets", "pool-packets", "repeats", "fill", "seconds"):
        ap.add_argument("--" + a, type=int, default=0)
    ap.add_argument("--sink", default="host")
    o = ap.parse_args()

    runs = {}
    order = []
    ifread = {}
    complete = False
    screen = []  # synflood: (rep, dropped by the screen, expected)
    natchecks = []  # NAT cases: did the router translate (guest-nat.sh)
    with open(o.raw) as f:
        for line in f:
            w = line.split()
            if w and w[0] == "end":
                complete = True
                continue
            if w and w[0] == "ifread" and len(w) == 9:
                key = f"{w[1]} {w[2]}"
                ifread.setdefault(key, []).append(
                    {"interfaces": int(w[1]), "rep": int(w[3]), "real_ms": int(w[4]),
                     "user_ms": int(w[5]), "sys_ms": int(w[6]),
                     "requests": int(w[7]), "shown": int(w[8])})
                continue
            if len(w) >= 5 and w[0] == "natcheck":
                natchecks.append({"case": w[1], "mode": w[2], "rep": w[3],
                                  "ok": w[4] != "fail", "status": w[4],
                                  "what": " ".join(w[5:])})
                continue
            if len(w) == 5 and w[0] == "synflood-screen":
                screen.append((int(w[2]), int(w[3]), int(w[4])))
                continue
            if len(w) not in (6, 7):
                continue
            case, mode, rep, pps, sent, dlv = w[0], w[1], int(w[2]), int(w[3]), int(w[4]), int(w[5])
            att = int(w[6]) if len(w) == 7 else 1
            if case not in order:
                order.append(case)
            runs.setdefault(case, {}).setdefault(mode, []).append(
                {"rep": rep, "pps": pps, "sent": sent, "delivered": dlv, "attempts": att})

    problems = []
    notes = []
    res = {}
    for case in order:
        res[case] = {"description": CASES.get(case, ("?",))[0]}
        for mode, rs in runs[case].items():
            ok = [r["pps"] for r in rs if r["pps"] > 0]
            e = {"runs": rs}
            if len(ok) != len(rs):
                problems.append(f"{case} {mode}: {len(rs) - len(ok)} measurement(s) failed")
            if ok:
                med = statistics.median(ok)
                e.update(median_pps=med, min_pps=min(ok), max_pps=max(ok),
                         spread=(max(ok) - min(ok)) / med)
            # what should have reached the receiving host
            for r in rs:
                if r["pps"] == 0:
                    continue
                if case == "denied" and mode != "bare":
                    want = 0
                else:
                    # the primed flow's first datagram (its reply goes back)
                    primed = case in ("established", "snat") or case.startswith("sess")
                    want = r["sent"] + (1 if primed else 0)
                if r["attempts"] > 1 and r["delivered"] == want:
                    notes.append(f"{case} {mode} #{r['rep']}: measured again "
                                 f"({r['attempts'] - 1} run(s) lost packets)")
                if r["delivered"] != want and mode == "nft" and case.startswith("pool"):
                    notes.append(f"{case} {mode} #{r['rep']}: {r['delivered']} packets "
                                 f"delivered of {want}: nf_nat found no free port for the rest")
                elif r["delivered"] != want:
                    problems.append(f"{case} {mode} #{r['rep']}: {r['delivered']} packets "
                                    f"delivered, expected {want}")
            res[case][mode] = e
        bare = res[case].get("bare", {}).get("median_pps")
        for mode in ("nft", "flowstat"):
            e = res[case].get(mode)
            if e and bare and "median_pps" in e:
                e["ratio"] = e["median_pps"] / bare
        _, target, nft_ref = CASES.get(case, (None, None, None))
        fs = res[case].get("flowstat", {})
        nft = res[case].get("nft", {})
        if case == "snatnew":
            res[case]["target"] = "flowstat ratio > nft ratio"
            if "ratio" in fs and "ratio" in nft:
                res[case]["pass"] = fs["ratio"] > nft["ratio"]
        if case == "denied":
            res[case]["target"] = "flowstat drop pps >= nft drop pps"
            if "median_pps" in fs and "median_pps" in nft:
                res[case]["flowstat_vs_nft"] = fs["median_pps"] / nft["median_pps"]
                res[case]["pass"] = fs["median_pps"] >= nft["median_pps"]
        elif target is not None:
            res[case]["target"] = target
            res[case]["nft_ratio_in_spec"] = nft_ref
            if "ratio" in fs:
                res[case]["pass"] = fs["ratio"] >= target

    syn = res.get("synflood")
    if syn:
        med = {m: syn[m]["median_pps"] for m in SYN_MODES
               if "median_pps" in syn.get(m, {})}
        for a, b in (("flowstat", "nftraw"), ("flowstat", "xdpdrop"),
                     ("nftraw", "xdpdrop"), ("nftdrop", "xdpdrop"),
                     ("flowstat", "nftdrop")):
            if a in med and b in med:
                syn[f"{a}_vs_{b}"] = med[a] / med[b]
        syn["target"] = ("netfilter stage: flowstat drop pps >= nftraw; "
                         "XDP stage >= 0.9 x xdpdrop: not built")
        syn["xdp_stage"] = "not built"
        if "flowstat_vs_nftraw" in syn:
            syn["pass"] = syn["flowstat_vs_nftraw"] >= 1
        syn["screen_drops"] = [{"rep": r, "dropped": d, "expected": e}
                               for r, d, e in screen]
        for r, d, e in screen:
            if d != e:
                problems.append(f"synflood flowstat #{r}: the screen dropped {d}, expected {e}")

    for c in natchecks:
        res.setdefault(c["case"], {}).setdefault("nat_checks", []).append(c)
        if not c["ok"]:
            problems.append(f"{c['case']} {c['mode']} #{c['rep']}: NAT check failed: {c['what']}")
        elif c["status"] == "note":
            notes.append(f"{c['case']} {c['mode']} #{c['rep']}: {c['what']}")
    for case in ("snat", "snatnew", "pool10", "pool90"):
        if "flowstat" in res.get(case, {}) and not any(
                c["case"] == case and c["mode"] == "flowstat" and c["status"] == "ok"
                for c in natchecks):
            problems.append(f"{case}: no flowstat NAT check passed (did it translate?)")

    def pps(x):
        return f"{x:,.0f}" if x is not None else "-"

    def ratio(e):
        return f"{e['ratio']:.3f}" if e and "ratio" in e else "-"

    def spread(case, modes=("bare", "nft", "flowstat")):
        s = [res[case][m]["spread"] for m in modes
             if m in res[case] and "spread" in res[case][m]]
        if not s:
            return "-"
        return f"{max(s) * 100:.2f}%" + (" !" if max(s) > SPREAD_FLAG else "")

    hdr = ("case", "bare pps", "nft", "flowstat", "target", "result", "spread")
    rows = []
    for case in order:
        r = res[case]
        b = r.get("bare", {})
        if case == "warmup":
            rows.append((case, pps(b.get("median_pps")), "", "", "", "", spread(case)))
            continue
        if case == "synflood":
            rows.append((case + " (drop pps)", pps(b.get("median_pps")) + " fwd",
                         pps(r.get("nftraw", {}).get("median_pps")) + " raw",
                         pps(r.get("flowstat", {}).get("median_pps")),
                         ">= nftraw",
                         ("pass" if r["pass"] else "short") + f" ({r['flowstat_vs_nftraw']:.2f}x)"
                         if "pass" in r else "-",
                         spread(case, SYN_MODES)))
            continue
        if case == "denied":
            rows.append((case + " (drop pps)", pps(b.get("median_pps")) + " fwd",
                         pps(r.get("nft", {}).get("median_pps")),
                         pps(r.get("flowstat", {}).get("median_pps")),
                         ">= nft",
                         ("pass" if r["pass"] else "short") + f" ({r['flowstat_vs_nft']:.2f}x nft)"
                         if "pass" in r else "-", spread(case)))
            continue
        name = f"scale ({o.fill:,})" if case == "scale" else case
        rows.append((name, pps(b.get("median_pps")), ratio(r.get("nft")),
                     ratio(r.get("flowstat")),
                     (f">= {r['target']:.2f}" if isinstance(r["target"], float) else "> nft")
                     if r.get("target") is not None else "-",
                     ("pass" if r["pass"] else "short") if "pass" in r else "-",
                     spread(case)))
    w = [max(len(str(x[i])) for x in rows + [hdr]) for i in range(len(hdr))]
    print(f"\n{o.kernel}: pktgen pps, median of {o.repeats}; nft and flowstat as ratios "
          f"to bare (same run); spread = (max-min)/median, '!' above {SPREAD_FLAG:.0%}")
    for x in [hdr, tuple("-" * n for n in w)] + rows:
        print("  ".join(str(v).ljust(w[i]) if i == 0 else str(v).rjust(w[i])
                        for i, v in enumerate(x)))
    if syn:
        print("synflood, drop pps (median, spread): " + ", ".join(
            f"{m} {pps(syn[m].get('median_pps'))} ({syn[m].get('spread', 0) * 100:.2f}%)"
            for m in SYN_MODES if m in syn))
        print("  " + ", ".join(f"{k.replace('_vs_', '/')} {v:.3f}" for k, v in syn.items()
                               if "_vs_" in k) +
              "; flowstat XDP stage: not built (target >= 0.9 x xdpdrop)")
    s1k = res.get("sess1k", {}).get("flowstat", {}).get("median_pps")
    for big in ("sess100k", "sess1m"):
        sb = res.get(big, {}).get("flowstat", {}).get("median_pps")
        if s1k and sb:
            res[big]["flowstat_vs_sess1k"] = sb / s1k
            res[big]["target_vs_sess1k"] = SESS_TARGET
            print(f"session scale: flowstat {big} / sess1k = {sb / s1k:.3f} "
                  f"(target >= {SESS_TARGET:.2f})")
    p10 = res.get("pool10", {})
    p90 = res.get("pool90", {})
    for mode in ("flowstat", "nft"):
        a = p10.get(mode, {}).get("median_pps")
        b = p90.get(mode, {}).get("median_pps")
        if a and b:
            p90[f"{mode}_vs_pool10"] = b / a
            line = f"port allocation: {mode} pool90 / pool10 = {b:,.0f} / {a:,.0f} pps = {b / a:.3f}"
            if mode == "flowstat":
                p90["target_vs_pool10"] = POOL_TARGET
                p90["pass"] = b / a >= POOL_TARGET
                line += f" (target about 1.0, >= {POOL_TARGET:.2f}: {'pass' if p90['pass'] else 'short'})"
            print(line)
    if ifread:
        print(f"\ncounter read: `flowstat show interfaces` over N zone interfaces, "
              f"guest ms (median of {o.repeats}); target user + sys <= {IFREAD_TARGET_MS} ms")
        print(f"{'interfaces':<16}{'user+sys':>9}{'user':>7}{'sys':>7}{'elapsed':>9}"
              f"{'requests':>10}  result")
        for key, rs in ifread.items():
            e = {k: statistics.median(r[k] for r in rs)
                 for k in ("real_ms", "user_ms", "sys_ms")}
            e["cpu_ms"] = statistics.median(r["user_ms"] + r["sys_ms"] for r in rs)
            e["requests"] = max(r["requests"] for r in rs)
            e["runs"] = rs
            e["pass"] = e["cpu_ms"] <= IFREAD_TARGET_MS
            want = rs[0]["interfaces"] + 3  # lo and the router's two veths
            if any(r["shown"] != want for r in rs):
                problems.append(f"ifread {key}: listed {rs[0]['shown']} interfaces, "
                                f"expected {want}")
            if e["requests"] == 0:
                problems.append(f"ifread {key}: the netlink requests were not counted")
            res.setdefault("ifread", {})[key] = e
            print(f"{key:<16}{e['cpu_ms']:>9.0f}{e['user_ms']:>7.0f}{e['sys_ms']:>7.0f}"
                  f"{e['real_ms']:>9.0f}{e['requests']:>10}  {'pass' if e['pass'] else 'short'}")
    if not complete:
        problems.append("the guest did not finish the run (incomplete results)")
    for n in notes:
        print("note: " + n)
    for p in problems:
        print("problem: " + p)

    doc = {
        "kernel": o.kernel,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "method": {
            "qemu": "-accel tcg,thread=single -icount shift=0,sleep=off -smp 1",
            "generator": "kernel pktgen in the client namespace, 64-byte UDP over veth",
            "packets": o.packets, "scale_packets": o.scale_packets,
            "pool_packets": o.pool_packets,
            "repeats": o.repeats, "fill": o.fill, "sink": o.sink,
            "figure": "pktgen's pps; median of the repeats; ratios to bare in the same run",
        },
        "wall_seconds": o.seconds,
        "complete": complete,
        "problems": problems,
        "notes": notes,
        "cases": res,
    }
    with open(o.json, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    return 1 if (problems or not complete) else 0


if __name__ == "__main__":
    sys.exit(main())
