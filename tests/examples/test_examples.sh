#!/bin/sh
# make check-examples: builds examples/ (make examples, gcc or $CC) and
# compiles each with clang too at the same flags; runs each on sample input
# and checks what it prints. read_loop talks to tests/examples/smtp_server.py
# on 127.0.0.1 (an ephemeral port), in pieces, with and without PIPELINING.
set -u
MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
EX_OUT=${EX_OUT:-build/examples}
EX_CFLAGS=${EX_CFLAGS:--std=c11 -Wall -Wextra -Wpedantic -Werror -Iinclude -D_POSIX_C_SOURCE=200809L}
here=tests/examples
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

expect() { # expect NAME FILE PATTERN: a line of FILE matches the fixed string
	if grep -qF -- "$3" "$2"; then ok "$1"; else
		bad "$1: no line with '$3' in:"
		sed 's/^/     /' "$2" | tail -n 40
	fi
}

if $MAKE --no-print-directory examples >"$tmp/build.log" 2>&1; then
	ok "make examples"
else
	bad "make examples"
	cat "$tmp/build.log"
	echo "$passed passed, $failed failed"
	exit 1
fi
if command -v clang >/dev/null 2>&1; then
	for src in examples/*.c; do
		# shellcheck disable=SC2086
		if clang $EX_CFLAGS -fsyntax-only "$src" >"$tmp/clang.log" 2>&1; then
			ok "clang: $src is warning-free"
		else
			bad "clang: $src" && cat "$tmp/clang.log"
		fi
	done
else
	bad "clang is not installed (apt-get install clang)"
fi

# --- read_loop against the loopback server --------------------------------
serve() { # serve LOG SERVER-ARGS... ; then read_loop args follow a "--"
	log=$1
	shift
	sargs=""
	while [ "$1" != "--" ]; do sargs="$sargs $1"; shift; done
	shift
	rm -f "$tmp/port"
	# shellcheck disable=SC2086
	$PYTHON "$here/smtp_server.py" $sargs >"$tmp/port" 2>"$tmp/server.err" &
	spid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if [ ! -s "$tmp/port" ]; then
		echo "(the test server did not start)" >"$log"
		cat "$tmp/server.err" >>"$log"
		kill "$spid" 2>/dev/null
		return 1
	fi
	timeout 30 "$EX_OUT/read_loop" "$(cat "$tmp/port")" "$@" >"$log" 2>&1
	rc=$?
	wait "$spid"
	return $rc
}

serve "$tmp/rl1" --chunk 5 --junk -- sender@example.org bob@example.net \
	nobody@example.net full@example.net grey@example.net
rc=$?
[ $rc -eq 1 ] && ok "read_loop (pipelining): exit 1, some recipients failed" ||
	bad "read_loop (pipelining): exit $rc, expected 1"
expect "read_loop: junk before the greeting skipped" "$tmp/rl1" "(not a reply: bad_code"
expect "read_loop: greeting" "$tmp/rl1" "greeting: success"
expect "read_loop: EHLO reply parsed from 5-byte pieces" "$tmp/rl1" "server offers PIPELINING; SIZE limit 10240000"
expect "read_loop: commands pipelined" "$tmp/rl1" "(6 commands pipelined in one write)"
expect "read_loop: MAIL accepted" "$tmp/rl1" "MAIL FROM:<sender@example.org>: success"
expect "read_loop: multiline 550 read and classified" "$tmp/rl1" "RCPT TO:<nobody@example.net>: fail, reason user_unknown"
expect "read_loop: 452 mailbox full is retry" "$tmp/rl1" "RCPT TO:<full@example.net>: retry, reason mailbox_full"
expect "read_loop: greylisting is retry" "$tmp/rl1" "RCPT TO:<grey@example.net>: retry, reason greylisted"
expect "read_loop: log line via smtpreply_format" "$tmp/rl1" "said: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"
expect "read_loop: DATA then the message" "$tmp/rl1" "DATA: continue"
expect "read_loop: queue id" "$tmp/rl1" "end of data: success, queued as 4TestQ1d"
expect "read_loop: QUIT" "$tmp/rl1" "QUIT: success"
# Replies in order: the 6 answers to the pipelined group came in one write.
order=$(grep -E '^   (MAIL|RCPT|DATA)' "$tmp/rl1" | sed 's/:.*//' | tr -d ' ' | tr '\n' ' ')
[ "$order" = "MAILFROM RCPTTO RCPTTO RCPTTO RCPTTO DATA " ] &&
	ok "read_loop: pipelined replies matched to commands in order" ||
	bad "read_loop: reply order: $order"

serve "$tmp/rl2" --no-pipelining --chunk 1 -- sender@example.org bob@example.net
rc=$?
[ $rc -eq 0 ] && ok "read_loop (no pipelining, 1-byte pieces): exit 0" ||
	{ bad "read_loop (no pipelining): exit $rc"; cat "$tmp/rl2"; }
expect "read_loop: no pipelining seen" "$tmp/rl2" "server does not offer PIPELINING"
expect "read_loop: delivered byte by byte" "$tmp/rl2" "queued as 4TestQ1d"
if grep -q "pipelined in one write" "$tmp/rl2"; then bad "read_loop: pipelined without PIPELINING"; else
	ok "read_loop: one command at a time without PIPELINING"; fi

# Issue 12: a 4 KiB buffer against a 22 KB EHLO reply, a 100,000-line
# reply, a 1 MB line and junk lines: each oversized reply is one unreadable
# answer, and every reply after them is read correctly.
serve "$tmp/rl3" --huge-ehlo --hostile -- sender@example.org long@example.net \
	endless@example.net bob@example.net
rc=$?
[ $rc -eq 1 ] && ok "read_loop (hostile server): exit 1, two recipients failed" ||
	{ bad "read_loop (hostile server): exit $rc, expected 1"; tail -n 30 "$tmp/rl3"; }
expect "read_loop: 100 KB junk line after the greeting dropped" "$tmp/rl3" "(not a reply: line_too_long, 4096 bytes skipped)"
expect "read_loop: 22 KB EHLO reply is one unreadable 250" "$tmp/rl3" "(a 250 reply the client cannot read: reply_too_big)"
expect "read_loop: EHLO accepted without its list" "$tmp/rl3" "EHLO accepted; extensions unknown, no PIPELINING"
expect "read_loop: MAIL after the big EHLO" "$tmp/rl3" "MAIL FROM:<sender@example.org>: success"
expect "read_loop: 100,000-line reply is one unreadable 550" "$tmp/rl3" "(a 550 reply the client cannot read: reply_too_big)"
expect "read_loop: ... and fails its RCPT" "$tmp/rl3" "RCPT TO:<long@example.net>: fail"
expect "read_loop: 1 MB line: one unreadable 450" "$tmp/rl3" "(a 450 reply the client cannot read: reply_too_big)"
expect "read_loop: ... and its RCPT is retried" "$tmp/rl3" "RCPT TO:<endless@example.net>: retry"
expect "read_loop: the next RCPT read correctly" "$tmp/rl3" "RCPT TO:<bob@example.net>: success"
expect "read_loop: DATA after them" "$tmp/rl3" "DATA: continue"
expect "read_loop: queue id after them" "$tmp/rl3" "end of data: success, queued as 4TestQ1d"
expect "read_loop: QUIT after them" "$tmp/rl3" "QUIT: success"
[ "$(grep -c 'not a reply: bad_code' "$tmp/rl3")" -eq 4 ] &&
	ok "read_loop: junk lines between replies skipped, answering nothing" ||
	bad "read_loop: junk lines: $(grep -c 'not a reply' "$tmp/rl3")"

# --- log_failure ----------------------------------------------------------
"$EX_OUT/log_failure" -h mx.google.example -r bob@example.net -l en \
	<"$here/reply_rcpt_unknown.txt" >"$tmp/lf1" 2>&1 && ok "log_failure: exit 0" || bad "log_failure: exit $?"
expect "log_failure: Postfix-style line" "$tmp/lf1" "to=<bob@example.net>, relay=mx.google.example, dsn=5.1.1, status=bounced (host mx.google.example said: 550 5.1.1 The email account that you tried to reach does not exist."
expect "log_failure: command suffix" "$tmp/lf1" "(in reply to RCPT TO command))"
expect "log_failure: action and reason" "$tmp/lf1" "action=fail reason=user_unknown"
expect "log_failure: provider" "$tmp/lf1" "provider=google"
expect "log_failure: the reason in words, the code's meaning beside it" "$tmp/lf1" "  Reason: Recipient unknown ("
[ "$(grep -c '^to=' "$tmp/lf1")" -eq 1 ] && ok "log_failure: a 3-line reply is one log line" ||
	bad "log_failure: a 3-line reply is not one log line"
# A hostile reply cannot forge log lines or send terminal escapes.
printf '550 5.7.1 evil\033[2J\rNov 23 postfix/smtp: fake\r\n' |
	"$EX_OUT/log_failure" -c 'DATA' >"$tmp/lf2" 2>&1
expect "log_failure: escapes ESC and CR" "$tmp/lf2" 'evil\x1B[2J\rNov 23 postfix/smtp: fake (in reply to DATA command)'
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/lf2"; then bad "log_failure: raw ESC in the log"; else ok "log_failure: no raw ESC in the log"; fi
printf '421 4.7.0 mx.example.net Error: too many errors\r\n452 4.3.1 Insufficient system storage\r\n' |
	"$EX_OUT/log_failure" -c 'end of data' >"$tmp/lf3" 2>&1
expect "log_failure: 421 after end of data is deferred" "$tmp/lf3" "dsn=4.7.0, status=deferred"
expect "log_failure: several replies in one input" "$tmp/lf3" "dsn=4.3.1, status=deferred"
expect "log_failure: end of DATA suffix" "$tmp/lf3" "(in reply to end of DATA command)"

# --- bounce_summary -------------------------------------------------------
"$EX_OUT/bounce_summary" <"$here/bounces.log" >"$tmp/bs" 2>&1 && ok "bounce_summary: exit 0" || bad "bounce_summary: exit $?"
grep -qx '9 replies' "$tmp/bs" && ok "bounce_summary: 9 replies (plural)" || bad "bounce_summary: no line '9 replies'"
grep -Eq '^  fail +6$' "$tmp/bs" && ok "bounce_summary: 6 fail" || bad "bounce_summary: fail count"
grep -Eq '^  retry +4$' "$tmp/bs" && ok "bounce_summary: 4 retry (one a time-out without a reply)" || bad "bounce_summary: retry count"
expect "bounce_summary: 1 failure without a reply" "$tmp/bs" "failures without a reply: 1"
grep -Eq '^  network +1 ' "$tmp/bs" && ok "bounce_summary: the time-out is a network failure" || bad "bounce_summary: network"
grep -Eq '^  user_unknown +3 ' "$tmp/bs" && ok "bounce_summary: 3 user_unknown (Postfix, Exim)" || bad "bounce_summary: user_unknown count"
grep -Eq '^  mailbox_full +1 ' "$tmp/bs" && ok "bounce_summary: mailbox_full" || bad "bounce_summary: mailbox_full"
grep -Eq '^  greylisted +1 ' "$tmp/bs" && ok "bounce_summary: greylisted" || bad "bounce_summary: greylisted"
grep -Eq '^  message_too_large +1 ' "$tmp/bs" && ok "bounce_summary: message_too_large (end of DATA)" || bad "bounce_summary: message_too_large"
grep -Eq '^  blocked +1 ' "$tmp/bs" && ok "bounce_summary: multiline transcript reply joined (blocked)" || bad "bounce_summary: blocked"
expect "bounce_summary: lines without a reply" "$tmp/bs" "lines without a reply: 5"
[ "$(sed -n '/^by reason:/{n;p;}' "$tmp/bs" | awk '{print $1}')" = user_unknown ] &&
	ok "bounce_summary: most frequent reason first" || bad "bounce_summary: order"
[ "$failed" -ne 0 ] && { echo "--- bounce_summary output:"; cat "$tmp/bs"; }
# A real bounce message (Sendmail's: the DSN's Diagnostic-Code has the
# reply's first line, its transcript all three) and a real Sendmail log,
# from tests/data/bounces/sendmail.
bdata=$here/../data/bounces/sendmail
"$EX_OUT/bounce_summary" <"$bdata/bounce-blocked.eml" >"$tmp/bs2" 2>&1 && ok "bounce_summary: a bounce message, exit 0" || bad "bounce_summary: bounce message, exit $?"
grep -qx '1 reply' "$tmp/bs2" && ok "bounce_summary: one reply in a bounce, '1 reply' (singular)" || bad "bounce_summary: no line '1 reply'"
grep -Eq '^  blocked +1 ' "$tmp/bs2" && ok "bounce_summary: the bounce's reason (blocked)" || bad "bounce_summary: the bounce's reason"
"$EX_OUT/bounce_summary" <"$bdata/mail.log" >"$tmp/bs3" 2>&1 && ok "bounce_summary: a Sendmail log, exit 0" || bad "bounce_summary: Sendmail log, exit $?"
grep -qx '13 replies' "$tmp/bs3" && ok "bounce_summary: 13 refusals in the Sendmail log" || bad "bounce_summary: no line '13 replies'"
grep -Eq '^  retry +4$' "$tmp/bs3" && ok "bounce_summary: Sendmail's 3 temporary refusals and its time-out" || bad "bounce_summary: Sendmail retry count"
expect "bounce_summary: the Sendmail time-out, a failure without a reply" "$tmp/bs3" "failures without a reply: 1"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
