#!/usr/bin/env python3
"""test_compare_golden.py - `smtpreply compare` against reviewed golden pages.

The five pairs of the pages this project grew from (shared/seeds: 235 against
500, 530, 354, 502 and 250), each in en, ko, ja and fr, are checked in under
tests/golden/compare/A-B.LANG.txt after a reading against those pages (see
tests/golden/compare/README.md). This test runs the CLI again and compares
byte for byte, then checks the page's parts with the exact headings of the
pages in every language, in the text and in the JSON.

    python3 tests/test_compare_golden.py            # check
    python3 tests/test_compare_golden.py --update   # rewrite the goldens and the
                                                    # README's 235 vs 500 page
"""
import json
import os
import subprocess
import sys

from testlib import HERE, ROOT, check, report
GOLDEN = os.path.join(HERE, "golden", "compare")
CLI = os.path.join(ROOT, os.environ.get("BUILD", "."), "smtpreply")
PAIRS = [("235", "500"), ("235", "530"), ("235", "354"), ("235", "502"),
         ("235", "250")]
LANGS = ["en", "ko", "ja", "fr"]
# Description, when, fix, key differences, when to use which: as the pages
# have them (ko 000/001/002, ja 003, fr 004; English for en).
HEADINGS = {
    "en": ["Description", "When you see it", "How to fix", "Key differences",
           "When to use which"],
    "ko": ["설명", "이 코드를 보게 되는 경우", "해결 방법", "주요 차이점",
           "언제 어떤 것을 사용할지"],
    "ja": ["説明", "このコードが表示される場合", "解決方法", "主な違い",
           "どちらをいつ使うか"],
    "fr": ["Description", "Quand vous le voyez", "Comment résoudre",
           "Différences clés", "Quand utiliser lequel"],
}


def run(*args):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80", LANG="C.UTF-8")
    env.pop("SMTPREPLY_LANG", None)
    p = subprocess.run([CLI] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stdout.decode("utf-8")


def main():
    update = "--update" in sys.argv
    for a, b in PAIRS:
        for lang in LANGS:
            name = "%s-%s.%s.txt" % (a, b, lang)
            path = os.path.join(GOLDEN, name)
            rc, out = run("compare", a, b, "--lang", lang)
            check(rc == 0, "%s: exit %d" % (name, rc))
            if update:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(out)
            try:
                with open(path, encoding="utf-8") as f:
                    want = f.read()
            except OSError:
                want = None
            check(want == out, "%s: output differs from the golden page "
                  "(rerun with --update after reviewing)" % name)
            lines = out.split("\n")
            # Title with both codes, first line.
            check(lines[0].startswith("SMTP %s " % a) and
                  " vs %s " % b in lines[0], "%s: title %r" % (name, lines[0]))
            # Each code's description, when and fix, twice; the key
            # differences numbered 1..; when to use which with both fixes.
            h = HEADINGS[lang]
            for heading in h[:3]:
                check(sum(1 for l in lines if l.strip() == heading) == 2,
                      "%s: heading %r not twice" % (name, heading))
            for heading in h[3:]:
                check(heading in lines, "%s: heading %r" % (name, heading))
            if h[3] in lines and h[4] in lines:
                i, j = lines.index(h[3]), lines.index(h[4])
                points = [l for l in lines[i + 1:j] if l.strip()]
                check(len(points) >= 5 and all(
                    p.strip().startswith("%d. " % (k + 1))
                    for k, p in enumerate(points) if not p.startswith("     ")),
                    "%s: numbered key differences" % name)
                which = [l for l in lines[j + 1:] if l.strip()]
                check(len(which) >= 2 and a in which[0] and
                      any(b in w for w in which[1:]),
                      "%s: when to use which" % name)
            if lang == "fr":
                # French typography: no plain space before : ; ? !
                bad = [l for l in lines if any(" " + c in l for c in ":;?!")]
                check(not bad, "%s: plain space before French punctuation: %r"
                      % (name, bad[:1]))
            # The JSON carries the same parts.
            rc, js = run("compare", a, b, "--lang", lang, "--json")
            check(rc == 0, "%s: --json exit %d" % (name, rc))
            try:
                d = json.loads(js)
            except ValueError:
                d = {}
                check(False, "%s: --json is not JSON" % name)
            check(d.get("title") == lines[0], "%s: JSON title" % name)
            hd = d.get("headings", {})
            check([hd.get(k) for k in ("description", "when", "fix",
                                       "differences", "which")] == h,
                  "%s: JSON headings %r" % (name, hd))
            check(bool(d.get("summary")), "%s: JSON summary" % name)
            check(len(d.get("key_differences", [])) >= 5,
                  "%s: JSON key_differences" % name)
            check(len(d.get("when_to_use_which", [])) == 2,
                  "%s: JSON when_to_use_which" % name)
            for side, code in (("a", a), ("b", b)):
                s = d.get(side, {})
                check(s.get("code") == int(code) and s.get("description") and
                      s.get("when") and s.get("fix"),
                      "%s: JSON side %s" % (name, side))
    # The README shows this page as what `smtpreply compare 235 500` prints:
    # it must be the page, and --update rewrites it with the goldens (it had
    # kept an older layout for months after the page changed).
    readme_path = os.path.join(ROOT, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    intro = "`smtpreply compare 235 500` prints:\n\n```\n"
    start = readme.find(intro)
    end = readme.find("```\n", start + len(intro)) if start >= 0 else -1
    check(start >= 0 and end > 0, "README.md: the block after %r" % intro)
    if start >= 0 and end > 0:
        start += len(intro)
        rc, out = run("compare", "235", "500", "--lang", "en")
        if update:
            readme = readme[:start] + out + readme[end:]
            with open(readme_path, "w", encoding="utf-8") as f:
                f.write(readme)
        check(readme[start:end] == out, "README.md: `smtpreply compare 235 500` "
              "is not what it prints (rerun with --update after reviewing)")
    # Context is kept: --after and whole reply lines as operands.
    rc, out = run("compare", "--after", "RCPT",
                  "452 4.2.2 The recipient's inbox is out of storage space",
                  "550 5.1.1 The email account that you tried to reach does "
                  "not exist")
    check(rc == 0 and "452 4.2.2 The recipient" in out and
          "(after RCPT)" in out and "4.2.2" in out.split("\n")[0],
          "compare with --after and whole replies keeps the context")
    # Review defect 44: a reply pasted with newlines is not flagged bare_lf.
    rc, out = run("explain", "550-5.1.1 The email account\n550 5.1.1 does "
                  "not exist")
    check(rc == 0 and "bare_lf" not in out and "does not exist" in out,
          "explain of a pasted multi-line reply: %r" % out[:200])
    # Fallbacks said plainly (defect class of issue 14 item 4).
    for code, shown in (("5.1.999", "enhanced X.1"), ("5.9.9", "enhanced 5"),
                        ("599", "class 5")):
        rc, out = run("explain", code)
        check("%s itself is not a registered code" % code in out,
              "explain %s says it is not registered" % code)
        rc, js = run("explain", code, "--json")
        d = json.loads(js)
        check(d.get("fallback") is True and d.get("shown") == shown,
              "explain %s --json: fallback %r shown %r"
              % (code, d.get("fallback"), d.get("shown")))
    rc, js = run("explain", "550", "--json")
    d = json.loads(js)
    check(d.get("fallback") is False and d.get("shown") is None,
          "explain 550 --json is no fallback")
    # 101: no category, retry, the sender's side (defect 1).
    rc, out = run("explain", "101")
    check("Category" not in out and "Retry later" in out and
          "The sender's mail administrator" in out, "explain 101: %r"
          % out[-400:])
    return report()


if __name__ == "__main__":
    sys.exit(main())
