#!/usr/bin/env bash
# Run docs/notebook.ipynb headless under the evcxr kernel into a temporary
# copy, check its outputs, fail if the outputs saved in the repository differ
# from a fresh run, and render it as a reader sees it in JupyterLab's styles
# in headless Chromium (screenshot kept in target/notebook/).
#
#   scripts/check-notebook.sh            check; the tree is left untouched
#   scripts/check-notebook.sh --update   check, then save the fresh outputs
#
# Needs (not installed by CI, which does not run this):
#   cargo install --locked evcxr_jupyter             # 10 min on 2 cores here (2026-12-06)
#   python3 -m pip install -r scripts/notebook/requirements.txt
#   evcxr_jupyter --install                          # registers the `rust` kernel
#   chromium (Debian package) for the rendering check
set -euo pipefail
cd "$(dirname "$0")/.."
update=0
[ "${1:-}" = "--update" ] && update=1
for tool in evcxr_jupyter jupyter chromium; do
  command -v "$tool" >/dev/null || { echo "$tool is needed: see the top of $0" >&2; exit 1; }
done
jupyter kernelspec list 2>/dev/null | grep -qw rust || evcxr_jupyter --install
out=target/notebook
mkdir -p "$out"
# Executed from docs/ (the kernel starts in the notebook's folder, so
# `:dep froi = { path = ".." }` names the clone); written to target/.
start=$(date +%s)
jupyter nbconvert --to notebook --execute \
  --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.kernel_name=rust \
  --output-dir "$out" --output executed.ipynb docs/notebook.ipynb
echo "executed in $(( $(date +%s) - start )) s"
python3 scripts/notebook/check.py docs/notebook.ipynb "$out/executed.ipynb" "$update"
# Render with JupyterLab's stylesheet and check alignment in the browser.
jupyter nbconvert --to html --template lab --output-dir "$out" --output executed.html \
  "$out/executed.ipynb"
python3 scripts/notebook/probe.py "$out/executed.html" "$out/probe.html"
chromium --headless --no-sandbox --virtual-time-budget=5000 --dump-dom \
  "file://$PWD/$out/probe.html" 2>/dev/null > "$out/probe-dom.html"
chromium --headless --no-sandbox --hide-scrollbars --window-size=1200,9000 \
  --screenshot="$out/notebook.png" "file://$PWD/$out/executed.html" 2>/dev/null
python3 scripts/notebook/probe.py --read "$out/probe-dom.html"
echo "screenshot: $out/notebook.png"
