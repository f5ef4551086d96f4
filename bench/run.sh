#!/bin/sh
# The whole benchmark in one run: ours (bench.c), then each peer on the same
# corpus, then one table with each peer's ratio to us. `make bench` runs it.
#   BENCH=build/bench/bench OUT=build/bench LIB_SO=libsmtpreply.so.1.0.0 \
#   RUNS=7 MIN_MS=100 CC=cc PEER_CFLAGS="-std=c11 -O2" sh bench/run.sh
# A peer that cannot be built or run is listed as such, with the reason
# (bench/peers/setup.sh installs what the peers need).
set -u
BENCH=${BENCH:-build/bench/bench}
OUT=${OUT:-build/bench}
RUNS=${RUNS:-7}
MIN_MS=${MIN_MS:-100}
CC=${CC:-cc}
# The Dovecot driver gets our own flags; Dovecot's headers are -isystem,
# so their warnings are theirs.
PEER_CFLAGS=${PEER_CFLAGS:--std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L}
LIB_SO=${LIB_SO:-}
CORPUS=bench/corpus.txt
PEERS=bench/peers
mkdir -p "$OUT"
results=$OUT/peers.tsv
: >"$results"

echo "== libsmtpreply ($BENCH)"
"$BENCH" --corpus "$CORPUS" --runs "$RUNS" --min-ms "$MIN_MS" --results "$OUT/ours.tsv" ||
	{ echo "bench: our own run failed"; exit 1; }

# peer NAME VERSION COMMAND...: runs it and records its RESULT line.
peer() {
	name=$1 version=$2
	shift 2
	log=$OUT/peer.log
	if "$@" "$CORPUS" "$RUNS" "$MIN_MS" >"$log" 2>&1 &&
		line=$(grep '^RESULT ' "$log" | tail -n 1) && [ -n "$line" ]; then
		printf '%s\t%s\tok\t%s\n' "$name" "$version" "${line#RESULT }" >>"$results"
	else
		why=$(tail -n 1 "$log" | tr '\t' ' ')
		printf '%s\t%s\tfailed\trun failed: %s\n' "$name" "$version" "$why" >>"$results"
	fi
}
# missing NAME WHY: a peer that could not be built.
missing() {
	printf '%s\t-\tmissing\t%s\n' "$1" "$2" >>"$results"
}

echo "== peers (median of $RUNS runs of >= $MIN_MS ms CPU time each)"

# Dovecot: libdovecot's lib-smtp reply parser.
if [ ! -f /usr/include/dovecot/smtp-reply-parser.h ]; then
	missing "Dovecot smtp_reply_parse_next" "no /usr/include/dovecot (dovecot-dev): sh $PEERS/setup.sh"
elif ! ls /usr/lib/dovecot/libdovecot.so* >/dev/null 2>&1; then
	missing "Dovecot smtp_reply_parse_next" "no /usr/lib/dovecot/libdovecot.so (dovecot-core): sh $PEERS/setup.sh"
elif ! $CC $PEER_CFLAGS -isystem /usr/include/dovecot -o "$OUT/dovecot" "$PEERS/dovecot.c" \
	-L/usr/lib/dovecot -ldovecot -Wl,-rpath,/usr/lib/dovecot >"$OUT/dovecot.build.log" 2>&1; then
	missing "Dovecot smtp_reply_parse_next" "build failed: $(head -n 1 "$OUT/dovecot.build.log")"
else
	v=$(dpkg-query -W -f '${Version}' dovecot-core 2>/dev/null || echo '?')
	v=${v#*:}   # no epoch
	v=${v%%+*}  # nor Debian's suffix
	peer "Dovecot smtp_reply_parse_next" "$v" "$OUT/dovecot"
fi

# Go: net/textproto.
if ! command -v go >/dev/null 2>&1; then
	missing "Go net/textproto ReadResponse" "no go (golang-go): sh $PEERS/setup.sh"
elif ! GOFLAGS=-mod=mod GO111MODULE=off go build -o "$OUT/textproto" "$PEERS/textproto.go" \
	>"$OUT/textproto.build.log" 2>&1; then
	missing "Go net/textproto ReadResponse" "build failed: $(head -n 1 "$OUT/textproto.build.log")"
else
	v=$(go version | awk '{print $3}')
	peer "Go net/textproto ReadResponse" "$v" "$OUT/textproto"
fi

# Python: smtplib.
if ! command -v python3 >/dev/null 2>&1; then
	missing "Python smtplib getreply" "no python3"
else
	v=$(python3 -c 'import platform; print(platform.python_version())')
	peer "Python smtplib getreply" "$v" python3 "$PEERS/smtplib_peer.py"
fi

# Node.js: nodemailer, installed into bench/peers/node_modules.
nm=$PEERS/node_modules/nodemailer/package.json
if ! command -v node >/dev/null 2>&1; then
	missing "nodemailer SMTPConnection" "no node (nodejs): sh $PEERS/setup.sh"
elif [ ! -f "$nm" ]; then
	missing "nodemailer SMTPConnection" "nodemailer not installed: sh $PEERS/setup.sh"
else
	v=$(node -p "require('./$nm').version")
	peer "nodemailer SMTPConnection" "$v (node $(node --version))" node "$PEERS/nodemailer_peer.js"
fi

# The table.
echo
awk -F '\t' -v so="$LIB_SO" '
FNR == NR {
	if ($1 == "corpus") { replies = $2; bytes = $4 }
	if ($1 == "op") { ns[$2] = $3; mbs[$2] = $4; what[$2] = $5; ok[$2] = $6 }
	if ($1 == "allocs") allocs = $2
	next
}
{
	name[++np] = $1; ver[np] = $2; status[np] = $3; rest[np] = $4
}
function field(s, key,    n, parts, i, kv) {
	n = split(s, parts, " ")
	for (i = 1; i <= n; i++) {
		split(parts[i], kv, "=")
		if (kv[1] == key) return kv[2]
	}
	return ""
}
END {
	printf "Same corpus for all: %d replies, %d bytes (%.1f bytes/reply).\n",
	    replies, bytes, bytes / replies
	printf "Ratio = the peer'"'"'s ns/reply / ours: how many times faster we are.\n\n"
	printf "%-38s %-24s %9s %8s %9s %11s\n", "parser", "version", "ns/reply", "MB/s",
	    "x parse", "x stream4k"
	printf "%-38s %-24s %9.1f %8.1f %9s %11s\n", "libsmtpreply smtpreply_parse", "(this tree)",
	    ns["parse"], mbs["parse"], "1.00", ""
	printf "%-38s %-24s %9.1f %8.1f %9s %11s\n", "libsmtpreply streaming, 4 KiB chunks", "(this tree)",
	    ns["stream4k"], mbs["stream4k"], "", "1.00"
	for (i = 1; i <= np; i++) {
		if (status[i] != "ok") {
			printf "%-38s %-24s %s\n", name[i], ver[i], "NOT MEASURED: " rest[i]
			continue
		}
		pns = field(rest[i], "ns_per_reply"); pmb = field(rest[i], "mb_s")
		n = field(rest[i], "replies"); refused = field(rest[i], "refused")
		note = ""
		if (refused + 0 > 0) note = sprintf("  (refused %d of %d replies)", refused, n + refused)
		else if (n + 0 != replies) note = sprintf("  (read %d replies, not %d)", n, replies)
		printf "%-38s %-24s %9.1f %8.1f %8.1fx %10.1fx%s\n", name[i], ver[i], pns, pmb,
		    pns / ns["parse"], pns / ns["stream4k"], note
		if (name[i] ~ /^Dovecot/) dovecot = pns / ns["parse"]
	}
	printf "\nTargets:\n"
	r = ns["memchr"] / ns["parse"]
	verdict = "MISSED"
	if (r >= 0.5) verdict = "met"
	printf "  parse throughput / memchr line splitting: %.2f (target >= 0.50: %s)\n", r, verdict
	if (dovecot != "") {
		verdict = "MISSED"
		if (dovecot >= 5) verdict = "met"
		printf "  vs Dovecot: %.1fx (target >= 5x: %s)\n", dovecot, verdict
	} else {
		printf "  vs Dovecot: not measured (target >= 5x: UNKNOWN)\n"
	}
	verdict = "MISSED"
	if (ns["reason"] < 1000) verdict = "under 1000, but not well under"
	if (ns["reason"] < 500) verdict = "met"
	printf "  parse + action + reason: %.0f ns/reply (target well under 1000: %s)\n", ns["reason"], verdict
	verdict = "MISSED"
	if (allocs == "0") verdict = "met"
	printf "  heap allocations in the timed loops: %s (target 0: %s)\n", allocs, verdict
	bad = ""
	for (k in ok) if (ok[k] != "ok") bad = bad " " k
	if (bad != "") printf "  WRONG RESULTS in:%s\n", bad
}' "$OUT/ours.tsv" "$results"

if [ -n "$LIB_SO" ] && [ -f "$LIB_SO" ]; then
	bytes=$(wc -c <"$LIB_SO" | tr -d ' ')
	if command -v size >/dev/null 2>&1; then
		sz=$(size "$LIB_SO" | awk 'NR == 2 {printf "text %d, data %d, bss %d", $1, $2, $3}')
	else
		sz="size(1) not found"
	fi
	stripped=$OUT/libsmtpreply.stripped.so
	if command -v strip >/dev/null 2>&1 && strip -o "$stripped" "$LIB_SO" 2>/dev/null; then
		sz="$sz; stripped file $(wc -c <"$stripped" | tr -d ' ') bytes"
	fi
	echo "  shared library $LIB_SO: $bytes bytes ($sz)"
fi
