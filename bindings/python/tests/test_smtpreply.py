#!/usr/bin/env python3
"""Tests of the Python bindings (unittest, standard library only).

    python3 bindings/python/tests/test_smtpreply.py      (make check-bindings)

Uses $SMTPREPLY_LIBRARY, else the source tree's libsmtpreply.so.1. Ends
with "N passed, N failed".
"""
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(HERE)
TOP = os.path.abspath(os.path.join(PKG, "..", ".."))
if os.environ.get("SMTPREPLY_TEST_INSTALLED") != "1":
    sys.path.insert(0, PKG)  # else: the installed package, as a user has it

import smtpreply  # noqa: E402
from smtpreply import _lib  # noqa: E402

HEADER = os.path.join(TOP, "include", "smtpreply.h")


def header_text():
    with open(HEADER, encoding="utf-8") as f:
        return f.read()


class TestLayout(unittest.TestCase):
    """The ctypes mirror of the header must be the C layout."""

    def test_sizes_and_offsets_match_c(self):
        cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.fail("no C compiler to check the layout with")
        prog = r"""
#include <smtpreply.h>
#include <stddef.h>
#include <stdio.h>
#define S(t) printf(#t " %zu\n", sizeof(struct t));
#define O(t, m) printf(#t "." #m " %zu\n", offsetof(struct t, m));
int main(void) {
  S(smtpreply) S(smtpreply_options) S(smtpreply_parser) S(smtpreply_iter)
  S(smtpreply_ehlo_iter) S(smtpreply_str) S(smtpreply_enhanced) S(smtpreply_diagnosis)
  O(smtpreply_diagnosis, verdict) O(smtpreply_diagnosis, code) O(smtpreply_diagnosis, enhanced)
  O(smtpreply_diagnosis, provider) O(smtpreply_diagnosis, reserved_)
  O(smtpreply, code) O(smtpreply, first_code) O(smtpreply, klass) O(smtpreply, flags)
  O(smtpreply, enhanced) O(smtpreply, nlines) O(smtpreply, raw) O(smtpreply, error_offset)
  O(smtpreply, skip) O(smtpreply, first_line) O(smtpreply, last_line) O(smtpreply, expl)
  O(smtpreply, expl_enhanced) O(smtpreply, reserved_)
  O(smtpreply_options, reject) O(smtpreply_options, max_line) O(smtpreply_options, max_lines)
  O(smtpreply_options, max_reply) O(smtpreply_options, reserved_)
  O(smtpreply_parser, opts) O(smtpreply_parser, state_)
  return 0;
}
"""
        d = tempfile.mkdtemp()
        try:
            src, exe = os.path.join(d, "layout.c"), os.path.join(d, "layout")
            with open(src, "w") as f:
                f.write(prog)
            subprocess.run([cc, "-I", os.path.join(TOP, "include"), "-o", exe, src], check=True)
            out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        finally:
            shutil.rmtree(d)
        names = {"smtpreply": _lib.Reply, "smtpreply_options": _lib.Options,
                 "smtpreply_parser": _lib.Parser, "smtpreply_iter": _lib.Iter,
                 "smtpreply_ehlo_iter": _lib.EhloIter, "smtpreply_str": _lib.Str,
                 "smtpreply_enhanced": _lib.Enhanced, "smtpreply_diagnosis": _lib.Diagnosis}
        for line in out.splitlines():
            what, value = line.split()
            if "." in what:
                t, m = what.split(".")
                self.assertEqual(getattr(names[t], m).offset, int(value), what)
            else:
                import ctypes
                self.assertEqual(ctypes.sizeof(names[what]), int(value), what)

    def test_constants_match_header(self):
        h = header_text()
        for c in smtpreply.Command:
            self.assertRegex(h, r"SMTPREPLY_CMD_%s = %d\b" % (c.name, c.value))
        bits = dict(re.findall(r"#define (SMTPREPLY_F_\w+)\s+(0x[0-9a-fA-F]+)u", h))
        strict = re.search(r"#define SMTPREPLY_STRICT\s*\\?\s*\((.*?)\)\n", h, re.S).group(1)
        value = 0
        for name in re.findall(r"SMTPREPLY_F_\w+", strict):
            value |= int(bits[name], 16)
        self.assertEqual(smtpreply.STRICT, value)
        self.assertEqual(len(smtpreply.FLAGS), len(bits))
        xbits = dict(re.findall(r"#define SMTPREPLY_X_(\w+)\s+(0x[0-9a-fA-F]+)u", h))
        from smtpreply import _explain
        self.assertEqual({int(v, 16): k.lower() for k, v in xbits.items()}, _explain._XFLAGS)
        for name, value in _explain._FIELDS.items():
            self.assertRegex(h, r"SMTPREPLY_FIELD_%s = %d\b" % (name.upper(), value))

    def test_every_function_has_a_prototype(self):
        sys.path.insert(0, os.path.join(TOP, "tools"))
        import smtpreply_api
        names = {f.name for f in smtpreply_api.parse_header(HEADER)}
        self.assertEqual(names, set(_lib.PROTOTYPES))


class TestParse(unittest.TestCase):
    def test_one_line(self):
        r = smtpreply.parse(b"250 OK\r\n")
        self.assertEqual((r.code, r.klass, r.first_code), (250, 2, 250))
        self.assertIsNone(r.enhanced)
        self.assertEqual(r.lines, ["OK"])
        self.assertEqual(r.flags, frozenset())
        self.assertEqual(r.length, 8)
        self.assertEqual(r.raw, b"250 OK\r\n")
        self.assertEqual(r.action, "success")
        self.assertEqual(r.reason, "none")

    def test_multiline_enhanced(self):
        data = (b"550-5.1.1 <bob@example.org>: Recipient address rejected:\r\n"
                b"550 5.1.1 User unknown in virtual mailbox table\r\nNEXT")
        r = smtpreply.parse(data, command="RCPT TO:<bob@example.org>")
        self.assertEqual(r.code, 550)
        self.assertEqual(r.enhanced, (5, 1, 1))
        self.assertEqual(str(r.enhanced), "5.1.1")
        self.assertEqual(r.enhanced.subject, 1)
        self.assertEqual(r.lines, ["<bob@example.org>: Recipient address rejected:",
                                   "User unknown in virtual mailbox table"])
        self.assertEqual(r.length, len(data) - 4)
        self.assertEqual(r.command, smtpreply.Command.RCPT)
        self.assertEqual((r.action, r.reason, r.party), ("fail", "user_unknown", "sender"))
        self.assertTrue(r.text.startswith("<bob@example.org>: Recipient"))

    def test_str_input_and_flags(self):
        r = smtpreply.parse("250-mx\n250 OK\n")
        self.assertIn("bare_lf", r.flags)
        self.assertTrue(r.flag_bits & 0x1)

    def test_leading_empty_lines_counted(self):
        r = smtpreply.parse(b"\r\n\r\n221 bye\r\n")
        self.assertEqual(r.length, 13)
        self.assertIn("leading_empty", r.flags)
        self.assertEqual(r.raw, b"221 bye\r\n")

    def test_eight_bit_text(self):
        r = smtpreply.parse("550 5.1.1 Adresse inconnue: josé@example.fr\r\n".encode())
        self.assertEqual(r.lines[0], "Adresse inconnue: josé@example.fr")
        self.assertIn("eight_bit", r.flags)
        r = smtpreply.parse(b"550 bad \xff byte\r\n")
        self.assertIn("invalid_utf8", r.flags)
        self.assertEqual(r.raw_lines, [b"bad \xff byte"])
        self.assertEqual(r.lines, ["bad \ufffd byte"])

    def test_errors(self):
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"25 OK\r\n250 OK\r\n")
        e = cm.exception
        self.assertEqual((e.result, e.code, e.skip), ("bad_code", -2, 7))
        self.assertNotIsInstance(e, smtpreply.IncompleteError)
        self.assertIsInstance(e, ValueError)
        with self.assertRaises(smtpreply.IncompleteError) as cm:
            smtpreply.parse(b"250-first\r\n250 sec")
        self.assertEqual(cm.exception.result, "incomplete")
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"699 what\r\n")
        self.assertEqual(cm.exception.result, "code_range")

    def test_options(self):
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"250 OK\n", strict=True)
        self.assertEqual(cm.exception.result, "rejected")
        with self.assertRaises(smtpreply.ParseError):
            smtpreply.parse(b"250 OK\n", reject=["bare_lf"])
        self.assertEqual(smtpreply.parse(b"250 OK\n", reject=["nul"]).code, 250)
        with self.assertRaises(ValueError):
            smtpreply.parse(b"250 OK\r\n", reject=["no_such_flag"])
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"250 " + b"x" * 100 + b"\r\n", max_line=50)
        self.assertEqual(cm.exception.result, "line_too_long")
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"250-a\r\n250-b\r\n250 c\r\n", max_lines=2)
        self.assertEqual(cm.exception.result, "too_many_lines")

    def test_reply_outlives_its_buffer(self):
        buf = bytearray(b"550 5.7.1 relay denied\r\n")
        r = smtpreply.parse(bytes(buf))
        buf[:] = b"x" * len(buf)
        del buf
        gc.collect()
        self.assertEqual(r.lines, ["relay denied"])
        self.assertEqual(r.reason, "relay_denied")
        self.assertTrue(r.format().startswith("550 5.7.1 relay denied"))

    def test_command_changes_meaning(self):
        r = smtpreply.parse(b"552 5.5.3 Too many recipients\r\n")
        self.assertEqual(r.action_for("RCPT"), "retry")
        self.assertEqual(r.action_for(smtpreply.Command.DOT), "fail")
        r.command = "RCPT"
        self.assertEqual(r.action, "retry")
        self.assertEqual(smtpreply.command("mail from:<a@b>"), smtpreply.Command.MAIL)
        self.assertEqual(smtpreply.command("."), smtpreply.Command.DOT)
        self.assertEqual(smtpreply.command("end of data"), smtpreply.Command.DOT)
        with self.assertRaises(smtpreply.UnknownCommandError):
            smtpreply.command("xyzzy")
        self.assertEqual(smtpreply.command("unknown"), smtpreply.Command.UNKNOWN)
        self.assertEqual(smtpreply.command(None), smtpreply.Command.UNKNOWN)
        self.assertEqual(str(smtpreply.Command.RCPT), "RCPT")


class TestExplain(unittest.TestCase):
    def test_reply_explanation(self):
        r = smtpreply.parse(b"550 5.1.1 no such user\r\n", command="RCPT")
        e = r.explanation
        for field in ("name", "description", "when", "fix", "source", "key"):
            self.assertIsInstance(getattr(e, field), str)
        self.assertTrue(e.name and e.description and e.fix)
        self.assertIn("reply", e.flags)
        self.assertEqual(e.code, 550)
        x = r.enhanced_explanation
        self.assertIn("enhanced", x.flags)
        self.assertEqual(x.enhanced, (-1, 1, 1))
        self.assertIsNone(x.code)
        self.assertEqual(set(e.as_dict()), {"key", "name", "description", "when", "fix",
                                            "source", "flags"})

    def test_explain_forms(self):
        self.assertEqual(smtpreply.explain(550).code, 550)
        self.assertEqual(smtpreply.explain("550").code, 550)
        self.assertIn("enhanced", smtpreply.explain("5.7.26").flags)
        self.assertIn("enhanced", smtpreply.explain("550 5.7.26").flags)
        self.assertEqual(smtpreply.explain((5, 7, 26)), smtpreply.explain("5.7.26"))
        self.assertIn("class", smtpreply.explain("2xx").flags)
        self.assertIn("fallback", smtpreply.explain(599).flags)
        self.assertIn("class", smtpreply.explain_class(451).flags)
        self.assertIn("category", smtpreply.explain_category(421).flags)
        after = smtpreply.explain(354, command="DATA")
        self.assertEqual(after.code, 354)

    def test_languages(self):
        langs = smtpreply.languages()
        self.assertEqual(langs[0], "en")
        self.assertIn("fr", langs)
        self.assertEqual(smtpreply.language_match("fr_FR.UTF-8"), "fr")
        self.assertEqual(smtpreply.language_match("xx"), "en")
        e = smtpreply.explain("5.1.1")
        self.assertNotEqual(e.in_language("fr").name, e.name)
        self.assertEqual(e.text("name", lang="fr"), e.in_language("fr").name)
        self.assertEqual(smtpreply.heading("fix"), "How to fix")
        self.assertTrue(smtpreply.heading("fix", "fr"))

    def test_table(self):
        all_ = smtpreply.explanations()
        self.assertGreater(len(all_), 100)
        self.assertTrue(any("provider" in e.flags for e in all_))
        self.assertEqual(len({e.key for e in all_}), len(all_))

    def test_reason_text_and_provider(self):
        r = smtpreply.parse(b"550-5.7.26 This mail has been blocked because the sender is\r\n"
                            b"550 5.7.26 unauthenticated. - gsmtp\r\n", command=".")
        self.assertEqual(r.provider, "google")
        self.assertIsNotNone(r.provider_explanation)
        self.assertIn("provider", r.provider_explanation.flags)
        self.assertTrue(r.reason_text())
        self.assertTrue(r.reason_description())

    def test_words_for_people(self):
        r = smtpreply.parse(b"452 4.2.2 Mailbox full\r\n", command="RCPT")
        self.assertEqual(r.action_text(), "Retry later")
        self.assertTrue(r.action_description())
        self.assertEqual(r.reason_text(), "Mailbox full")
        self.assertIn("mailbox", r.reason_description().lower())
        self.assertEqual(r.party, "recipient")
        self.assertEqual(r.party_text(), "The recipient")
        self.assertNotEqual(r.party_text("fr"), r.party_text())
        self.assertIsNone(smtpreply.parse(b"550 no\r\n").provider)


class TestFormat(unittest.TestCase):
    def test_log_line(self):
        r = smtpreply.parse(b"550-5.1.1 <bob@example.org>:\r\n550 5.1.1 no such user\r\n")
        self.assertEqual(r.format("mx.example.org", "RCPT"),
                         "host mx.example.org said: 550 5.1.1 <bob@example.org>: no such user "
                         "(in reply to RCPT TO command)")
        self.assertEqual(r.format(), "550 5.1.1 <bob@example.org>: no such user")

    def test_escapes(self):
        r = smtpreply.parse(b"550 evil\x1b[2J\rfake line\r\n")
        line = r.format()
        self.assertNotIn("\x1b", line)
        self.assertNotIn("\r", line)
        self.assertIn("\\x1B", line.replace("\\x1b", "\\x1B"))
        r = smtpreply.parse("550 café\r\n".encode())
        self.assertEqual(r.format(), "550 café")
        self.assertEqual(r.format(ascii=True), "550 caf\\xC3\\xA9")


class TestParser(unittest.TestCase):
    WIRE = (b"220 mx.example.org ESMTP\r\n"
            b"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n"
            b"250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
            b"250 2.1.0 Ok\r\n550 5.1.1 unknown\r\n354 go ahead\r\n"
            b"250 2.0.0 Ok: queued as 4AbCd\r\n")

    def test_byte_by_byte(self):
        p = smtpreply.Parser()
        out = []
        for i in range(len(self.WIRE)):
            out += p.feed(self.WIRE[i:i + 1])
        self.assertEqual([r.code for r in out], [220, 250, 250, 550, 354, 250])
        self.assertEqual(p.pending, b"")
        self.assertEqual(list(p.errors), [])
        ehlo = out[1]
        self.assertEqual(list(ehlo.extensions), ["PIPELINING", "SIZE", "AUTH", "8BITMIME"])
        self.assertEqual(ehlo.extensions["SIZE"], "1000000")
        self.assertEqual(ehlo.size_limit, 1000000)
        self.assertTrue(ehlo.has_auth("plain"))
        self.assertFalse(ehlo.has_auth("CRAM-MD5"))
        self.assertIsNone(out[0].size_limit)
        self.assertEqual(out[5].queue_id, "4AbCd")
        self.assertIsNone(out[4].queue_id)

    def test_pipelined_in_one_chunk_with_commands(self):
        p = smtpreply.Parser(commands=["GREETING", "EHLO", "MAIL", "RCPT", "DATA", "."])
        out = p.feed(self.WIRE)
        self.assertEqual(len(out), 6)
        self.assertEqual([r.command.name for r in out],
                         ["GREETING", "EHLO", "MAIL", "RCPT", "DATA", "DOT"])
        self.assertEqual([r.action for r in out],
                         ["success", "success", "success", "fail", "continue", "success"])
        self.assertEqual(out[3].reason, "user_unknown")
        self.assertEqual(p.commands, [])

    def test_partial_then_rest(self):
        p = smtpreply.Parser()
        self.assertEqual(p.feed(b"421-mx.example.org closing\r\n421 4.3"), [])
        self.assertEqual(p.pending, b"421-mx.example.org closing\r\n421 4.3")
        with self.assertRaises(smtpreply.IncompleteError):
            p.close()
        out = p.feed(b".2 try later\r\n")
        self.assertEqual(len(out), 1)
        self.assertEqual(out[0].enhanced, (4, 3, 2))
        self.assertEqual(out[0].action, "retry")
        p.close()

    def test_errors_are_skipped_and_recorded(self):
        p = smtpreply.Parser()
        out = p.feed(b"HTTP/1.1 400 Bad Request\r\n250 OK\r\n")
        self.assertEqual([r.code for r in out], [250])
        self.assertEqual(len(p.errors), 1)
        self.assertEqual(p.errors[0].result, "bad_code")

    def test_reset(self):
        p = smtpreply.Parser()
        p.feed(b"250-partial\r\n")
        p.reset()
        self.assertEqual(p.pending, b"")
        self.assertEqual([r.code for r in p.feed(b"220 fresh\r\n")], [220])

    def test_strict_parser(self):
        p = smtpreply.Parser(strict=True)
        out = p.feed(b"250 bare\n250 OK\r\n")
        self.assertEqual([r.lines for r in out], [["OK"]])
        self.assertEqual(p.errors[0].result, "rejected")

    def test_replies_survive_later_feeds(self):
        p = smtpreply.Parser()
        first = p.feed(b"250 first\r\n")[0]
        for _ in range(50):
            p.feed(b"250 " + b"y" * 200 + b"\r\n")
        gc.collect()
        self.assertEqual(first.lines, ["first"])


CASES = os.path.join(TOP, "tests", "bindings", "cases.tsv")
_ESC = {b"r": b"\r", b"n": b"\n", b"t": b"\t", b"\\": b"\\"}


def unescape(text):
    """The escapes of cases.tsv: \\r \\n \\t \\\\ \\xHH."""
    return re.sub(rb"\\(x[0-9a-fA-F]{2}|.)",
                  lambda m: _ESC.get(m.group(1)) or bytes([int(m.group(1)[1:], 16)]),
                  text.encode())


def read_cases():
    with open(CASES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


class TestSharedCases(unittest.TestCase):
    """tests/bindings/cases.tsv: the results every binding must give."""

    def check(self, f, got_reply, got_error):
        (name, _cmd, _input, result, num, code, enhanced, flags, lines,
         action, reason, party, key, log, extra) = f
        extras = dict(x.split("=", 1) for x in extra.split()) if extra != "-" else {}
        if result != "ok":
            self.assertIsNotNone(got_error, name)
            self.assertEqual(got_error.result, result, name)
            self.assertEqual(got_error.offset, int(num), name)
            if "skip" in extras:
                self.assertEqual(got_error.skip, int(extras["skip"]), name)
            return
        r = got_reply
        self.assertIsNotNone(r, name)
        self.assertEqual(r.length, int(num), name)
        self.assertEqual(r.code, int(code), name)
        self.assertEqual(str(r.enhanced) if r.enhanced else "-", enhanced, name)
        self.assertEqual(",".join(sorted(r.flags)) or "-", flags, name)
        self.assertEqual(r.raw_lines, [unescape(x) for x in lines.split("|")], name)
        self.assertEqual((r.action, r.reason, r.party), (action, reason, party), name)
        self.assertIs(type(r.action), smtpreply.Action)
        self.assertEqual(r.explanation.key, key, name)
        self.assertEqual(r.format("mx.example.org").encode(), unescape(log), name)
        for k, v in extras.items():
            if k == "queue_id":
                self.assertEqual(r.queue_id, v, name)
            elif k == "size":
                self.assertEqual(r.size_limit, None if v == "-1" else int(v), name)
            elif k == "auth":
                self.assertTrue(r.has_auth(v), name)
            elif k == "ext":
                self.assertIn(v, r.extensions, name)
                self.assertIsNotNone(r.extension(v.lower()), name)
            elif k == "provider":
                self.assertEqual(r.provider, v, name)
            elif k == "verdict":
                self.assertEqual(r.verdict, v, name)
                self.assertEqual(r.diagnose().verdict, v, name)
            elif k == "confidence":
                self.assertEqual(r.diagnose().confidence, v, name)
            else:
                self.fail("%s: unknown check %s" % (name, k))

    def test_cases_one_shot(self):
        n = 0
        for f in read_cases():
            self.assertEqual(len(f), 15, f[0])
            cmd = None if f[1] == "-" else f[1]
            reply = error = None
            try:
                reply = smtpreply.parse(unescape(f[2]), command=cmd)
            except smtpreply.ParseError as e:
                error = e
            self.check(f, reply, error)
            n += 1
        self.assertGreaterEqual(n, 10)

    def test_cases_streaming_byte_by_byte(self):
        for f in read_cases():
            if f[3] != "ok":
                continue
            data = unescape(f[2])
            p = smtpreply.Parser(commands=[None if f[1] == "-" else f[1]])
            out = []
            for i in range(len(data)):
                out += p.feed(data[i:i + 1])
            self.check(f, out[0] if out else None, None)


class TestEnums(unittest.TestCase):
    def test_names_match_the_library(self):
        from smtpreply._lib import lib
        for a in smtpreply.Action:
            self.assertEqual(lib.smtpreply_action_name(a.number).decode(), a.value)
        for r in smtpreply.Reason:
            self.assertEqual(lib.smtpreply_reason_name(r.number).decode(), r.value)
        self.assertEqual(lib.smtpreply_reason_name(len(smtpreply.Reason)), b"")
        for p in smtpreply.Party:
            self.assertEqual(lib.smtpreply_party_name(p.number).decode(), p.value)
        for v in smtpreply.Verdict:
            self.assertEqual(lib.smtpreply_verdict_name(v.number).decode(), v.value)
            self.assertTrue(v.text() and v.description("fr"))
        self.assertEqual(lib.smtpreply_verdict_name(len(smtpreply.Verdict)), b"")
        for c in smtpreply.Confidence:
            self.assertEqual(lib.smtpreply_confidence_name(c.number).decode(), c.value)
            self.assertTrue(c.text())
        for e in smtpreply.Evidence:
            self.assertEqual(lib.smtpreply_evidence_name(e.number).decode(), e.value)
        self.assertEqual(lib.smtpreply_evidence_name(len(smtpreply.Evidence)), b"")
        h = header_text()
        self.assertRegex(h, r"#define SMTPREPLY_REASON_COUNT %d\b" % len(smtpreply.Reason))
        self.assertRegex(h, r"#define SMTPREPLY_VERDICT_COUNT %d\b" % len(smtpreply.Verdict))

    def test_str_enum_behaviour(self):
        r = smtpreply.parse(b"452 4.2.2 full\r\n", "RCPT")
        self.assertEqual(r.action, "retry")
        self.assertEqual(str(r.action), "retry")
        self.assertEqual("%s/%s" % (r.action, r.reason), "retry/mailbox_full")
        self.assertEqual(f"{r.reason}", "mailbox_full")
        self.assertIs(smtpreply.Reason("mailbox_full"), smtpreply.Reason.MAILBOX_FULL)
        self.assertEqual(smtpreply.Reason.MAILBOX_FULL.party, smtpreply.Party.RECIPIENT)
        self.assertEqual(smtpreply.Action.RETRY.text(), "Retry later")
        self.assertNotEqual(smtpreply.Action.RETRY.text("fr"), "Retry later")
        self.assertEqual(smtpreply.Reason.from_number(2), smtpreply.Reason.USER_UNKNOWN)
        with self.assertRaises(ValueError):
            smtpreply.Action.from_number(99)


class TestDiagnosis(unittest.TestCase):
    def test_diagnose_agrees_with_the_single_calls(self):
        for data, cmd in [(b"550 5.1.1 <b@example.org>: User unknown\r\n", "RCPT"),
                          (b"452 4.2.2 Mailbox full\r\n", "RCPT"),
                          (b"421 4.7.0 Try again later, closing connection\r\n", "MAIL"),
                          (b"554 5.7.1 Message rejected as spam\r\n", "."),
                          (b"550 no\r\n", None), (b"250 ok\r\n", None)]:
            r = smtpreply.parse(data, cmd)
            d = r.diagnose()
            self.assertEqual((d.action, d.reason, d.verdict), (r.action, r.reason, r.verdict))
            self.assertEqual(d.code, r.code)
            self.assertEqual(d.enhanced, r.enhanced)
            self.assertEqual(d.provider, r.provider)
            self.assertIsInstance(d.confidence, smtpreply.Confidence)
            self.assertIsInstance(d.evidence, smtpreply.Evidence)
        r = smtpreply.parse(b"550 5.1.1 unknown user\r\n", "RCPT")
        self.assertEqual(r.diagnose("MAIL").reason, "sender_invalid")
        self.assertEqual(r.verdict_for("MAIL"), r.diagnose("MAIL").verdict)
        self.assertEqual(r.as_dict()["verdict"], "suppress")


class TestUnknownCommand(unittest.TestCase):
    def test_bogus_raises_everywhere(self):
        with self.assertRaises(smtpreply.UnknownCommandError) as cm:
            smtpreply.explain(550, command="BOGUS")
        self.assertIsInstance(cm.exception, ValueError)
        self.assertEqual(cm.exception.name, "BOGUS")
        with self.assertRaises(smtpreply.UnknownCommandError):
            smtpreply.parse(b"250 OK\r\n", command="BOGUS")
        r = smtpreply.parse(b"250 OK\r\n")
        with self.assertRaises(smtpreply.UnknownCommandError):
            r.command = "BOGUS"
        with self.assertRaises(smtpreply.UnknownCommandError):
            r.action_for("")
        with self.assertRaises(ValueError):
            smtpreply.explain(550, command=99)
        self.assertEqual(smtpreply.explain(550, command=None), smtpreply.explain(550))
        self.assertEqual(smtpreply.explain(550, command="UNKNOWN"), smtpreply.explain(550))
        self.assertEqual(smtpreply.explain("354", command="DATA").key, "reply 354 after DATA")
        with self.assertRaises(TypeError):
            smtpreply.explain("5.1.1", command="RCPT")


class TestStreamingSources(unittest.TestCase):
    WIRE = TestParser.WIRE

    def test_iterates_over_a_socket(self):
        import socket
        import threading
        a, b = socket.socketpair()

        def send():
            for i in range(0, len(self.WIRE), 7):  # odd pieces
                a.sendall(self.WIRE[i:i + 7])
            a.close()
        t = threading.Thread(target=send)
        t.start()
        try:
            codes = [r.code for r in smtpreply.Parser(b, chunk_size=5)]
        finally:
            t.join()
            b.close()
        self.assertEqual(codes, [220, 250, 250, 550, 354, 250])

    def test_iterates_over_a_file_and_an_iterable(self):
        import io
        replies = list(smtpreply.read_replies(io.BytesIO(self.WIRE), commands=["GREETING"]))
        self.assertEqual(len(replies), 6)
        self.assertEqual(replies[0].command, smtpreply.Command.GREETING)
        self.assertEqual(replies[1].command, smtpreply.Command.UNKNOWN)
        chunks = [self.WIRE[:10], self.WIRE[10:100], self.WIRE[100:]]
        self.assertEqual([r.code for r in smtpreply.Parser(iter(chunks))],
                         [220, 250, 250, 550, 354, 250])

    def test_cut_off_stream_raises_incomplete(self):
        import io
        it = iter(smtpreply.Parser(io.BytesIO(b"250 ok\r\n250-more\r\n")))
        self.assertEqual(next(it).code, 250)
        with self.assertRaises(smtpreply.IncompleteError) as cm:
            next(it)
        self.assertEqual(cm.exception.offset, 18)

    def test_no_source(self):
        with self.assertRaises(TypeError):
            iter(smtpreply.Parser()).__next__()

    def test_errors_are_bounded_and_offsets_count_the_stream(self):
        p = smtpreply.Parser(max_errors=4)
        junk = b"HTTP/1.1 400 Bad Request\r\n"
        out = p.feed(b"250 a\r\n")
        for _ in range(1000):
            out += p.feed(junk)
        out += p.feed(b"221 bye\r\n")
        self.assertEqual([r.code for r in out], [250, 221])
        self.assertEqual(len(p.errors), 4)
        self.assertEqual(p.error_count, 1000)
        self.assertEqual(p.errors[-1].offset, 7 + 999 * len(junk))
        self.assertEqual(p.errors[0].result, "bad_code")
        self.assertEqual(p.offset, 7 + 1000 * len(junk) + 9)

    def test_on_error_raise(self):
        import io
        with self.assertRaises(smtpreply.ParseError) as cm:
            list(smtpreply.Parser(io.BytesIO(b"250 ok\r\n699 no\r\n"), on_error="raise"))
        self.assertEqual((cm.exception.result, cm.exception.offset), ("code_range", 8))
        with self.assertRaises(ValueError):
            smtpreply.Parser(on_error="ignore")


class TestReadLoop(unittest.TestCase):
    """tests/readloop: a client's read loop over awkward streams, each with
    max_reply set to every listed buffer size and reads of random sizes."""

    def test_streams(self):
        sys.path.insert(0, os.path.join(TOP, "tests", "readloop"))
        import random
        import readloop
        streams = readloop.load_all()
        self.assertGreater(len(streams), 0)
        rng = random.Random(1234)
        for s in streams:
            data = s.data
            for size in s.buffers:
                opts = dict(s.opts)
                p = smtpreply.Parser(max_reply=size, **opts)
                got, i = [], 0
                while i < len(data):
                    n = rng.randint(1, min(size, 8192))
                    for e in p.feed_events(data[i:i + n]):
                        if isinstance(e, smtpreply.Reply):
                            got.append(("reply", e.code, e.raw_lines))
                        elif e.reply_code:
                            got.append(("failed", e.reply_code, None))
                    i += n
                p.close()
                where = "%s, buffer %d" % (s.name, size)
                self.assertEqual([g[:2] for g in got],
                                 [("failed" if w.failed else "reply", w.code) for w in s.want], where)
                for g, w in zip(got, s.want):
                    if not w.failed:
                        self.assertEqual(len(g[2]), w.nlines, where)
                        if w.lines is not None:
                            self.assertEqual(g[2], w.lines, where)

    def test_failed_reply_takes_its_command(self):
        p = smtpreply.Parser(commands=["EHLO", "MAIL"], max_lines=2)
        events = p.feed_events(b"250-a\r\n250-b\r\n250 c\r\n250 ok\r\n")
        self.assertIsInstance(events[0], smtpreply.ParseError)
        self.assertEqual((events[0].reply_code, events[0].command), (250, smtpreply.Command.EHLO))
        self.assertEqual(events[1].command, smtpreply.Command.MAIL)
        junk = p.feed_events(b"HTTP/1.1 400\r\n")[0]
        self.assertEqual((junk.reply_code, junk.command), (0, None))
        with self.assertRaises(smtpreply.ParseError) as cm:
            smtpreply.parse(b"250-a\r\n250-b\r\n250 c\r\n", max_lines=2)
        self.assertEqual(cm.exception.reply_code, 250)


class TestFind(unittest.TestCase):
    """Replies in logs, bounces and transcripts: tests/data/extract, each
    file with its FILE.expect (the records the C test also checks)."""

    def test_extract_data(self):
        folder = os.path.join(TOP, "tests", "data", "extract")
        names = sorted(n for n in os.listdir(folder)
                       if not n.endswith(".expect") and n != "README.md")
        self.assertGreater(len(names), 5)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            with open(os.path.join(folder, name + ".expect"), encoding="utf-8") as f:
                want = [x.rstrip("\n") for x in f if x.strip() and not x.startswith("#")]
            found = list(smtpreply.read_bounce(data) if name.endswith(".eml")
                         else smtpreply.find_replies(data))
            got = []
            for r in found:
                rep = r.reply
                got.append(" ".join(str(x) for x in [
                    r.source, int(rep is not None), r.command.name, rep.code if rep else 0,
                    (str(rep.enhanced) if rep and rep.enhanced else "-"),
                    len(rep.lines) if rep else 0,
                    r.recipient or "-", r.host or "-", r.status or "-"]))
                if not name.endswith(".eml"):  # a bounce's records may lie in decoded text
                    self.assertLessEqual(r.offset + r.length, len(data), name)
                if rep is None:
                    self.assertTrue(r.problem, name)
                if want[len(got):len(got) + 1] and want[len(got)].startswith("> "):
                    # "> TEXT" after a record: its reply lines joined by " | "
                    text = " | ".join(x.decode("utf-8", "replace") for x in rep.raw_lines) if rep else ""
                    got.append("> " + text)
            self.assertEqual(got, want, name)

    def test_found_data(self):
        """tests/data/found: each input with its NAME.want, one line a record
        ("recipient has_reply action reason verdict"), as tests/test_found.c
        replays them: the records' diagnosis agree with C's."""
        folder = os.path.join(TOP, "tests", "data", "found")
        names = sorted(n for n in os.listdir(folder)
                       if not n.startswith(".") and not n.endswith(".want") and n != "README.md")
        self.assertGreaterEqual(len(names), 10)
        records = 0
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            with open(os.path.join(folder, name + ".want"), encoding="utf-8") as f:
                want = [x.rstrip("\n") for x in f if x.strip()]
            found = list(smtpreply.read_bounce(data) if name.endswith(".eml")
                         else smtpreply.find_replies(data))
            got = []
            for r in found:
                d = r.diagnosis
                self.assertIsInstance(d, smtpreply.Diagnosis)
                got.append(" ".join(str(x) for x in [
                    r.recipient or "-", int(r.reply is not None), d.action, d.reason, d.verdict]))
                if r.reply is None:
                    self.assertEqual(d.code, 0, name)  # no reply, no reply code
                # The same record rebuilt from its fields is judged the same.
                self.assertEqual(smtpreply.Found(*r).diagnosis, d, name)
            self.assertEqual(got, want, name)
            records += len(got)
        self.assertGreaterEqual(records, len(names))

    def test_found_diagnosis(self):
        # With a reply: the reply's diagnosis; the Status does not stand in
        # for the enhanced code it lacks (tests/data/found/
        # status-specific-adds-nothing.eml, sendmail-8.17-status-guess-550.eml).
        log = (b"Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, "
               b"delay=1, status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: "
               b"Recipient address rejected: User unknown (in reply to RCPT TO command))\n")
        (f,) = list(smtpreply.find_replies(log))
        self.assertEqual(f.diagnosis, f.reply.diagnose())
        self.assertEqual(len(f), 11)  # diagnosis is no field of the tuple
        bare = f._replace(reply=smtpreply.parse(b"550 Delivery failed\r\n", command="RCPT"))
        self.assertEqual(bare.diagnosis.reason, bare.reply.reason)
        with_status = bare._replace(status="5.1.1")
        self.assertEqual(with_status.diagnosis, bare.diagnosis)
        self.assertIsNone(with_status.diagnosis.enhanced)
        # A Status of another class than the reply's is not its code.
        self.assertIsNone(bare._replace(status="4.1.1").diagnosis.enhanced)
        # Without a reply: the problem's words; the class from the action.
        none = smtpreply.Found(None, smtpreply.Command.UNKNOWN, smtpreply.Source.POSTFIX, None,
                               "x@nonexistent.invalid", None, "deferred", None,
                               "Host or domain name not found", 0, 0)
        self.assertEqual((none.diagnosis.action, none.diagnosis.reason, none.diagnosis.code),
                         ("retry", "domain_unknown", 0))
        self.assertEqual(none._replace(action="bounced").diagnosis.action, "fail")

    def test_found_reply_is_a_full_reply(self):
        log = (b"Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, "
               b"delay=1, status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: "
               b"Recipient address rejected: User unknown (in reply to RCPT TO command))\n")
        (f,) = list(smtpreply.find_replies(log, what=["log"]))
        self.assertEqual((f.source, f.command, f.recipient), ("postfix", smtpreply.Command.RCPT, "a@b.c"))
        r = f.reply
        self.assertEqual((r.code, r.reason, r.verdict, r.command.name), (550, "user_unknown", "suppress", "RCPT"))
        self.assertEqual(r.format("mx.b.c"), "host mx.b.c said: 550 5.1.1 <a@b.c>: Recipient address "
                         "rejected: User unknown (in reply to RCPT TO command)")
        self.assertEqual(list(smtpreply.find_replies(log, what=["transcript"])), [])
        with self.assertRaises(ValueError):
            list(smtpreply.find_replies(log, what=["bogus"]))
        self.assertEqual(list(smtpreply.find_replies(b"")), [])
        self.assertEqual(smtpreply.Source.from_number(2), smtpreply.Source.POSTFIX)
        from smtpreply._lib import lib
        for src in smtpreply.Source:
            self.assertEqual(lib.smtpreply_source_name(src.number).decode(), src.value)


class TestCompare(unittest.TestCase):
    def test_codes_and_replies(self):
        c = smtpreply.compare("235", "500")
        self.assertTrue(c.title.startswith("SMTP 235 ") and " vs 500 " in c.title)
        self.assertIn("235", c.summary)
        self.assertGreaterEqual(len(c.points), 5)
        self.assertEqual(len(c.which), 2)
        self.assertTrue(c.which[0].startswith("For 235"))
        r1 = smtpreply.parse(b"550 5.1.1 unknown\r\n", "RCPT")
        r2 = smtpreply.parse(b"452 4.2.2 full\r\n", "RCPT")
        with_replies = smtpreply.compare(r1, r2)
        self.assertGreater(len(with_replies.points), len(smtpreply.compare("550", "452").points))
        fr = smtpreply.compare(r1, r2, lang="fr")
        self.assertNotEqual(fr.title, with_replies.title)
        self.assertEqual(smtpreply.compare(smtpreply.explain("5.7.26"), "5.7.1").title,
                         smtpreply.compare("5.7.26", "5.7.1").title.replace("5.7.26", "X.7.26"))

    def test_fallback_party_headings(self):
        self.assertIn("5.1.999", smtpreply.explain("5.1.999").fallback_text("5.1.999"))
        self.assertIsNone(smtpreply.explain("550").fallback_text("550"))
        self.assertEqual(smtpreply.heading("which"), "When to use which")
        self.assertTrue(smtpreply.heading("summary", "ja"))
        for data, cmd in [(b"550 5.1.1 unknown\r\n", "RCPT"), (b"452 4.2.2 full\r\n", "RCPT")]:
            r = smtpreply.parse(data, cmd)
            self.assertEqual(r.party, r.reason.party)  # no provider entry: the reason's


class TestSmtplib(unittest.TestCase):
    """The smtplib helper, against a scripted server on 127.0.0.1."""

    def serve(self, script):
        """A one-connection server: sends each reply after reading a line."""
        import socket
        import threading
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        srv.settimeout(10)

        def run():
            conn, _ = srv.accept()
            conn.settimeout(10)
            f = conn.makefile("rb")
            try:
                conn.sendall(b"220 mx.example.org ESMTP\r\n")
                for reply in script:
                    if not f.readline():
                        break
                    conn.sendall(reply)
                while f.readline():
                    conn.sendall(b"221 bye\r\n")
            except OSError:
                pass
            finally:
                f.close()
                conn.close()
                srv.close()
        t = threading.Thread(target=run, daemon=True)
        t.start()
        return srv.getsockname()[1], t

    def test_sender_refused(self):
        import smtplib
        port, t = self.serve([b"250-mx.example.org\r\n250 8BITMIME\r\n",
                              b"553-5.7.1 <a@example.com>: Sender address rejected:\r\n"
                              b"553 5.7.1 not owned by user bob\r\n"])
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
            with self.assertRaises(smtplib.SMTPSenderRefused) as cm:
                s.sendmail("a@example.com", ["b@example.org"], "Subject: x\r\n\r\nhi\r\n")
        t.join(10)
        r = smtpreply.reply_from_smtp_error(cm.exception)
        self.assertEqual((r.code, str(r.enhanced), r.command), (553, "5.7.1", smtpreply.Command.MAIL))
        self.assertEqual(r.lines, ["<a@example.com>: Sender address rejected:",
                                   "not owned by user bob"])
        self.assertEqual(r.action, "fail")
        text = smtpreply.explain_smtp_error(cm.exception)
        first = text.splitlines()[0]
        self.assertEqual(first, "553 5.7.1 <a@example.com>: Sender address rejected: not owned "
                                "by user bob (in reply to MAIL FROM command)")
        self.assertIn(r.explanation.name, text)
        self.assertIn(r.reason.text(), text)

    def test_recipients_refused(self):
        import smtplib
        port, t = self.serve([b"250 mx.example.org\r\n", b"250 2.1.0 Ok\r\n",
                              b"550 5.1.1 <b@example.org>: User unknown\r\n"])
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
            with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
                s.sendmail("a@example.com", ["b@example.org"], "Subject: x\r\n\r\nhi\r\n")
        t.join(10)
        got = smtpreply.recipients_refused(cm.exception)
        self.assertEqual(list(got), ["b@example.org"])
        r = got["b@example.org"]
        self.assertEqual((r.code, r.reason, r.command), (550, "user_unknown", smtpreply.Command.RCPT))
        self.assertIn("b@example.org:", smtpreply.explain_smtp_error(cm.exception, lang="fr"))

    def test_data_error_and_bad_input(self):
        import smtplib
        e = smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam")
        r = smtpreply.reply_from_smtp_error(e, command=".")
        self.assertEqual((r.code, r.reason), (554, "spam"))
        self.assertEqual(smtpreply.reply_from_smtp_error(smtplib.SMTPResponseException(250, b"")).lines, [""])
        with self.assertRaises(ValueError):
            smtpreply.reply_from_smtp_error(smtplib.SMTPResponseException(-1, b"lost"))
        with self.assertRaises(TypeError):
            smtpreply.reply_from_smtp_error(ValueError("x"))


class TestDocs(unittest.TestCase):
    def test_module_docstring_examples(self):
        import doctest
        result = doctest.testmod(smtpreply)
        self.assertGreater(result.attempted, 0)
        self.assertEqual(result.failed, 0)


class TestVersion(unittest.TestCase):
    def test_version(self):
        h = header_text()
        v = re.search(r'#define SMTPREPLY_VERSION "([0-9.]+)"', h).group(1)
        self.assertEqual(smtpreply.version(), v)
        self.assertEqual(smtpreply.version_number() >> 16, 1)


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    runner = unittest.TextTestRunner(verbosity=2, stream=sys.stdout)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    print("library: %s" % _lib.lib.path)
    print("package: %s" % smtpreply.__file__)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
