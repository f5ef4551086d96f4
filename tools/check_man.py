#!/usr/bin/env python3
"""Checks the section 3 man pages against the public header.

    python3 tools/check_man.py [--cc CC] [--lib LIBSMTPREPLY.a] [--no-lint]
                               [--no-examples] [--keep DIR]

For every function declared SMTPREPLY_API in include/smtpreply.h:
  - docs/man3/NAME.3 exists, its .Dt and NAME section name the function,
    and its SYNOPSIS prototype matches the header's token for token;
  - the overview page smtpreply.3 refers to it;
and for every page (docs/man3/*.3 and the CLI's docs/*.1):
  - every function in its SYNOPSIS is declared in the header as shown;
  - every .Xr to an smtpreply page points to a page that exists;
  - `mandoc -Tlint` reports nothing. mandoc's lint looks for referenced
    pages under /usr/share/man only, so a "referenced manual not found"
    for one of this tree's own pages (checked above) is not counted;
  - the code of its EXAMPLES section (.Bd -literal blocks, a whole program)
    compiles with -Wall -Wextra -Wpedantic -Werror against the header and
    the library, and runs, exiting 0.
Prints one line per failure and ends with "N passed, N failed".
"""
import argparse
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smtpreply_api  # noqa: E402

ESCAPES = {
    r"\e": "\\", r"\&": "", r"\(dq": '"', r"\(aq": "'", r"\-": "-",
    r"\(ga": "`", r"\(ti": "~", r"\(ha": "^", r"\(rs": "\\",
}
_ESC = re.compile(r"\\(\(..|.)")


def unescape(line, where):
    def repl(m):
        s = m.group(0)
        if s not in ESCAPES:
            raise ValueError("%s: escape %s not understood in example" % (where, s))
        return ESCAPES[s]
    return _ESC.sub(repl, line)


def macro_args(line):
    """Arguments of a macro line, with mdoc's double quotes."""
    args, cur, quoted, i = [], "", False, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"':
                if line[i + 1:i + 2] == '"':
                    cur += '"'
                    i += 1
                else:
                    quoted = False
                    args.append(cur)
                    cur = None
            else:
                cur += ch
        elif ch == '"' and not cur:
            quoted = True
            cur = ""
        elif ch in " \t":
            if cur:
                args.append(cur)
            cur = ""
        else:
            if cur is None:
                cur = ""
            cur += ch
        i += 1
    if cur:
        args.append(cur)
    return [a for a in args if a is not None]


class Page:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.lines = open(path, encoding="utf-8").read().split("\n")
        self.sections = {}
        cur = None
        for i, line in enumerate(self.lines):
            if line.startswith(".Sh ") or line.startswith(".SH "):
                cur = line[4:].strip().strip('"')
                self.sections[cur] = []
            elif cur is not None:
                self.sections[cur].append((i + 1, line))

    def dt(self):
        for line in self.lines:
            if line.startswith(".Dt ") or line.startswith(".TH "):
                return macro_args(line[4:])
        return []

    def names(self):
        out = []
        for _, line in self.sections.get("NAME", []):
            if line.startswith(".Nm "):
                out += [a for a in macro_args(line[4:]) if a not in (",",)]
        return [n.rstrip(",") for n in out]

    def synopsis(self):
        """{name: (tokens, lineno)} of the functions in SYNOPSIS."""
        out, ft, fo, fa, at = {}, None, None, [], 0
        for no, line in self.sections.get("SYNOPSIS", []):
            if line.startswith(".Ft "):
                ft = line[4:].strip().strip('"')
            elif line.startswith(".Fn "):
                args = macro_args(line[4:])
                out[args[0]] = (self._proto(ft, args[0], args[1:]), no)
                ft = None
            elif line.startswith(".Fo "):
                fo, fa, at = macro_args(line[4:])[0], [], no
            elif line.startswith(".Fa ") and fo:
                fa += macro_args(line[4:])
            elif line.startswith(".Fc") and fo:
                out[fo] = (self._proto(ft, fo, fa), at)
                fo, ft = None, None
        return out

    @staticmethod
    def _proto(ft, name, args):
        return smtpreply_api.tokens("%s %s(%s);" % (ft or "", name, ", ".join(args)))

    def xrefs(self):
        out = []
        for i, line in enumerate(self.lines):
            if line.startswith("."):
                for m in re.finditer(r"\bXr\s+(\S+)\s+(\d\w*)", line):
                    out.append((m.group(1), m.group(2), i + 1))
        return out

    def example(self):
        code, inside = [], False
        for no, line in self.sections.get("EXAMPLES", []):
            if line.startswith(".Bd ") and "-literal" in line:
                inside = True
            elif line.startswith(".Ed"):
                inside = False
            elif inside:
                code.append(unescape(line, "%s:%d" % (self.name, no)))
        return "\n".join(code) + "\n" if code else ""


class Checker:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            if self.verbose:
                print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what + (": " + detail if detail else ""))
        return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", default="include/smtpreply.h")
    ap.add_argument("--dir", default="docs/man3")
    ap.add_argument("--cc", action="append",
                    help="compiler for the examples (repeat for several; default $CC or cc)")
    ap.add_argument("--lib", default="libsmtpreply.a")
    ap.add_argument("--no-lint", action="store_true")
    ap.add_argument("--no-examples", action="store_true")
    ap.add_argument("--keep", help="write the extracted examples here")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    a.cc = a.cc or [os.environ.get("CC", "cc")]
    c = Checker(a.verbose)

    funcs = {f.name: f for f in smtpreply_api.parse_header(a.header)}
    paths = sorted(glob.glob(os.path.join(a.dir, "*.3")))
    pages = {os.path.basename(p)[:-2]: Page(p) for p in paths}
    man1 = sorted(glob.glob(os.path.join(os.path.dirname(a.dir.rstrip("/")) or ".", "*.1")))
    own = {(n, "3") for n in pages} | {(os.path.basename(p)[:-2], "1") for p in man1}
    c.check(len(funcs) > 0, "header declares SMTPREPLY_API functions")

    # Every function has its page, named and prototyped as in the header.
    for name, f in sorted(funcs.items()):
        page = pages.get(name)
        if not c.check(page is not None, "%s has a page" % name, "no %s/%s.3" % (a.dir, name)):
            continue
        dt = page.dt()
        c.check(dt[:2] == [name.upper(), "3"], "%s: .Dt %s 3" % (page.name, name.upper()),
                "found .Dt %s" % " ".join(dt))
        c.check(name in page.names(), "%s: NAME section names %s" % (page.name, name))
        syn = page.synopsis()
        want = f.token_list()
        got = syn.get(name)
        c.check(got is not None and got[0] == want,
                "%s: SYNOPSIS prototype matches the header" % page.name,
                "header: %s\n     page:   %s\n     (write it as:\n%s)" % (
                    f.prototype, " ".join(got[0]) if got else "(none)",
                    "\n".join("       " + s for s in smtpreply_api.synopsis(f))))
        c.check(any(ln.startswith(".In smtpreply.h") for _, ln in page.sections.get("SYNOPSIS", [])),
                "%s: SYNOPSIS includes smtpreply.h" % page.name)
        c.check(bool(page.example()), "%s: has an EXAMPLES program" % page.name)

    # Every page: only header functions, as declared; valid references.
    for name, page in sorted(pages.items()):
        if name != "smtpreply":
            c.check(name in funcs, "%s documents a function of the header" % page.name,
                    "%s is not declared SMTPREPLY_API in %s" % (name, a.header))
        for fn, (toks, no) in sorted(page.synopsis().items()):
            if fn in funcs and fn != name:
                c.check(toks == funcs[fn].token_list(),
                        "%s:%d: %s as in the header" % (page.name, no, fn),
                        "header: %s" % funcs[fn].prototype)
            elif fn not in funcs:
                c.check(False, "%s:%d: %s" % (page.name, no, fn), "not in the header")
        for xname, xsec, no in page.xrefs():
            if xname.startswith("smtpreply") or xname.startswith("libsmtpreply"):
                c.check((xname, xsec) in own, "%s:%d: .Xr %s %s exists" % (page.name, no, xname, xsec))
    overview = pages.get("smtpreply")
    if c.check(overview is not None, "overview page smtpreply.3 exists"):
        refs = {x for x, s, _ in overview.xrefs() if s == "3"}
        missing = sorted(set(funcs) - refs)
        c.check(not missing, "smtpreply.3 refers to every function", "missing: " + " ".join(missing))

    if not a.no_lint:
        lint(c, paths + man1, own)
    if not a.no_examples:
        examples(c, a, pages)
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


def lint(c, paths, own):
    if not shutil.which("mandoc"):
        c.check(False, "mandoc is installed", "apt-get install mandoc")
        return
    for p in paths:
        r = subprocess.run(["mandoc", "-Tlint", "-Wall", p], capture_output=True, text=True)
        msgs = []
        for m in (r.stdout + r.stderr).splitlines():
            x = re.search(r"STYLE: referenced manual not found: Xr (\S+) (\S+)", m)
            if x and (x.group(1), x.group(2)) in own:
                continue
            # About the machine's own page database, not about this page.
            if "outdated mandoc.db lacks" in m:
                continue
            msgs.append(m)
        c.check(not msgs, "%s: mandoc -Tlint is clean" % os.path.basename(p), "\n     ".join(msgs))


def examples(c, a, pages):
    if not os.path.exists(a.lib):
        c.check(False, "library %s is built" % a.lib, "run make first")
        return
    inc = os.path.dirname(os.path.abspath(a.header))
    lib = os.path.abspath(a.lib)
    tmp = a.keep or tempfile.mkdtemp(prefix="man-examples.")
    os.makedirs(tmp, exist_ok=True)
    def one(name, page):
        """Builds and runs one page's example: its checks, in order, as
        (ok, what, detail)."""
        try:
            code = page.example()
        except ValueError as e:
            return [(False, "%s: example readable" % page.name, str(e))]
        if not code:
            return []
        src = os.path.join(tmp, name + ".c")
        exe = os.path.join(tmp, name)
        with open(src, "w") as f:
            f.write(code)
        out = []
        for cc in a.cc:
            cmd = [cc, "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                   "-D_POSIX_C_SOURCE=200809L", "-I", inc, "-o", exe, src, lib]
            r = subprocess.run(cmd, capture_output=True, text=True)
            out.append((r.returncode == 0, "%s: example compiles (%s)" % (page.name, cc),
                        (r.stdout + r.stderr).strip()))
        if not all(ok for ok, _, _ in out):
            return out
        try:
            r = subprocess.run([exe], capture_output=True, text=True, timeout=20,
                               stdin=subprocess.DEVNULL, cwd=tmp)
            ok, text = r.returncode == 0, (r.stdout + r.stderr)[-2000:]
        except subprocess.TimeoutExpired:
            ok, text = False, "timed out"
        out.append((ok, "%s: example runs and exits 0" % page.name, text))
        return out

    # The pages are independent: built and run one per core at a time, their
    # checks then counted in the pages' order.
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            jobs = [pool.submit(one, name, page) for name, page in sorted(pages.items())]
            for job in jobs:
                for ok, what, detail in job.result():
                    c.check(ok, what, detail)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
