#!/usr/bin/env python3
"""Tests of the smtpreply command's HTML output: `compare --html` (one page
that stands alone) and `site DIR` (the reference website). The whole site's
pages are checked by tests/site/check_site.py in `make check-site`; here
the command's contract: exit codes, what a page holds, escaping of what a
server wrote, the files the site has. Prints "N passed, N failed" last."""
import html.parser
import os
import subprocess
import sys
import tempfile

from testlib import BIN, check, report


def run(args):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    p = subprocess.run([BIN] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


class Outline(html.parser.HTMLParser):
    """Headings, the html lang, links and scripts of a page."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings = []
        self.links = []
        self.tags = []
        self._h = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("a", "link", "script") and (a.get("href") or a.get("src") or "#")[0] != "#":
            self.links.append(a.get("href") or a.get("src"))
        if tag in ("h1", "h2", "h3"):
            self._h = ""

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._h is not None:
            self.headings.append(self._h.strip())
            self._h = None

    def handle_data(self, data):
        if self._h is not None:
            self._h += data


def outline(text):
    o = Outline()
    o.feed(text)
    o.close()
    return o


HEADINGS = {
    "en": ["Description", "When you see it", "How to fix", "Key differences", "When to use which"],
    "ko": ["설명", "이 코드를 보게 되는 경우", "해결 방법", "주요 차이점", "언제 어떤 것을 사용할지"],
    "ja": ["説明", "このコードが表示される場合", "解決方法", "主な違い", "どちらをいつ使うか"],
    "fr": ["Description", "Quand vous le voyez", "Comment résoudre", "Différences clés",
           "Quand utiliser lequel"],
}

# compare --html: the seeds' parts and headings, in every language.
for lang, heads in HEADINGS.items():
    for a, b in [(235, 500), (235, 530), (235, 354), (235, 502), (235, 250)]:
        rc, out, err = run(["--lang", lang, "compare", "--html", str(a), str(b)])
        check(rc == 0, "compare --html %d %d (%s) exits 0" % (a, b, lang), err)
        o = outline(out)
        check(out.startswith("<!DOCTYPE html>"), "%s %d/%d: a whole HTML document" % (lang, a, b))
        check(o.lang == lang, "%s %d/%d: <html lang>" % (lang, a, b), o.lang)
        check(o.headings and str(a) in o.headings[0] and str(b) in o.headings[0],
              "%s %d/%d: the title names both codes" % (lang, a, b), o.headings[:1])
        for h in heads:
            check(h in o.headings, "%s %d/%d: heading %r" % (lang, a, b, h), o.headings)
        # It stands alone: its style inside, no link to any file.
        check("style" in o.tags and "link" not in o.tags and not o.links,
              "%s %d/%d: no outside resource" % (lang, a, b), o.links[:3])

# The HTML page says what compare --json says: title, summary, the key
# differences and when to use which, sentence for sentence.
class Items(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.where = None
        self.items = {"differences": [], "which": []}
        self.summary = ""
        self._li = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class")
        if tag in ("ol", "ul") and cls in ("differences", "which"):
            self.where = cls
        elif tag == "p" and cls == "summary":
            self.where = "summary"
        elif tag == "li" and self.where in self.items:
            self._li = ""

    def handle_endtag(self, tag):
        if tag == "li" and self._li is not None:
            self.items[self.where].append(self._li.strip())
            self._li = None
        elif tag in ("ol", "ul", "p"):
            self.where = None

    def handle_data(self, data):
        if self._li is not None:
            self._li += data
        elif self.where == "summary":
            self.summary += data


import json  # noqa: E402
for lang in HEADINGS:
    for ops in (["235", "500"], ["450", "550"], ["550 5.1.1 <a@b>: no such user", "452 4.2.2 full"]):
        rc, page, _ = run(["--lang", lang, "compare", "--html"] + ops)
        rc2, js, _ = run(["--lang", lang, "compare", "--json"] + ops)
        doc = json.loads(js)
        it = Items()
        it.feed(page)
        what = "%s compare %s" % (lang, " / ".join(ops))
        check(outline(page).headings[0] == doc["title"], what + ": HTML title = JSON title")
        check(it.summary.strip() == doc["summary"], what + ": HTML summary = JSON summary")
        check(it.items["differences"] == doc["key_differences"],
              what + ": HTML key differences = JSON", (it.items["differences"][:2], doc["key_differences"][:2]))
        check(it.items["which"] == doc["when_to_use_which"], what + ": HTML when to use which = JSON")

rc, out, _ = run(["--lang", "fr", "compare", "--html", "235", "500"])
check("\u00a0: " in out, "French: a no-break space before the colon")

# What a server wrote is escaped, and bidi controls are made visible.
hostile = "550 5.1.1 <script>alert(1)</script> \u202egnp.exe\r\n"
rc, out, err = run(["compare", "--html", hostile, "500"])
check(rc == 0, "compare --html with a whole reply exits 0", err)
check("<script>alert" not in out and "&lt;script&gt;" in out, "markup in a reply is escaped")
check("\u202e" not in out, "a right-to-left override is not written raw")

# Usage errors.
rc, out, err = run(["explain", "--html", "550"])
check(rc == 2 and "--html" in err, "explain --html is a usage error", (rc, err))
rc, out, err = run(["site"])
check(rc == 2 and out == "", "site without a folder is a usage error", (rc, err))
rc, out, err = run(["site", "a", "b"])
check(rc == 2, "site with two folders is a usage error", (rc, err))
with tempfile.TemporaryDirectory() as tmp:
    rc, out, err = run(["site", "--wasm", os.path.join(tmp, "none.wasm"), os.path.join(tmp, "s")])
    check(rc == 2 and "none.wasm" in err, "site --wasm with a missing module fails and says so",
          (rc, err))
    blocker = os.path.join(tmp, "file")
    open(blocker, "w").close()
    rc, out, err = run(["site", os.path.join(blocker, "site")])
    check(rc == 2 and err, "site into a folder that cannot be made fails and says so", (rc, err))

    # A whole site: the files a reader opens first, in every language.
    site = os.path.join(tmp, "site")
    rc, out, err = run(["site", site])
    check(rc == 0, "site DIR exits 0", err)
    for rel in ["index.html", "assets/site.css", "assets/search.js"]:
        check(os.path.isfile(os.path.join(site, rel)), "site has " + rel)
    check(not os.path.exists(os.path.join(site, "en", "explain.html")),
          "no explain page without --wasm")
    for lang in HEADINGS:
        for rel in ["index.html", "vs/index.html", "vs/235-vs-500.html", "code/550.html",
                    "enhanced/x.7.26.html", "reason/user_unknown.html", "search-index.json"]:
            check(os.path.isfile(os.path.join(site, lang, rel)), "site has %s/%s" % (lang, rel))
        with open(os.path.join(site, lang, "code", "550.html"), encoding="utf-8") as f:
            o = outline(f.read())
        check(o.lang == lang, "%s/code/550.html: lang" % lang)
        check(any("550" in h for h in o.headings[:1]), "%s/code/550.html: title" % lang)
        check(any(h.startswith(("After RCPT", "RCPT", "Après RCPT")) for h in o.headings),
              "%s/code/550.html: its meaning after RCPT has a section" % lang, o.headings)
    # The site and compare --html write the same "A vs B" body.
    rc, page, _ = run(["compare", "--html", "235", "500"])
    with open(os.path.join(site, "en", "vs", "235-vs-500.html"), encoding="utf-8") as f:
        site_page = f.read()
    check(outline(page).headings[:1] == outline(site_page).headings[:1],
          "compare --html and the site's page have the same title")

sys.exit(report())
