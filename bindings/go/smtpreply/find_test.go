package smtpreply

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tests/data/extract: each file with its FILE.expect, the records the C
// test also checks.
func TestFindExtractData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "tests", "data", "extract")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("no tests/data/extract:", err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".expect") || name == "README.md" {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, name))
		exp, err := os.ReadFile(filepath.Join(dir, name+".expect"))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, l := range strings.Split(string(exp), "\n") {
			if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
				want = append(want, l)
			}
		}
		var found []*Found
		if strings.HasSuffix(name, ".eml") {
			found = ReadBounce(data)
		} else {
			found = Find(data, 0)
		}
		dash := func(s string) string {
			if s == "" {
				return "-"
			}
			return s
		}
		var got []string
		for _, f := range found {
			has, code, enh, nlines := 0, 0, "-", 0
			if f.Reply != nil {
				has, code, enh, nlines = 1, f.Reply.Code, dash(f.Reply.Enhanced.String()), len(f.Reply.Lines)
			} else if f.Problem == "" {
				t.Errorf("%s: a record without reply or problem", name)
			}
			got = append(got, fmt.Sprintf("%s %d %s %d %s %d %s %s %s", f.Source, has, f.Command, code, enh,
				nlines, dash(f.Recipient), dash(f.Host), dash(f.Status)))
			if len(got) < len(want) && strings.HasPrefix(want[len(got)], "> ") {
				// "> TEXT" after a record: its reply lines joined by " | "
				text := ""
				if f.Reply != nil {
					text = strings.Join(f.Reply.Lines, " | ")
				}
				got = append(got, "> "+text)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %q\n want %q", name, got, want)
		}
		n++
	}
	if n < 5 {
		t.Errorf("only %d files", n)
	}
}

func TestFindKinds(t *testing.T) {
	log := []byte("Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, " +
		"delay=1, status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: " +
		"Recipient address rejected: User unknown (in reply to RCPT TO command))\n")
	got := Find(log, FindLog)
	if len(got) != 1 || got[0].Source != SourcePostfix || got[0].Recipient != "a@b.c" {
		t.Fatalf("found %+v", got)
	}
	r := got[0].Reply
	if r.Code != 550 || r.Reason() != ReasonUserUnknown || r.Verdict() != VerdictSuppress || r.Command != CommandRCPT {
		t.Errorf("reply %v %v %v %v", r.Code, r.Reason(), r.Verdict(), r.Command)
	}
	if len(Find(log, FindTranscript)) != 0 || len(Find(nil, 0)) != 0 || len(ReadBounce(nil)) != 0 {
		t.Error("kinds or empty input")
	}
}

// tests/data/found: each input with its NAME.want, one line a record
// ("recipient has_reply action reason verdict"), as tests/test_found.c
// replays them: the records' Diagnosis agree with C's.
func TestFoundDiagnosisData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "tests", "data", "found")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("no tests/data/found:", err)
	}
	files, records := 0, 0
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".want") || name == "README.md" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		exp, err := os.ReadFile(filepath.Join(dir, name+".want"))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, l := range strings.Split(string(exp), "\n") {
			if strings.TrimSpace(l) != "" {
				want = append(want, l)
			}
		}
		var found []*Found
		if strings.HasSuffix(name, ".eml") {
			found = ReadBounce(data)
		} else {
			found = Find(data, 0)
		}
		var got []string
		for _, f := range found {
			d, has, rcpt := f.Diagnosis, 0, f.Recipient
			if f.Reply != nil {
				has = 1
			} else if d.Code != 0 {
				t.Errorf("%s: no reply, yet code %d", name, d.Code)
			}
			if rcpt == "" {
				rcpt = "-"
			}
			got = append(got, fmt.Sprintf("%s %d %s %s %s", rcpt, has, d.Action, d.Reason, d.Verdict))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %q\n want %q", name, got, want)
		}
		files++
		records += len(got)
	}
	if files < 10 || records < files {
		t.Errorf("only %d files, %d records", files, records)
	}
}

func TestFoundDiagnosis(t *testing.T) {
	// With a reply that has its own enhanced code: the reply's diagnosis.
	log := []byte("Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, " +
		"delay=1, status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: " +
		"Recipient address rejected: User unknown (in reply to RCPT TO command))\n")
	got := Find(log, 0)
	if len(got) != 1 || got[0].Diagnosis != got[0].Reply.Diagnose() {
		t.Fatalf("found %+v", got)
	}
	// Without a reply: judged from the problem's words (a Sendmail log line).
	got = Find([]byte("Dec  2 10:00:00 mx sm-mta[1]: 4AbCd: to=<v@nonexistent.invalid>, delay=00:00:01, "+
		"mailer=esmtp, pri=1, dsn=5.1.2, stat=Host unknown (Name server: nonexistent.invalid: host not found)\n"), 0)
	if len(got) != 1 || got[0].Reply != nil {
		t.Fatalf("found %+v", got)
	}
	if d := got[0].Diagnosis; d.Action != ActionFail || d.Reason != ReasonDomainUnknown ||
		d.Verdict != VerdictSuppress || d.Code != 0 || d.Enhanced.String() != "5.1.2" {
		t.Errorf("diagnosis %+v", d)
	}
}
