#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""html-check.py - the HTML report (--format=html) checked in a real browser.

Scans the reference driver, the rule corpus and an escaping fixture twice,
as JSON and as HTML, opens the page in headless Chromium through
chromedriver (the WebDriver protocol over HTTP, standard library only) and
checks the DOM against the JSON report of the same scan:

  - one section.finding per finding, in order, with its rule, file and line;
  - the highlighted source lines (tr.ln.hl) of each finding are exactly the
    lines of its location and related notes, each visibly highlighted, and
    each related note is shown under its line;
  - the summary tables count the same findings per rule and per driver, and
    the bars grow with the counts;
  - the Conformance section is the --conformance --format=json matrix of
    the same scan: its rows (file, ops) in order, each rule's cell (status,
    count, the text shown), a count linking to the row's first finding of
    the rule; no section when the scan has no iommu_ops instance;
  - the page is self-contained (no script element, no resource loaded, no
    link leaving the page but the relative rule docs, which exist) and
    source text is escaped (the fixture's <script> and </table> are text).

Then it takes a screenshot of a smaller report (a few corpus fixtures whose
findings show a path), checked the same way.  Usage:

  html-check.py LINT OUTDIR [--db DIR]   (--db: also a real compile DB, -p DIR)
"""
import argparse
import base64
import collections
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESCAPE_FIXTURE = "tests/data/html/bad-escape.c"
ESCAPE_TEXT = "tag = \"<script>document.title = 'pwned'</script> & </td></table>\";"
SHOWCASE = [
    "corpus/device-lookup-put/bad-flag-not-set.c",
    "corpus/register-unwind/bad-goto-wrong-label.c",
    "corpus/register-unwind/bad-remove-wrong-order.c",
]
WINDOW = (1100, 1000)


def fail(msg):
    print("html-check: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def default_files():
    files = ["reference/drivers/refmmu.c"]
    for root, dirs, names in os.walk("corpus"):
        if root == "corpus":
            dirs[:] = [d for d in dirs if d != "kernel"]
        files += [os.path.join(root, n) for n in names if n.endswith(".c")]
    return sorted(files) + [ESCAPE_FIXTURE]


def scan(lint, args, out_base):
    """The same scan as JSON, HTML and the JSON matrix: (json document, html path)."""
    paths = {}
    for fmt, extra in (("json", []), ("html", []), ("conf.json", ["--conformance"])):
        paths[fmt] = out_base + "." + fmt
        cmd = [lint, "--format=" + fmt.split(".")[-1], "-o", paths[fmt], "-q"] + extra + args
        rc = subprocess.run(cmd, cwd=TOP).returncode
        if rc not in (0, 1):
            fail("%s exited %d" % (" ".join(cmd), rc))
    with open(paths["json"]) as f:
        doc = json.load(f)
    with open(paths["conf.json"]) as f:
        doc["conformance"] = json.load(f)
    return doc, paths["html"]


class WebDriver:
    """Just enough of the W3C WebDriver protocol to load a page, run a script, take a screenshot."""

    def __init__(self, driver, browser, workdir):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = open(os.path.join(workdir, "chromedriver.log"), "w")
        self.proc = subprocess.Popen([driver, "--port=%d" % self.port],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.base = "http://127.0.0.1:%d" % self.port
        self.session = None
        deadline = time.time() + 30
        while True:
            try:
                if self.call("GET", "/status").get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                fail("chromedriver did not start (see %s)" % self.log.name)
            time.sleep(0.2)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=%d,%d" % WINDOW]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": browser, "args": args}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.load(r)["value"]
        except urllib.error.HTTPError as e:
            fail("WebDriver %s %s: %s" % (method, path, e.read().decode(errors="replace")[:500]))

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def open(self, path):
        self.s("POST", "/url", {"url": "file://" + os.path.abspath(path)})

    def run(self, script):
        return self.s("POST", "/execute/sync", {"script": script, "args": []})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def close(self):
        if self.session:
            try:
                self.s("DELETE", "")
            except SystemExit:
                pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# What the page shows, read from the DOM and the computed styles.
DOM_SCRIPT = r"""
const bg = el => getComputedStyle(el).backgroundColor;
const plain = document.querySelector('table.src tr.ln:not(.hl) td.code');
const plainBg = plain ? bg(plain) : null;
const findings = [...document.querySelectorAll('section.finding')].map(s => ({
  id: s.id, rule: s.dataset.rule, file: s.dataset.file, line: +s.dataset.line,
  hl: [...s.querySelectorAll('tr.ln.hl')].map(tr =>
        [tr.closest('table.src').dataset.file, +tr.dataset.line]),
  hlVisible: [...s.querySelectorAll('tr.ln.hl td.code')].every(td => bg(td) !== plainBg),
  notes: [...s.querySelectorAll('tr.note td.text')].map(td => td.textContent),
  code: [...s.querySelectorAll('td.code')].map(td => td.textContent),
  rowsWellFormed: [...s.querySelectorAll('table.src tr')].every(tr => tr.cells.length === 2),
}));
const table = id => [...document.querySelectorAll('#' + id + ' tr')].slice(1).map(tr => ({
  label: tr.dataset.key, n: +tr.cells[1].textContent,
  bar: tr.cells[2].querySelector('span').getBoundingClientRect().width}));
const links = [...document.querySelectorAll('[href],[src]')]
  .map(e => e.getAttribute('href') || e.getAttribute('src'));
const conf = [...document.querySelectorAll('#conformance tr[data-file]')].map(tr => ({
  file: tr.dataset.file, ops: tr.dataset.ops,
  cells: [...tr.querySelectorAll('td.c')].map(td => ({
    rule: td.dataset.rule, status: td.dataset.status, n: +td.dataset.n, text: td.textContent,
    href: td.querySelector('a') ? td.querySelector('a').getAttribute('href') : null}))}));
return {
  title: document.title, conf, confSection: document.querySelectorAll('#conformance').length,
  total: +(document.getElementById('total') || {}).textContent,
  findings, byRule: table('by-rule'), byDriver: table('by-driver'), links,
  scripts: document.querySelectorAll('script').length,
  resources: performance.getEntriesByType('resource').length,
};
"""


def expected_hl(f):
    return sorted({(f["file"], f["line"])} | {(r["file"], r["line"]) for r in f["related"]})


def check_page(wd, doc, html, name, escape_fixture):
    wd.open(html)
    dom = wd.run(DOM_SCRIPT)
    want = doc["findings"]
    got = dom["findings"]
    if dom["title"] != "iommu-lint report":
        fail("%s: page title %r" % (name, dom["title"]))
    if dom["scripts"] or dom["resources"]:
        fail("%s: %d script elements, %d resources loaded: the page must be self-contained"
             % (name, dom["scripts"], dom["resources"]))
    if len(got) != len(want) or dom["total"] != len(want) or doc["summary"]["findings"] != len(want):
        fail("%s: %d findings in the page (total says %s), %d in the JSON report"
             % (name, len(got), dom["total"], len(want)))
    for k, (g, w) in enumerate(zip(got, want), 1):
        where = "%s: finding #%d (%s:%d %s)" % (name, k, w["file"], w["line"], w["rule"])
        if (g["rule"], g["file"], g["line"]) != (w["rule"], w["file"], w["line"]):
            fail("%s: the page shows %s:%d %s" % (where, g["file"], g["line"], g["rule"]))
        hl = sorted(tuple(x) for x in g["hl"])
        if hl != expected_hl(w):
            fail("%s: highlighted lines %s, want %s" % (where, hl, expected_hl(w)))
        if not g["hlVisible"]:
            fail("%s: a highlighted line looks like the others" % where)
        for r in w["related"]:
            if not any(n.endswith(r["message"]) for n in g["notes"]):
                fail("%s: related note %r not shown" % (where, r["message"]))
        if not g["rowsWellFormed"]:
            fail("%s: a source row does not have two cells (escaping?)" % where)
    by_rule = collections.Counter(f["rule"] for f in want)
    by_driver = collections.Counter(f["file"] for f in want)
    for tname, rows, counts in (("by-rule", dom["byRule"], by_rule),
                                ("by-driver", dom["byDriver"], by_driver)):
        if {r["label"]: r["n"] for r in rows} != dict(counts) or len(rows) != len(counts):
            fail("%s: table %s says %s, want %s" % (name, tname,
                 {r["label"]: r["n"] for r in rows}, dict(counts)))
        for a in rows:
            for b in rows:
                if a["n"] > b["n"] and a["bar"] <= b["bar"]:
                    fail("%s: table %s: the bar of %s (%d) is not longer than %s's (%d)"
                         % (name, tname, a["label"], a["n"], b["label"], b["n"]))
    check_conformance(dom, doc, name)
    for link in dom["links"]:
        if link.startswith("#"):
            continue
        if not (link.startswith("docs/rules/") and link.endswith(".md")) or \
                not os.path.isfile(os.path.join(TOP, link)):
            fail("%s: link %r leaves the page and is not a rule doc of this tree" % (name, link))
    if escape_fixture:
        esc = [g for g in got if g["file"] == ESCAPE_FIXTURE]
        if len(esc) != 1 or not any(c.strip() == ESCAPE_TEXT for c in esc[0]["code"]):
            fail("%s: the escaping fixture's source line is not shown as text" % name)
    print("html-check: %s: %d findings, %d highlighted lines, %d rules, %d drivers: ok"
          % (name, len(got), sum(len(g["hl"]) for g in got), len(by_rule), len(by_driver)))


def row_of(rows, f):
    """The matrix row a finding belongs to: its file's ops table it names, else the first."""
    mine = [r for r in rows if r["file"] == f["file"]]
    named = [r for r in mine if r["ops"] == f.get("symbol")]
    return (named or mine or [None])[0]


def check_conformance(dom, doc, name):
    """The Conformance section shows the --conformance JSON matrix of the same scan."""
    want = doc["conformance"]["rows"]
    got = dom["conf"]
    if not want:
        if dom["confSection"] or got:
            fail("%s: a Conformance section without an iommu_ops instance" % name)
        print("html-check: %s: no iommu_ops, no Conformance section: ok" % name)
        return
    if dom["confSection"] != 1:
        fail("%s: %d Conformance tables for %d ops rows" % (name, dom["confSection"], len(want)))
    if [(r["file"], r["ops"]) for r in got] != [(r["file"], r["ops"]) for r in want]:
        fail("%s: Conformance rows %s, want %s" % (name, [(r["file"], r["ops"]) for r in got],
                                                   [(r["file"], r["ops"]) for r in want]))
    ids = {g["id"]: k for k, g in enumerate(dom["findings"])}
    cells = linked = 0
    for g, w in zip(got, want):
        row = {c["rule"]: c for c in g["cells"]}
        if set(row) != set(w["status"]) or len(g["cells"]) != len(w["status"]):
            fail("%s: %s %s: cells for %s, want %s" % (name, w["file"], w["ops"],
                                                       sorted(row), sorted(w["status"])))
        for rule, st in w["status"].items():
            c, n = row[rule], w["findings"][rule]
            where = "%s: Conformance %s %s %s" % (name, w["file"], w["ops"], rule)
            if (c["status"], c["n"]) != (st, n):
                fail("%s: %s %d, want %s %d" % (where, c["status"], c["n"], st, n))
            if c["text"] != (str(n) if st == "fail" else st):
                fail("%s: shows %r" % (where, c["text"]))
            cells += 1
            if not n:
                if c["href"]:
                    fail("%s: a link without findings" % where)
                continue
            first = next(k for k, f in enumerate(doc["findings"])
                         if f["rule"] == rule and row_of(want, f) is w)
            if not c["href"] or ids.get(c["href"][1:]) != first:
                fail("%s: links to %r, want the finding #%d" % (where, c["href"], first + 1))
            linked += 1
    print("html-check: %s: Conformance: %d rows, %d cells, %d linked: ok"
          % (name, len(got), cells, linked))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lint")
    ap.add_argument("outdir")
    ap.add_argument("--db", help="also scan this compile DB (-p) and check its page")
    ap.add_argument("--browser", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--driver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    a = ap.parse_args()
    lint = os.path.abspath(a.lint)
    out = os.path.abspath(a.outdir)
    os.makedirs(out, exist_ok=True)
    for tool in (a.browser, a.driver):
        if not shutil.which(tool):
            fail("%s not found (apt-get install chromium chromium-driver)" % tool)
    inc = ["--", "-Ireference/include"]
    pages = [("default scan", scan(lint, default_files() + inc, os.path.join(out, "report")), True),
             ("showcase", scan(lint, SHOWCASE + inc, os.path.join(out, "showcase")), False)]
    if a.db:
        pages.append(("compile DB " + a.db, scan(lint, ["-p", a.db], os.path.join(out, "db")), False))
    with tempfile.TemporaryDirectory(prefix="iommu-lint-html-") as home:
        os.environ["HOME"] = home  # chromium writes its profile and crash dumps there
        wd = WebDriver(a.driver, a.browser, out)
        try:
            for name, (doc, html), esc in pages:
                check_page(wd, doc, html, name, esc)
            wd.open(pages[1][1][1])
            wd.screenshot(os.path.join(out, "report.png"))
        finally:
            wd.close()
    shot = os.path.join(out, "report.png")
    print("html-check: screenshot %s" % (os.path.relpath(shot, TOP) if shot.startswith(TOP + "/") else shot))


if __name__ == "__main__":
    main()
