"""Check that froi (the first line) and each peer (the other lines) give the
same answers before anything is timed.

usage: agree.py portfolio|montecarlo ANSWERS.jsonl

portfolio: every figure equal to 6 significant places (the peers sum floats,
froi decimals). montecarlo: the generators differ, so the summaries must agree
within sampling error: 0.01 on the mean and percentiles at 10^6 draws (their
standard errors are below 0.002).
"""
import json
import math
import sys

kind, path = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(path) if l.strip()]
froi, peers = lines[0], lines[1:]


def flat(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from flat(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", float(v)


ok = True
for i, peer in enumerate(peers, 1):
    for (k, a), (_, b) in zip(flat(froi), flat(peer)):
        same = (math.isclose(a, b, rel_tol=1e-6) if kind == "portfolio"
                else k == "draws" and a == b or k != "draws" and abs(a - b) <= 0.01)
        if not same:
            ok = False
            print(f"FAIL peer {i}: {k} froi {a} peer {b}")
print(f"{'ok ' if ok else 'FAIL'} {kind}: {len(peers)} peer(s) agree with froi")
sys.exit(0 if ok else 1)
