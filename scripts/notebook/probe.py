"""Check, in a real browser, that froi's tables survive JupyterLab's
stylesheet: text cells left-aligned, number cells right-aligned.

  probe.py EXECUTED.html PROBE.html   write a copy with a measuring script
  probe.py --read DOM.html            read what the browser measured

Chromium loads PROBE.html headless (--dump-dom); the script writes its
findings into the page, and --read checks them.
"""
import re
import sys

SCRIPT = """
<script>
window.addEventListener('load', () => {
  const cells = document.querySelectorAll('table.froi td');
  let text = 0, num = 0, bad = [];
  cells.forEach(td => {
    const align = getComputedStyle(td).textAlign;
    if (td.classList.contains('num')) {
      num++;
      if (align !== 'right') bad.push('num:' + align + ':' + td.textContent.slice(0, 20));
    } else if (td.classList.contains('text')) {
      text++;
      if (align !== 'left' && align !== 'start') bad.push('text:' + align + ':' + td.textContent.slice(0, 20));
    }
  });
  const tables = document.querySelectorAll('table.froi');
  let centred = 0;
  tables.forEach(t => { if (getComputedStyle(t).marginLeft !== '0px') centred++; });
  const p = document.createElement('pre');
  p.id = 'froi-probe';
  p.textContent = JSON.stringify({tables: tables.length, text, num, centred, bad: bad.slice(0, 10)});
  document.body.appendChild(p);
});
</script>
"""

if sys.argv[1] == "--read":
    dom = open(sys.argv[2]).read()
    m = re.search(r'<pre id="froi-probe">(.*?)</pre>', dom, re.S)
    if not m:
        print("FAIL the browser did not measure the page")
        sys.exit(1)
    import html
    import json
    r = json.loads(html.unescape(m.group(1)))
    ok = r["tables"] > 0 and r["text"] > 0 and r["num"] > 0 and not r["bad"] and r["centred"] == 0
    print(f"{'ok ' if ok else 'FAIL'} in Chromium under JupyterLab's styles: {r['tables']} tables, "
          f"{r['text']} text cells left, {r['num']} number cells right, {r['centred']} centred; {r['bad']}")
    sys.exit(0 if ok else 1)

page = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(page.replace("</body>", SCRIPT + "</body>"))
