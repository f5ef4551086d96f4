package smtpreply

import "testing"

func TestParse(t *testing.T) {
	r, err := Parse([]byte("550-5.1.1 <bob@example.org>: Recipient address rejected:\r\n"+
		"550 5.1.1 User unknown\r\n"), "RCPT TO:<bob@example.org>", "mx.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if r.Code != 550 || r.Enhanced != "5.1.1" || len(r.Lines) != 2 {
		t.Fatalf("parsed %+v", r)
	}
	if r.Action != "fail" || r.Reason != "user_unknown" {
		t.Fatalf("action %q reason %q", r.Action, r.Reason)
	}
	if r.Explanation.Name == "" || r.EnhancedExplanation.Fix == "" {
		t.Fatalf("no explanation: %+v", r)
	}
	want := "host mx.example.org said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)"
	if r.Log != want {
		t.Fatalf("log %q", r.Log)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Parse([]byte("250-more to come\r\n"), "", ""); err != ErrIncomplete {
		t.Fatalf("want ErrIncomplete, got %v", err)
	}
	if _, err := Parse([]byte("25 OK\r\n"), "", ""); err == nil {
		t.Fatal("want an error for a bad code")
	}
	r, err := Parse([]byte("250 OK\n"), "", "")
	if err != nil || len(r.Flags) != 1 || r.Flags[0] != "bare_lf" {
		t.Fatalf("flags %v %v", r, err)
	}
}

func TestExplain(t *testing.T) {
	if e := Explain("5.7.26"); e.Name == "" || e.Key != "enhanced X.7.26" {
		t.Fatalf("explain %+v", e)
	}
	if Version() == "" {
		t.Fatal("no version")
	}
}
