"""Reads the read-loop streams of this folder (format: README.md).

    import readloop
    for s in readloop.load_all():          # or readloop.load(path)
        s.name, s.buffers, s.opts, s.data  # opts: {"strict": True, "max_line": 100, ...}
        for w in s.want:                   # w.failed, w.code, w.nlines, w.lines (None: not given)
            ...

Shared by tests/test_cli.py and the bindings' tests; the C test
(tests/test_readloop.c) reads the same files."""
import glob
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Want:
    def __init__(self, failed, code, nlines):
        self.failed, self.code, self.nlines, self.lines = failed, code, nlines, None

    def __repr__(self):
        return "%s %d %s" % ("failed" if self.failed else "reply", self.code, self.nlines)


class Stream:
    def __init__(self, name, path, lineno):
        self.name, self.path, self.lineno = name, path, lineno
        self.buffers, self.opts, self.want = [], {}, []
        self._parts = []

    @property
    def data(self):
        return b"".join(self._parts)


def unescape(s):
    out, i = bytearray(), 0
    simple = {"r": b"\r", "n": b"\n", "t": b"\t", "0": b"\0", "s": b" ", "\\": b"\\"}
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = s[i + 1]
        if e == "x":
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        else:
            out += simple[e]
            i += 2
    return bytes(out)


def load(path):
    streams, s = [], None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("==="):
                s = Stream(line[3:].strip(), path, lineno)
                streams.append(s)
                continue
            key, _, val = line.partition(":")
            val = val[1:] if val.startswith(" ") else val
            if key == "send":
                s._parts.append(unescape(val))
            elif key == "repeat":
                n, _, b = val.partition(" ")
                s._parts.append(unescape(b) * int(n))
            elif key == "buffer":
                s.buffers = [int(v) for v in val.split()]
            elif key == "opts":
                for w in val.split():
                    k, _, v = w.partition("=")
                    s.opts[k] = True if not v else (v.split(",") if k == "reject" else int(v))
            elif key in ("reply", "failed"):
                parts = val.split()
                s.want.append(Want(key == "failed", int(parts[0]),
                                   int(parts[1]) if key == "reply" else None))
            elif key in ("line", "lines"):
                w = s.want[-1]
                if w.lines is None:
                    w.lines = []
                if key == "lines":
                    n, _, t = val.partition(" ")
                    w.lines += [unescape(t)] * int(n)
                else:
                    w.lines.append(unescape(val))
            else:
                raise ValueError("%s:%d: unknown key %r" % (path, lineno, key))
    return streams


def load_all(folder=HERE):
    return [s for p in sorted(glob.glob(os.path.join(folder, "*.txt"))) for s in load(p)]
