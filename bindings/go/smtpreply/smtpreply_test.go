package smtpreply

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestParseTable(t *testing.T) {
	tests := []struct {
		name, in, cmd string
		code          int
		enhanced      string
		lines         []string
		flags         Flags
		action        Action
		reason        Reason
		length        int
	}{
		{"one line", "250 OK\r\n", "", 250, "", []string{"OK"}, 0, ActionSuccess, ReasonNone, 8},
		{"multiline enhanced", "550-5.1.1 <bob@example.org>: rejected:\r\n550 5.1.1 User unknown\r\nNEXT",
			"RCPT TO:<bob@example.org>", 550, "5.1.1",
			[]string{"<bob@example.org>: rejected:", "User unknown"}, 0, ActionFail, ReasonUserUnknown, 64},
		{"bare LF", "250-mx\n250 OK\n", "EHLO", 250, "", []string{"mx", "OK"}, FlagBareLF, ActionSuccess, ReasonNone, 14},
		{"leading empty lines", "\r\n\r\n221 bye\r\n", "QUIT", 221, "", []string{"bye"}, FlagLeadingEmpty, ActionSuccess, ReasonNone, 13},
		{"552 after RCPT retries", "552 5.5.3 Too many recipients\r\n", "RCPT", 552, "5.5.3",
			[]string{"Too many recipients"}, 0, ActionRetry, ReasonTooManyRecipients, 31},
		{"552 after the data fails", "552 5.3.4 Message too big\r\n", ".", 552, "5.3.4",
			[]string{"Message too big"}, 0, ActionFail, ReasonMessageTooLarge, 27},
		{"invalid UTF-8 kept", "550 bad \xff byte\r\n", "", 550, "", []string{"bad \xff byte"},
			FlagEightBit | FlagInvalidUTF8, ActionFail, ReasonUnknown, 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse([]byte(tc.in), tc.cmd)
			if err != nil {
				t.Fatal(err)
			}
			if r.Code != tc.code || r.Enhanced.String() != tc.enhanced || r.Length != tc.length {
				t.Errorf("code %d enhanced %q length %d", r.Code, r.Enhanced, r.Length)
			}
			if l, ok := r.Line(len(tc.lines) - 1); !ok || l != tc.lines[len(tc.lines)-1] {
				t.Errorf("Line(last) = %q, %v", l, ok)
			}
			if _, ok := r.Line(len(tc.lines)); ok {
				t.Error("a line past the end")
			}
			if !reflect.DeepEqual(r.Lines, tc.lines) {
				t.Errorf("lines %q, want %q", r.Lines, tc.lines)
			}
			if r.Flags != tc.flags {
				t.Errorf("flags %v, want %v", r.Flags, tc.flags)
			}
			if r.Action() != tc.action || r.Reason() != tc.reason {
				t.Errorf("action %v reason %v, want %v %v", r.Action(), r.Reason(), tc.action, tc.reason)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opts     *Options
		kind     error
		offset   int64
		skip     int
	}{
		{"two-digit code", "25 OK\r\n250 OK\r\n", nil, ErrBadCode, 2, 7},
		{"four digits", "2500 ok\r\n", nil, ErrBadSeparator, 3, 9},
		{"code range", "699 what\r\n", nil, ErrCodeRange, 0, 10},
		{"cut off", "250-first\r\n250 sec", nil, ErrIncomplete, 18, 0},
		{"empty", "", nil, ErrIncomplete, 0, 0},
		{"strict bare LF", "250 OK\n", &Options{Strict: true}, ErrRejected, 0, 7},
		{"reject one flag", "250 OK\n", &Options{Reject: FlagBareLF}, ErrRejected, 0, 7},
		{"line too long", "250 " + strings.Repeat("x", 100) + "\r\n", &Options{MaxLine: 50}, ErrLineTooLong, 50, 106},
		{"too many lines", "250-a\r\n250-b\r\n250 c\r\n", &Options{MaxLines: 2}, ErrTooManyLines, 14, 21},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWithOptions([]byte(tc.in), "", tc.opts)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("error %v, want %v", err, tc.kind)
			}
			var perr *ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("%T is no *ParseError", err)
			}
			if perr.Offset != tc.offset || perr.Skip != tc.skip {
				t.Errorf("offset %d skip %d, want %d %d", perr.Offset, perr.Skip, tc.offset, tc.skip)
			}
			for _, other := range []error{ErrBadCode, ErrIncomplete, ErrRejected} {
				if other != tc.kind && errors.Is(err, other) {
					t.Errorf("%v also matches %v", err, other)
				}
			}
		})
	}
	if _, err := ParseWithOptions([]byte("250 OK\r\n"), "", &Options{MaxLine: -1}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("negative limit: %v", err)
	}
	if r, err := ParseWithOptions([]byte("250 OK\n"), "", &Options{Reject: FlagNUL}); err != nil || r.Code != 250 {
		t.Errorf("reject NUL: %v", err)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, err := Parse([]byte("250 OK\r\n"), "BOGUS")
	var uerr *UnknownCommandError
	if !errors.Is(err, ErrUnknownCommand) || !errors.As(err, &uerr) || uerr.Name != "BOGUS" {
		t.Fatalf("Parse(BOGUS): %v", err)
	}
	if _, err := ExplainCodeAfter(550, "BOGUS"); !errors.Is(err, ErrUnknownCommand) {
		t.Errorf("ExplainCodeAfter(BOGUS): %v", err)
	}
	for name, want := range map[string]Command{"": CommandUnknown, "unknown": CommandUnknown,
		"rcpt to:<a@b>": CommandRCPT, "MAIL FROM": CommandMAIL, ".": CommandDot, "ehlo": CommandEHLO} {
		if got, err := ParseCommand(name); err != nil || got != want {
			t.Errorf("ParseCommand(%q) = %v, %v", name, got, err)
		}
	}
	if CommandRCPT.String() != "RCPT" || CommandDot.String() != "DOT" {
		t.Errorf("names %s %s", CommandRCPT, CommandDot)
	}
}

func TestEnumsMatchHeader(t *testing.T) {
	header, err := os.ReadFile(filepath.Join("..", "..", "..", "include", "smtpreply.h"))
	if err != nil {
		t.Skip("no source tree:", err)
	}
	h := string(header)
	m := regexp.MustCompile(`SMTPREPLY_REASON_(\w+) = (\d+)`).FindAllStringSubmatch(h, -1)
	if len(m) != ReasonCount {
		t.Fatalf("%d reasons in the header, ReasonCount %d", len(m), ReasonCount)
	}
	for _, x := range m {
		n, _ := strconv.Atoi(x[2])
		if got := Reason(n).String(); got != strings.ToLower(x[1]) {
			t.Errorf("Reason(%d) = %q, header %s", n, got, x[1])
		}
	}
	for a := ActionSuccess; a <= ActionFail; a++ {
		if a.String() == "" || a.Text("") == "" || a.Description("fr") == "" {
			t.Errorf("action %d has no names", a)
		}
	}
	if ReasonMailboxFull.Party() != PartyRecipient || PartyRecipient.Text("") != "The recipient" {
		t.Errorf("party of mailbox_full: %v %q", ReasonMailboxFull.Party(), PartyRecipient.Text(""))
	}
	if ActionRetry.Text("") != "Retry later" || ActionRetry.Text("fr") == "Retry later" {
		t.Errorf("action texts %q %q", ActionRetry.Text(""), ActionRetry.Text("fr"))
	}
	if f, ok := FlagByName("bare_lf"); !ok || f != FlagBareLF || FlagName(FlagNUL) != "nul" {
		t.Errorf("flag names")
	}
	if got := (FlagBareLF | FlagControl).String(); got != "bare_lf,control" {
		t.Errorf("flags string %q", got)
	}
}

func TestExplain(t *testing.T) {
	if e := ExplainCode(550); e.Code != 550 || !e.Flags.Has(ExplReply) || e.Name == "" || e.Fix == "" {
		t.Errorf("ExplainCode(550) = %+v", e)
	}
	if e := Explain("550"); e.Code != 550 {
		t.Errorf("Explain(550) = %+v", e)
	}
	if e := Explain("550 5.7.26"); !e.Flags.Has(ExplEnhanced) {
		t.Errorf("Explain(550 5.7.26) flags %b", e.Flags)
	}
	if a, b := ExplainEnhanced(Enhanced{5, 7, 26}), Explain("5.7.26"); a.Key != b.Key {
		t.Errorf("enhanced %q vs text %q", a.Key, b.Key)
	}
	if !ExplainCode(599).Flags.Has(ExplFallback) || !ExplainClass(451).Flags.Has(ExplClass) ||
		!ExplainCategory(421).Flags.Has(ExplCategory) {
		t.Error("fallback/class/category flags")
	}
	e, err := ExplainCodeAfter(354, "DATA")
	if err != nil || e.Key != "reply 354 after DATA" || ExplainCodeAfterCommand(354, CommandDATA).Key != e.Key {
		t.Errorf("354 after DATA: %q %v", e.Key, err)
	}
	fr := Explain("5.1.1").In("fr_FR.UTF-8")
	if fr.Name == Explain("5.1.1").Name || fr.Lang != "fr_FR.UTF-8" {
		t.Errorf("French name %q", fr.Name)
	}
	langs := Languages()
	if len(langs) < 2 || langs[0] != "en" || LanguageMatch("ja_JP.UTF-8") != "ja" || LanguageMatch("xx") != "en" {
		t.Errorf("languages %v", langs)
	}
	if HeadingFix.Text("") != "How to fix" || HeadingFix.Text("fr") == "" {
		t.Errorf("heading %q", HeadingFix.Text(""))
	}
	all := Explanations()
	keys := map[string]bool{}
	provider := false
	for _, x := range all {
		keys[x.Key] = true
		provider = provider || x.Flags.Has(ExplProvider)
	}
	if len(all) < 100 || len(keys) != len(all) || !provider {
		t.Errorf("%d entries, %d keys, provider %v", len(all), len(keys), provider)
	}
	if got, err := ParseEnhanced("5.7.26"); err != nil || got != (Enhanced{5, 7, 26}) {
		t.Errorf("ParseEnhanced %v %v", got, err)
	}
	for _, bad := range []string{"5.7", "6.1.1", "5.a.1", "5.1.1000"} {
		if _, err := ParseEnhanced(bad); err == nil {
			t.Errorf("ParseEnhanced(%q) took it", bad)
		}
	}
}

func TestReplyHelpers(t *testing.T) {
	r, err := Parse([]byte("250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n"+
		"250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"), "EHLO")
	if err != nil {
		t.Fatal(err)
	}
	want := []Extension{{"PIPELINING", ""}, {"SIZE", "1000000"}, {"AUTH", "PLAIN LOGIN"}, {"8BITMIME", ""}}
	if !reflect.DeepEqual(r.Extensions(), want) {
		t.Errorf("extensions %+v", r.Extensions())
	}
	if p, ok := r.Extension("auth"); !ok || p != "PLAIN LOGIN" {
		t.Errorf("AUTH %q %v", p, ok)
	}
	if _, ok := r.Extension("STARTTLS"); ok {
		t.Error("STARTTLS offered?")
	}
	if n, ok := r.SizeLimit(); !ok || n != 1000000 {
		t.Errorf("size %d %v", n, ok)
	}
	if !r.HasAuth("login") || r.HasAuth("CRAM-MD5") {
		t.Error("auth mechanisms")
	}
	q, _ := Parse([]byte("250 2.0.0 Ok: queued as 4AbCd\r\n"), ".")
	if q.QueueID() != "4AbCd" || r.QueueID() != "" {
		t.Errorf("queue ids %q %q", q.QueueID(), r.QueueID())
	}
	g, _ := Parse([]byte("550-5.7.26 This mail has been blocked because the sender is\r\n"+
		"550 5.7.26 unauthenticated. - gsmtp\r\n"), ".")
	if pe, ok := g.ProviderExplanation(); g.Provider() != "google" || !ok || !pe.Flags.Has(ExplProvider) {
		t.Errorf("provider %q %v", g.Provider(), ok)
	}
	e, _ := Parse([]byte("550 evil\x1b[2J\rfake\r\n"), "")
	if line := e.String(); strings.ContainsAny(line, "\x1b\r") {
		t.Errorf("unescaped log line %q", line)
	}
	c, _ := Parse([]byte("550 café\r\n"), "")
	if c.Format("") != "550 café" || c.FormatASCII("") != `550 caf\xC3\xA9` {
		t.Errorf("format %q %q", c.Format(""), c.FormatASCII(""))
	}
	c.Command = CommandRCPT
	if c.ActionAfter(CommandUnknown) != ActionFail || c.Explanation().Key != "reply 550 after RCPT" {
		t.Errorf("command change: %q", c.Explanation().Key)
	}
	if c.EnhancedExplanation().Name == "" || c.Text() != "café" || string(c.Raw) != "550 café\r\n" {
		t.Errorf("enhanced explanation / text / raw")
	}
}

const wire = "220 mx.example.org ESMTP\r\n" +
	"250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 1000000\r\n" +
	"250 2.1.0 Ok\r\n550 5.1.1 unknown\r\n354 go ahead\r\n" +
	"250 2.0.0 Ok: queued as 4AbCd\r\n"

func TestParserByteByByte(t *testing.T) {
	p, err := NewParser(nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Expect(CommandGreeting, CommandEHLO, CommandMAIL, CommandRCPT, CommandDATA, CommandDot)
	var got []*Reply
	for i := 0; i < len(wire); i++ {
		rs, errs := p.Feed([]byte{wire[i]})
		if len(errs) != 0 {
			t.Fatal(errs)
		}
		got = append(got, rs...)
	}
	var codes []string
	for _, r := range got {
		codes = append(codes, strconv.Itoa(r.Code)+" "+r.Command.String()+" "+r.Action().String())
	}
	want := []string{"220 GREETING success", "250 EHLO success", "250 MAIL success",
		"550 RCPT fail", "354 DATA continue", "250 DOT success"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("got %q", codes)
	}
	if got[5].QueueID() != "4AbCd" || p.Offset() != int64(len(wire)) || len(p.Pending()) != 0 || p.Close() != nil {
		t.Errorf("queue id %q offset %d", got[5].QueueID(), p.Offset())
	}
	p.Feed([]byte("250-part"))
	if !errors.Is(p.Close(), ErrIncomplete) || string(p.Pending()) != "250-part" {
		t.Errorf("partial: %v %q", p.Close(), p.Pending())
	}
	p.Reset()
	if rs, _ := p.Feed([]byte("221 bye\r\n")); len(rs) != 1 || rs[0].Code != 221 || rs[0].Command != CommandUnknown {
		t.Errorf("after reset: %v", rs)
	}
}

func TestParserErrorsHaveStreamOffsets(t *testing.T) {
	p, _ := NewParser(nil)
	junk := "HTTP/1.1 400 Bad Request\r\n"
	rs, errs := p.Feed([]byte("250 a\r\n" + junk + junk + "221 bye\r\n"))
	if len(rs) != 2 || len(errs) != 2 {
		t.Fatalf("%d replies, %d errors", len(rs), len(errs))
	}
	var perr *ParseError
	if !errors.As(errs[1], &perr) || !errors.Is(errs[1], ErrBadCode) || perr.Offset != int64(7+len(junk)) {
		t.Errorf("second error %v", errs[1])
	}
}

// A reply split across TCP writes on loopback, read with a Reader.
func TestReaderOverLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		w := bufio.NewWriterSize(c, 16)
		for i := 0; i < len(wire); i += 5 {
			end := i + 5
			if end > len(wire) {
				end = len(wire)
			}
			w.WriteString(wire[i:end])
			w.Flush()
		}
		w.WriteString("250-cut")
		w.Flush()
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rd := NewReader(conn, nil)
	var codes []int
	for {
		r, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.ErrUnexpectedEOF) || !errors.Is(err, ErrIncomplete) {
				t.Fatalf("end: %v", err)
			}
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Offset != int64(len(wire)+7) {
				t.Errorf("end error %v", err)
			}
			break
		}
		codes = append(codes, r.Code)
	}
	if !reflect.DeepEqual(codes, []int{220, 250, 250, 550, 354, 250}) {
		t.Errorf("codes %v", codes)
	}
	if _, err := rd.Next(); err != io.EOF {
		t.Errorf("after the end: %v", err)
	}
	bad := NewReader(strings.NewReader("250 ok\r\n"), &Options{MaxReply: -5})
	if _, err := bad.Next(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad options: %v", err)
	}
}

func TestDiagnose(t *testing.T) {
	tests := []struct{ in, cmd string }{
		{"550 5.1.1 <b@example.org>: User unknown\r\n", "RCPT"},
		{"452 4.2.2 Mailbox full\r\n", "RCPT"},
		{"554 5.7.1 Message rejected as spam\r\n", "."},
		{"550 no\r\n", ""},
		{"250 ok\r\n", ""},
	}
	for _, tc := range tests {
		r, err := Parse([]byte(tc.in), tc.cmd)
		if err != nil {
			t.Fatal(err)
		}
		d := r.Diagnose()
		if d.Action != r.Action() || d.Reason != r.Reason() || d.Verdict != r.Verdict() ||
			d.Code != r.Code || d.Enhanced != r.Enhanced || d.Provider != r.Provider() {
			t.Errorf("%q: diagnosis %+v disagrees with the single calls", tc.in, d)
		}
		if d.Confidence.String() == "" || d.Evidence.String() == "" {
			t.Errorf("%q: unnamed confidence/evidence %+v", tc.in, d)
		}
	}
	for v := VerdictNone; v < VerdictCount; v++ {
		if v.String() == "" || v.Text("") == "" || v.Description("fr") == "" {
			t.Errorf("verdict %d has no names", v)
		}
	}
	if Verdict(VerdictCount).String() != "" || ConfidenceStrong.Text("") == "" {
		t.Error("verdict past the end / confidence text")
	}
	r, _ := Parse([]byte("550 5.1.1 unknown user\r\n"), "RCPT")
	if r.DiagnoseAfter(CommandMAIL).Reason != ReasonSenderInvalid || r.VerdictAfter(CommandMAIL) != r.DiagnoseAfter(CommandMAIL).Verdict {
		t.Errorf("after MAIL: %+v", r.DiagnoseAfter(CommandMAIL))
	}
}
