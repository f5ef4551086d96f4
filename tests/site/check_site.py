#!/usr/bin/env python3
"""Walks every page of a generated site (smtpreply site DIR) and checks it.

- Each page is well-formed HTML: every element that needs closing is
  closed, in order (html.parser), and Debian's `tidy` reports no error
  (warnings about ARIA attributes tidy does not know are ignored).
- Every internal link and resource resolves to a file (and a #fragment to
  an id in it); nothing points outside the site (no http:, no //).
- <html lang> is the page's language folder; the hreflang links name the
  four languages and x-default, each pointing at the same page in that
  language; headings never skip a level and there is exactly one <h1>.
- The five seed pairs have the seeds' parts, with the seeds' headings in
  the seeds' languages.
- search-index.json parses and every entry's page exists.

Prints one line per failed check and "site: N passed, N failed".
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from testlib import check, report  # noqa: E402  (tests/testlib.py)

LANGS = ["en", "ko", "ja", "fr"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}

# The seeds' headings (../shared/seeds), by language: description, when
# you see it, how to fix, key differences, when to use which.
SEED_HEADINGS = {
    "ko": ["설명", "이 코드를 보게 되는 경우", "해결 방법", "주요 차이점", "언제 어떤 것을 사용할지"],
    "ja": ["説明", "このコードが表示される場合", "解決方法", "主な違い", "どちらをいつ使うか"],
    "fr": ["Description", "Quand vous le voyez", "Comment résoudre", "Différences clés",
           "Quand utiliser lequel"],
}
SEED_PAIRS = [(235, 500), (235, 530), (235, 354), (235, 502), (235, 250)]


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = set()
        self.links = []      # (attribute value, tag)
        self.lang = None
        self.alternates = {}  # hreflang -> href
        self.headings = []   # (level, text)
        self._h = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("duplicate id %s" % a["id"])
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if name in a:
                self.links.append((a[name], tag))
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if re.fullmatch(r"h[1-6]", tag):
            self._h = [int(tag[1]), ""]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if self._h and tag == "h%d" % self._h[0]:
            self.headings.append((self._h[0], self._h[1].strip()))
            self._h = None

    def handle_data(self, data):
        if self._h is not None:
            self._h[1] += data
        self.text.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if p.stack:
        p.errors.append("unclosed: " + " ".join(p.stack))
    return p


def main():
    site = sys.argv[1]
    pages = {}
    for root, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                full = os.path.join(root, name)
                pages[os.path.relpath(full, site)] = parse(full)
    check(len(pages) > 100, "site has pages (%d)" % len(pages))

    tidy = shutil.which("tidy")
    check(tidy is not None, "tidy is installed")
    for rel, p in sorted(pages.items()):
        full = os.path.join(site, rel)
        check(not p.errors, "%s: well-formed (%s)" % (rel, "; ".join(p.errors[:3])))
        parts = rel.split(os.sep)
        lang = parts[0] if parts[0] in LANGS else None
        check(p.lang == (lang or "en"), "%s: <html lang=%r>" % (rel, p.lang))
        h1 = [h for h in p.headings if h[0] == 1]
        check(len(h1) == 1, "%s: one <h1> (%d)" % (rel, len(h1)))
        last = 0
        for level, text in p.headings:
            if level > last + 1:
                check(False, "%s: heading h%d %r after h%d" % (rel, level, text, last))
                break
            last = level
        else:
            check(True, "")
        # Links: inside the site, to files that exist, fragments to ids.
        bad = []
        for href, tag in p.links:
            if re.match(r"^[a-z]+:|^//", href):
                bad.append(href)
                continue
            target, _, frag = href.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(full), target)) if target else full
            if not os.path.isfile(dest):
                bad.append(href)
            elif frag:
                drel = os.path.relpath(dest, site)
                if drel in pages and frag not in pages[drel].ids:
                    bad.append(href)
        check(not bad, "%s: links resolve (%s)" % (rel, " ".join(bad[:3])))
        if lang:
            below = os.path.join(*parts[1:])
            want = {l: "%s/%s" % (l, below) for l in LANGS}
            got = {}
            for l, href in p.alternates.items():
                got[l] = os.path.relpath(os.path.normpath(os.path.join(os.path.dirname(full), href)), site)
            ok = all(got.get(l) == want[l] for l in LANGS) and got.get("x-default") == want["en"]
            check(ok, "%s: hreflang links %s" % (rel, got))

    # tidy, a hundred pages a run; --gnu-emacs names the file on each line.
    if tidy:
        names = sorted(pages)
        msgs = {}
        for i in range(0, len(names), 100):
            batch = [os.path.join(site, n) for n in names[i:i + 100]]
            r = subprocess.run([tidy, "-q", "-e", "-utf8", "--gnu-emacs", "yes"] + batch,
                               capture_output=True, text=True)
            for m in r.stderr.splitlines():
                # ARIA attributes are HTML; Debian's tidy 5.6 does not know them.
                if not m.strip() or "proprietary attribute \"aria-" in m:
                    continue
                path = m.split(":", 1)[0]
                msgs.setdefault(os.path.relpath(path, site), []).append(m)
        for rel in names:
            got = msgs.get(rel, [])
            check(not got, "%s: tidy clean (%s)" % (rel, "; ".join(got[:3])))
        check(set(msgs) <= set(names), "tidy spoke only of pages (%s)" % sorted(set(msgs) - set(names))[:3])

    # The seed pairs, in every language, with the seeds' parts.
    for a, b in SEED_PAIRS:
        for lang in LANGS:
            rel = os.path.join(lang, "vs", "%d-vs-%d.html" % (a, b))
            p = pages.get(rel)
            if not check(p is not None, "%s exists" % rel):
                continue
            heads = [t for _, t in p.headings]
            check(str(a) in heads[0] and str(b) in heads[0], "%s: title names both codes" % rel)
            for h in SEED_HEADINGS.get(lang, []):
                check(any(t == h for t in heads), "%s: heading %r" % (rel, h))
            text = "".join(p.text)
            check(("SMTP %d" % a) in text and ("SMTP %d" % b) in text, "%s: both codes" % rel)

    for lang in LANGS:
        path = os.path.join(site, lang, "search-index.json")
        with open(path, encoding="utf-8") as f:
            idx = json.load(f)
        check(len(idx) > 100, "%s: index entries (%d)" % (path, len(idx)))
        missing = [e["u"] for e in idx if not os.path.isfile(os.path.join(site, lang, e["u"]))]
        check(not missing, "%s: every entry's page exists (%s)" % (path, missing[:3]))
        check(any("5.7.26" in e["k"].split() for e in idx), "%s: 5.7.26 is findable" % path)

    return report("site: ")


if __name__ == "__main__":
    sys.exit(main())
