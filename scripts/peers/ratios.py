"""Summarise hyperfine's JSON exports: for each task, each command's median
and minimum, and how many times faster froi is than each peer (by median and
by minimum).

usage: ratios.py RESULT.json...
"""
import json
import sys

for path in sys.argv[1:]:
    results = json.load(open(path))["results"]
    froi = results[0]
    print(f"\n{path.rsplit('/', 1)[-1]}")
    for r in results:
        words = r["command"].split()
        script = next((w for w in words if w.endswith(".py")), None)
        name = script.rsplit("/", 1)[-1].removesuffix(".py") if script else "froi " + next(
            w.rsplit("/", 1)[-1] for w in words if "/examples/" in w)
        med, lo = r["median"], r["min"]
        faster = "" if r is froi else f"  froi {med / froi['median']:.1f}x faster (median), {lo / froi['min']:.1f}x (min)"
        print(f"  {name:<24} median {med * 1000:9.1f} ms  min {lo * 1000:9.1f} ms{faster}")
