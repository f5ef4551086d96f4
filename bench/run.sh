#!/bin/sh
# The whole benchmark in one run: the machine, then on each of two corpora
# ours (bench.c) and each peer, with one table of each peer's ratio to us,
# then the targets. `make bench` runs it.
#   BENCH=build/bench/bench OUT=build/bench LIB_SO=libsmtpreply.so.1.1.0 \
#   RUNS=7 MIN_MS=100 BIG_MB=8 CC=cc PEER_CFLAGS="-std=c11 -O2" sh bench/run.sh
# The corpora: bench/corpus.txt (committed, about 60 KB: it fits in the
# caches) and a big one of BIG_MB MiB made here from the same real replies
# and the parser's cases by bench/make_corpus.py (fixed seeds: the same
# bytes every time, its sha256 printed), so that the figures also hold when
# the input does not fit in the caches. BIG_MB=0 leaves it out.
# Every figure is the spread (min, median, max) of RUNS runs; see bench.c.
# A peer that cannot be built or run is listed as such, with the reason
# (bench/peers/setup.sh installs what the peers need).
set -u
BENCH=${BENCH:-build/bench/bench}
OUT=${OUT:-build/bench}
RUNS=${RUNS:-7}
MIN_MS=${MIN_MS:-100}
BIG_MB=${BIG_MB:-8}
CC=${CC:-cc}
# The Dovecot driver gets our own flags; Dovecot's headers are -isystem,
# so their warnings are theirs.
PEER_CFLAGS=${PEER_CFLAGS:--std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L}
LIB_SO=${LIB_SO:-}
PEERS=bench/peers
mkdir -p "$OUT"
targets=$OUT/targets.txt
: >"$targets"

# ---------------------------------------------------------------- machine
# What the figures depend on, printed with them: a run on another machine
# (or the same one, busier) can then be told apart.
loadavg() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?'; }
cpuinfo() { grep -m 1 "^$1[[:space:]]*:" /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//'; }
echo "== machine"
echo "date:         $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average: $(loadavg) (1, 5, 15 min) at the start; $(nproc 2>/dev/null || echo '?') cpus"
echo "cpu:          $(cpuinfo 'model name') (family $(cpuinfo 'cpu family'), model $(cpuinfo model), stepping $(cpuinfo stepping))"
mhz=$(grep '^cpu MHz' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' | tr '\n' ' ')
freq="/proc/cpuinfo cpu MHz: ${mhz:-not given}"
cf=/sys/devices/system/cpu/cpu0/cpufreq
if [ -d $cf ]; then
	khz() { [ -r "$cf/$1" ] && echo "$(($(cat "$cf/$1") / 1000)) MHz" || echo '?'; }
	freq="$freq; cpufreq (cpu0): now $(khz scaling_cur_freq), min $(khz cpuinfo_min_freq), max $(khz cpuinfo_max_freq), governor $(cat $cf/scaling_governor 2>/dev/null || echo '?')"
else
	freq="$freq; no $cf (a VM: the host sets the clock, boost unknown)"
fi
echo "frequency:    $freq"
simd=$(cpuinfo flags | tr ' ' '\n' | grep -xE 'sse2|sse4_2|avx2|avx512bw' | tr '\n' ' ')
echo "simd:         ${simd:-?}(line scan: ${SMTPREPLY_SCAN:-best the cpu has}; SMTPREPLY_SCAN=avx512|avx2|sse2|portable forces one)"
caches=$(getconf -a 2>/dev/null | awk '/^LEVEL[123]_D?CACHE_SIZE/ && $2 > 0 {
	sub(/^LEVEL/, "L"); sub(/_CACHE_SIZE/, ""); sub(/_DCACHE_SIZE/, "d");
	printf "%s%s %d KiB", sep, $1, $2 / 1024; sep = ", " }')
echo "caches:       ${caches:-?} (getconf)"
echo "system:       $(uname -sr); $($CC --version 2>/dev/null | head -n 1)"
echo

# ---------------------------------------------------------------- corpora
set -- bench/corpus.txt
if [ "$BIG_MB" != 0 ]; then
	big=$OUT/big.txt
	if ! command -v python3 >/dev/null 2>&1; then
		echo "big corpus: NOT MADE (no python3 for bench/make_corpus.py)" | tee -a "$targets"
	elif python3 bench/make_corpus.py --big "$big" --mb "$BIG_MB" >"$OUT/big.log" 2>&1; then
		set -- "$@" "$big"
	else
		echo "big corpus: NOT MADE: $(tail -n 1 "$OUT/big.log")" | tee -a "$targets"
	fi
fi

# peer CORPUS NAME VERSION COMMAND...: runs it and records its RESULT line.
peer() {
	corpus=$1 name=$2 version=$3
	shift 3
	log=$OUT/peer.log
	if "$@" "$corpus" "$RUNS" "$MIN_MS" >"$log" 2>&1 &&
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

# The peers are built once, before the first corpus.
dovecot=
if [ ! -f /usr/include/dovecot/smtp-reply-parser.h ]; then
	dovecot_why="no /usr/include/dovecot (dovecot-dev): sh $PEERS/setup.sh"
elif ! ls /usr/lib/dovecot/libdovecot.so* >/dev/null 2>&1; then
	dovecot_why="no /usr/lib/dovecot/libdovecot.so (dovecot-core): sh $PEERS/setup.sh"
elif ! $CC $PEER_CFLAGS -isystem /usr/include/dovecot -o "$OUT/dovecot" "$PEERS/dovecot.c" \
	-L/usr/lib/dovecot -ldovecot -Wl,-rpath,/usr/lib/dovecot >"$OUT/dovecot.build.log" 2>&1; then
	dovecot_why="build failed: $(head -n 1 "$OUT/dovecot.build.log")"
else
	dovecot=$OUT/dovecot
	dovecot_v=$(dpkg-query -W -f '${Version}' dovecot-core 2>/dev/null || echo '?')
	dovecot_v=${dovecot_v#*:}   # no epoch
	dovecot_v=${dovecot_v%%+*}  # nor Debian's suffix
fi
go=
if ! command -v go >/dev/null 2>&1; then
	go_why="no go (golang-go): sh $PEERS/setup.sh"
elif ! GOFLAGS=-mod=mod GO111MODULE=off go build -o "$OUT/textproto" "$PEERS/textproto.go" \
	>"$OUT/textproto.build.log" 2>&1; then
	go_why="build failed: $(head -n 1 "$OUT/textproto.build.log")"
else
	go=$OUT/textproto
	go_v=$(go version | awk '{print $3}')
fi
nm=$PEERS/node_modules/nodemailer/package.json

n=0
for corpus in "$@"; do
	n=$((n + 1))
	tag=c$n
	results=$OUT/peers.$tag.tsv
	: >"$results"
	if [ "$corpus" = bench/corpus.txt ]; then
		label="corpus $n, small (bench/corpus.txt, committed: fits in the caches)"
	else
		label="corpus $n, big ($corpus, made by bench/make_corpus.py --big --mb $BIG_MB: $(sed 's/^[^:]*: //' "$OUT/big.log"))"
	fi
	echo "== $label"
	echo "== libsmtpreply ($BENCH), load average $(loadavg)"
	"$BENCH" --corpus "$corpus" --runs "$RUNS" --min-ms "$MIN_MS" \
		--results "$OUT/ours.$tag.tsv" ||
		{ echo "bench: our own run failed"; exit 1; }

	echo
	echo "== peers (each: $RUNS runs of >= $MIN_MS ms CPU time), load average $(loadavg)"
	if [ -n "$dovecot" ]; then
		peer "$corpus" "Dovecot smtp_reply_parse_next" "$dovecot_v" "$dovecot"
	else
		missing "Dovecot smtp_reply_parse_next" "$dovecot_why"
	fi
	if [ -n "$go" ]; then
		peer "$corpus" "Go net/textproto ReadResponse" "$go_v" "$go"
	else
		missing "Go net/textproto ReadResponse" "$go_why"
	fi
	if ! command -v python3 >/dev/null 2>&1; then
		missing "Python smtplib getreply" "no python3"
	else
		v=$(python3 -c 'import platform; print(platform.python_version())')
		peer "$corpus" "Python smtplib getreply" "$v" python3 "$PEERS/smtplib_peer.py"
	fi
	if ! command -v node >/dev/null 2>&1; then
		missing "nodemailer SMTPConnection" "no node (nodejs): sh $PEERS/setup.sh"
	elif [ ! -f "$nm" ]; then
		missing "nodemailer SMTPConnection" "nodemailer not installed: sh $PEERS/setup.sh"
	else
		v=$(node -p "require('./$nm').version")
		peer "$corpus" "nodemailer SMTPConnection" "$v (node $(node --version))" node "$PEERS/nodemailer_peer.js"
	fi

	# The table: each peer's ns/reply (min, median, max) and its ratio to
	# us, the ratio of the medians with, in brackets, the least and most
	# the runs allow (the peer's fastest run over our slowest, and the
	# other way round).
	echo
	awk -F '\t' -v label="corpus $n" -v targets="$targets" '
	FNR == NR {
		if ($1 == "corpus") { replies = $2; bytes = $4 }
		if ($1 == "op") { ns[$2] = $3; mbs[$2] = $4; ok[$2] = $6; lo[$2] = $7; hi[$2] = $8 }
		if ($1 == "ratio") { rmed = $2; rmin = $3; rmax = $4 }
		if ($1 == "allocs") allocs = $2
		next
	}
	{
		name[++np] = $1; ver[np] = $2; status[np] = $3; rest[np] = $4
	}
	function field(s, key,    k, parts, i, kv) {
		k = split(s, parts, " ")
		for (i = 1; i <= k; i++) {
			split(parts[i], kv, "=")
			if (kv[1] == key) return kv[2]
		}
		return ""
	}
	function row(nm, v, l, m, h, mb) {
		printf "%-38s %-24s %8.1f %8.1f %8.1f %8.1f", nm, v, l, m, h, mb
	}
	function ratio(pl, pm, ph, ol, om, oh) {
		return sprintf(" %6.1fx [%4.1f-%4.1f]", pm / om, pl / oh, ph / ol)
	}
	END {
		printf "Same corpus for all: %d replies, %d bytes (%.1f bytes/reply).\n",
		    replies, bytes, bytes / replies
		printf "Ratio = the peer'"'"'s ns/reply / ours: how many times faster we are\n"
		printf "(medians; in brackets the peer'"'"'s fastest run / our slowest, its slowest / our fastest).\n\n"
		printf "%-38s %-24s %26s %8s %20s %20s\n", "", "", "ns/reply over the runs", "", "", ""
		printf "%-38s %-24s %8s %8s %8s %8s %20s %20s\n", "parser", "version", "min", "median",
		    "max", "MB/s", "x parse", "x stream4k"
		row("libsmtpreply smtpreply_parse", "(this tree)", lo["parse"], ns["parse"], hi["parse"], mbs["parse"])
		printf " %20s\n", "1.0x"
		row("libsmtpreply streaming, 4 KiB chunks", "(this tree)", lo["stream4k"], ns["stream4k"],
		    hi["stream4k"], mbs["stream4k"])
		printf " %20s %20s\n", "", "1.0x"
		for (i = 1; i <= np; i++) {
			if (status[i] != "ok") {
				printf "%-38s %-24s %s\n", name[i], ver[i], "NOT MEASURED: " rest[i]
				if (name[i] ~ /^Dovecot/) dovecot_why = rest[i]
				continue
			}
			pm = field(rest[i], "ns_per_reply"); pmb = field(rest[i], "mb_s")
			pl = field(rest[i], "ns_min"); ph = field(rest[i], "ns_max")
			if (pl == "") pl = pm
			if (ph == "") ph = pm
			k = field(rest[i], "replies"); refused = field(rest[i], "refused")
			note = ""
			if (refused + 0 > 0) note = sprintf("  (refused %d of %d replies)", refused, k + refused)
			else if (k + 0 != replies) note = sprintf("  (read %d replies, not %d)", k, replies)
			row(name[i], ver[i], pl, pm, ph, pmb)
			printf "%s%s%s\n", ratio(pl, pm, ph, lo["parse"], ns["parse"], hi["parse"]),
			    ratio(pl, pm, ph, lo["stream4k"], ns["stream4k"], hi["stream4k"]), note
			if (name[i] ~ /^Dovecot/) {
				dmed = pm / ns["parse"]; dlow = pl / hi["parse"]; dhigh = ph / lo["parse"]
				dlimit = pm / ns["memchr"]
			}
		}
		verdict = rmed >= 0.5 ? (rmin >= 0.5 ? "met in every round" : "met by the median") : "MISSED"
		t = sprintf("  %s: parse throughput / memchr: %.2f (rounds %.2f to %.2f; target >= 0.50: %s)",
		    label, rmed, rmin, rmax, verdict)
		if (dmed != "") {
			verdict = dmed >= 10 ? (dlow >= 10 ? "met by every run" : "met by the medians") : "MISSED"
			t = t sprintf("\n  %s: vs Dovecot: %.1fx (runs allow %.1fx to %.1fx; target >= 10x: %s)",
			    label, dmed, dlow, dhigh, verdict)
			t = t sprintf("\n  %s: (the memchr line-splitting limit itself is %.1fx Dovecot here)",
			    label, dlimit)
		} else {
			t = t sprintf("\n  %s: vs Dovecot: NOT MEASURED (%s; target >= 10x: UNKNOWN)", label, dovecot_why)
		}
		verdict = "MISSED"
		if (ns["reason"] < 150) verdict = "met"
		t = t sprintf("\n  %s: parse + action + reason: %.0f ns/reply (runs %.0f to %.0f; target under 150 (issue 13): %s)",
		    label, ns["reason"], lo["reason"], hi["reason"], verdict)
		t = t sprintf("\n  %s: heap allocations in the timed loops: %s (target 0: %s)", label, allocs,
		    allocs == "0" ? "met" : "MISSED")
		bad = ""
		for (k in ok) if (ok[k] != "ok") bad = bad " " k
		if (bad != "") t = t sprintf("\n  %s: WRONG RESULTS in:%s", label, bad)
		print t >>targets
	}' "$OUT/ours.$tag.tsv" "$results"
	echo
done

echo "Targets (load average $(loadavg) at the end):"
cat "$targets"
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
