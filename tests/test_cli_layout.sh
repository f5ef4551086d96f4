#!/bin/sh
# The smtpreply command's files include each other one way only:
#   cmd -> opt, read, model, stats, render -> text, esc, term, msg, json
# (the table in cli/README.md). Any other
# #include "..." in cli/ fails here, as does a renderer that reads input
# or parses, or a reader that prints.
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
allowed() {
	case $1 in
	main.c) echo "cmd.h opt.h msg.h" ;;
	cmd.h | run.h | text.h | term.h | msg.h) echo "" ;;
	cmd_*.c) echo "cmd.h opt.h read.h model.h stats.h render.h site.h html.h" ;;
	opt.h) echo "run.h msg.h" ;;
	opt.c) echo "opt.h run.h term.h msg.h" ;;
	model.h | model.c) echo "model.h" ;;
	stats.h | stats.c) echo "stats.h model.h" ;;
	read.h | read_*.c) echo "read.h model.h" ;;
	render.h) echo "model.h run.h stats.h" ;;
	render_*.c) echo "render.h model.h run.h stats.h text.h esc.h msg.h term.h json.h html.h site.h" ;;
	html.h) echo "msg.h site.h" ;;
	site.h) echo "" ;;
	site.c) echo "site.h" ;;
	text.c) echo "text.h" ;;
	esc.h) echo "" ;;
	esc.c) echo "esc.h text.h" ;;
	term.c) echo "term.h" ;;
	msg.c | msg_help.c) echo "msg.h" ;;
	json.h) echo "" ;;
	json.c) echo "json.h esc.h text.h" ;;
	*) echo "UNKNOWN" ;;
	esac
}
for f in cli/*.c cli/*.h; do
	b=$(basename "$f")
	ok=$(allowed "$b")
	if [ "$ok" = UNKNOWN ]; then
		echo "FAIL: $f has no place in the layout (add it to tests/test_cli_layout.sh)"
		failed=$((failed + 1))
		continue
	fi
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		[ "$inc" = smtpreply.h ] && continue
		case " $ok " in
		*" $inc "*) passed=$((passed + 1)) ;;
		*) echo "FAIL: $f includes \"$inc\" against the one-way layout"
		   failed=$((failed + 1)) ;;
		esac
	done
done
# Renderers never read input or parse; readers never print.
for f in cli/render_*.c; do
	if grep -nE 'smtpreply_parse|smtpreply_parser_|[^a-z_]open\(|fopen|read\(' "$f"; then
		echo "FAIL: $f reads input or parses"; failed=$((failed + 1))
	else passed=$((passed + 1)); fi
done
for f in cli/read_*.c cli/model.c cli/stats.c; do
	if grep -nE '[^n]printf|fputs|fputc|fwrite|stdout|stderr' "$f" | grep -v '^\s*/\*'; then
		echo "FAIL: $f prints"; failed=$((failed + 1))
	else passed=$((passed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
