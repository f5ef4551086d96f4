package smtpreply

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tests/bindings/cases.tsv: the results every binding must give.
var escape = regexp.MustCompile(`\\(x[0-9a-fA-F]{2}|.)`)

func unescape(s string) string {
	return escape.ReplaceAllStringFunc(s, func(m string) string {
		switch m[1] {
		case 'r':
			return "\r"
		case 'n':
			return "\n"
		case 't':
			return "\t"
		case 'x':
			v, _ := strconv.ParseUint(m[2:], 16, 8)
			return string([]byte{byte(v)})
		}
		return m[1:]
	})
}

func checkCase(t *testing.T, f []string, r *Reply, err error) {
	t.Helper()
	extras := map[string]string{}
	if f[14] != "-" {
		for _, kv := range strings.Fields(f[14]) {
			k, v, _ := strings.Cut(kv, "=")
			extras[k] = v
		}
	}
	num, _ := strconv.Atoi(f[4])
	if f[3] != "ok" {
		perr, ok := err.(*ParseError)
		if !ok || perr.Name != f[3] || perr.Offset != int64(num) {
			t.Fatalf("got %v, want %s at %d", err, f[3], num)
		}
		if s, ok := extras["skip"]; ok && strconv.Itoa(perr.Skip) != s {
			t.Errorf("skip %d, want %s", perr.Skip, s)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	code, _ := strconv.Atoi(f[5])
	enh := r.Enhanced.String()
	if enh == "" {
		enh = "-"
	}
	flags := r.Flags.String()
	if flags == "" {
		flags = "-"
	}
	var lines []string
	for _, l := range strings.Split(f[8], "|") {
		lines = append(lines, unescape(l))
	}
	got := []string{strconv.Itoa(r.Length), strconv.Itoa(r.Code), enh, flags,
		strings.Join(r.Lines, "\x00"), r.Action().String(), r.Reason().String(),
		r.Party().String(), r.Explanation().Key, r.Format("mx.example.org")}
	want := []string{f[4], strconv.Itoa(code), f[6], f[7], strings.Join(lines, "\x00"),
		f[9], f[10], f[11], f[12], unescape(f[13])}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("column %d: got %q, want %q", i+5, got[i], want[i])
		}
	}
	for k, v := range extras {
		switch k {
		case "queue_id":
			if r.QueueID() != v {
				t.Errorf("queue id %q", r.QueueID())
			}
		case "size":
			n, ok := r.SizeLimit()
			if !ok {
				n = -1
			}
			if strconv.FormatInt(n, 10) != v {
				t.Errorf("size %d", n)
			}
		case "auth":
			if !r.HasAuth(v) {
				t.Errorf("no AUTH %s", v)
			}
		case "ext":
			if _, ok := r.Extension(v); !ok {
				t.Errorf("no extension %s", v)
			}
		case "provider":
			if r.Provider() != v {
				t.Errorf("provider %q", r.Provider())
			}
		case "verdict":
			if r.Verdict().String() != v || r.Diagnose().Verdict.String() != v {
				t.Errorf("verdict %v", r.Verdict())
			}
		case "confidence":
			if r.Diagnose().Confidence.String() != v {
				t.Errorf("confidence %v", r.Diagnose().Confidence)
			}
		default:
			t.Errorf("unknown check %s", k)
		}
	}
}

func TestSharedCases(t *testing.T) {
	file, err := os.Open(filepath.Join("..", "..", "..", "tests", "bindings", "cases.tsv"))
	if err != nil {
		t.Skip("no source tree:", err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 15 {
			t.Fatalf("%d columns: %q", len(f), line)
		}
		cmd := f[1]
		if cmd == "-" {
			cmd = ""
		}
		n++
		t.Run(f[0], func(t *testing.T) {
			data := []byte(unescape(f[2]))
			r, err := Parse(data, cmd)
			checkCase(t, f, r, err)
			if f[3] != "ok" {
				return
			}
			p, _ := NewParser(nil)
			c, _ := ParseCommand(cmd)
			p.Expect(c)
			var got []*Reply
			for i := range data {
				rs, errs := p.Feed(data[i : i+1])
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				got = append(got, rs...)
			}
			if len(got) == 0 {
				t.Fatal("streaming: no reply")
			}
			checkCase(t, f, got[0], nil)
		})
	}
	if n < 10 {
		t.Errorf("only %d cases", n)
	}
}
