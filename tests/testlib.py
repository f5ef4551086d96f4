"""testlib.py - what the Python test scripts share: where the source tree
and the built CLI are, and the pass/fail tally every script ends with
("N passed, N failed", the line .ci/run and the Makefile add up)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.environ.get("BUILD", ".")
if not os.path.isabs(BUILD):
    BUILD = os.path.join(ROOT, BUILD)
BIN = os.path.join(BUILD, "smtpreply")

_tally = {"passed": 0, "failed": 0}


def check(cond, what, detail=""):
    """Counts one assertion; prints it when it fails. Returns cond."""
    if cond:
        _tally["passed"] += 1
    else:
        _tally["failed"] += 1
        print("FAIL: %s%s" % (what, (": " + str(detail)) if detail else ""))
    return cond


def failures():
    return _tally["failed"]


def report(prefix=""):
    """Prints the tally line; returns the exit status (1 on any failure)."""
    print("%s%d passed, %d failed" % (prefix, _tally["passed"], _tally["failed"]))
    return 1 if _tally["failed"] else 0
