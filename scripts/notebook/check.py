"""Check an executed copy of the notebook, and that the committed outputs are
the ones a fresh run gives (so they are never stale).

usage: check.py COMMITTED EXECUTED UPDATE(0|1)
"""
import json
import sys

committed_path, executed_path, update = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
committed = json.load(open(committed_path))
executed = json.load(open(executed_path))


def outputs(nb):
    """Each code cell's outputs, without what changes between runs."""
    cells = []
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        kept = []
        for o in c.get("outputs", []):
            o = {k: v for k, v in o.items() if k not in ("execution_count", "metadata")}
            kept.append(o)
        cells.append(kept)
    return cells


every = [o for cell in outputs(executed) for o in cell]
errors = [o for o in every if o.get("output_type") == "error"]
html = "".join("".join(o["data"]["text/html"]) for o in every if "text/html" in o.get("data", {}))
text = "".join("".join(o.get("text", "")) for o in every if o.get("output_type") == "stream")
checks = {
    "no errors": not errors,
    "HTML tables": "<table" in html,
    "SVG charts": html.count("<svg") >= 4,
    "the 3.4": "rounded to one place: 3.4" in text,
    "the verdict": "reproduced at the printed precision" in html,
    "no stray ()": not any(
        "".join(o.get("data", {}).get("text/plain", "")).strip() == "()" for o in every
    ),
}
fresh = outputs(committed) == outputs(executed)
if update:
    # Saved without the run's timings, so a re-run that changes nothing
    # changes no byte.
    for c in executed["cells"]:
        c.get("metadata", {}).pop("execution", None)
    with open(committed_path, "w") as f:
        json.dump(executed, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"saved the fresh outputs to {committed_path}")
else:
    checks["committed outputs match a fresh run"] = fresh
for name, ok in checks.items():
    print(f"{'ok ' if ok else 'FAIL'} {name}")
if errors:
    for e in errors:
        print("\n".join(e.get("traceback", [])), file=sys.stderr)
sys.exit(0 if all(checks.values()) else 1)
