#!/usr/bin/env bash
# Run docs/notebook.ipynb headless under the evcxr kernel, save its outputs in
# place, and check they hold the HTML tables, the SVG charts and the 3.4.
#
# Needs (not installed by CI, which does not run this):
#   cargo install --locked evcxr_repl evcxr_jupyter   # about 6 minutes on 2 cores
#   python3 -m pip install jupyter
#   evcxr_jupyter --install
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in evcxr_jupyter jupyter; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: see the top of $0" >&2; exit 1; }
done
jupyter kernelspec list 2>/dev/null | grep -qw rust || evcxr_jupyter --install
jupyter nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.kernel_name=rust \
  docs/notebook.ipynb
python3 - <<'PY'
import json, sys
nb = json.load(open("docs/notebook.ipynb"))
outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
errors = [o for o in outputs if o.get("output_type") == "error"]
html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
text = "".join("".join(o.get("text", "")) for o in outputs if o.get("output_type") == "stream")
joined = "".join("".join(h) for h in html)
checks = {
    "no errors": not errors,
    "HTML tables": "<table" in joined,
    "SVG charts": joined.count("<svg") >= 4,
    "the 3.4": "rounded to one place: 3.4" in text,
}
for name, ok in checks.items():
    print(f"{'ok ' if ok else 'FAIL'} {name}")
sys.exit(0 if all(checks.values()) else 1)
PY
