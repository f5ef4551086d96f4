#!/usr/bin/env python3
"""The public functions of include/smtpreply.h, read from the header itself.

Every declaration that starts with SMTPREPLY_API is a public function; the
header is the source of truth for the man pages (tools/check_man.py), the
export check (mk/abi.mk) and the bindings' tests.

    python3 tools/smtpreply_api.py [--header H] --names       one name a line
    python3 tools/smtpreply_api.py --prototypes                one a line
    python3 tools/smtpreply_api.py --synopsis NAME             mdoc SYNOPSIS lines
"""
import argparse
import re
import sys

HEADER = "include/smtpreply.h"
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\.\.\.|[*(),\[\]]|\S")


def tokens(text):
    """C tokens of a declaration, for comparisons blind to spacing."""
    return _TOKEN.findall(text)


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), src, flags=re.S)
    return re.sub(r"//[^\n]*", "", src)


class Function:
    def __init__(self, ret, name, params):
        self.ret = ret          # "const char *"
        self.name = name        # "smtpreply_version"
        self.params = params    # ["const char *buf", "size_t len"] or ["void"]

    @property
    def prototype(self):
        sep = "" if self.ret.endswith("*") else " "
        return "%s%s%s(%s);" % (self.ret, sep, self.name, ", ".join(self.params))

    def token_list(self):
        return tokens(self.prototype)


def _split_params(text):
    params, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur)
            cur = ""
        else:
            cur += ch
    params.append(cur)
    return [" ".join(p.split()) for p in params if p.strip()]


def _norm_type(t):
    t = " ".join(t.split())
    return re.sub(r"\s*\*\s*", " *", t).replace("* *", "**").strip()


def parse_header(path=HEADER):
    src = strip_comments(open(path, encoding="utf-8").read())
    funcs = []
    for m in re.finditer(r"^\s*SMTPREPLY_API\b([^;]*);", src, flags=re.M):
        decl = " ".join(m.group(1).split())
        dm = re.match(r"(.*?)\b(smtpreply_[A-Za-z0-9_]*)\s*\((.*)\)\s*$", decl)
        if not dm:
            raise SystemExit("%s: cannot read declaration: %s" % (path, decl))
        ret, name, params = dm.groups()
        funcs.append(Function(_norm_type(ret), name, _split_params(params)))
    return funcs


def synopsis(func):
    """The mdoc lines of one function's SYNOPSIS entry."""
    lines = [".Ft %s" % func.ret]
    if func.params == ["void"]:
        lines.append(".Fn %s void" % func.name)
    else:
        lines.append(".Fo %s" % func.name)
        lines += ['.Fa "%s"' % p for p in func.params]
        lines.append(".Fc")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", default=HEADER)
    ap.add_argument("--names", action="store_true")
    ap.add_argument("--prototypes", action="store_true")
    ap.add_argument("--synopsis")
    a = ap.parse_args()
    funcs = parse_header(a.header)
    if a.names:
        print("\n".join(sorted(f.name for f in funcs)))
    if a.prototypes:
        print("\n".join(f.prototype for f in funcs))
    if a.synopsis:
        for f in funcs:
            if f.name == a.synopsis:
                print("\n".join(synopsis(f)))
                return 0
        print("no function %s in %s" % (a.synopsis, a.header), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
