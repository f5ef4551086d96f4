package smtpreply

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	c := Compare(CodeSide("235"), CodeSide("500"), "")
	if !strings.HasPrefix(c.Title, "SMTP 235 ") || !strings.Contains(c.Title, " vs 500 ") ||
		!strings.Contains(c.Summary, "235") || len(c.Points) < 5 || len(c.Which) != 2 ||
		!strings.HasPrefix(c.Which[0], "For 235") {
		t.Fatalf("%+v", c)
	}
	r1, _ := Parse([]byte("550 5.1.1 unknown\r\n"), "RCPT")
	r2, _ := Parse([]byte("452 4.2.2 full\r\n"), "RCPT")
	withReplies := Compare(ReplySide(r1), ReplySide(r2), "")
	if len(withReplies.Points) <= len(Compare(CodeSide("550"), CodeSide("452"), "").Points) {
		t.Errorf("replies add no points: %d", len(withReplies.Points))
	}
	if fr := Compare(ReplySide(r1), ReplySide(r2), "fr"); fr.Title == withReplies.Title {
		t.Error("French title is the English one")
	}
	if Compare(ExplanationSide(Explain("5.7.26")), CodeSide("5.7.1"), "").Title !=
		strings.Replace(Compare(CodeSide("5.7.26"), CodeSide("5.7.1"), "").Title, "5.7.26", "X.7.26", 1) {
		t.Error("an explanation side is not labelled by its own key")
	}
	if s, ok := Explain("5.1.999").FallbackText("5.1.999", ""); !ok || !strings.Contains(s, "5.1.999") {
		t.Errorf("fallback %q %v", s, ok)
	}
	if _, ok := Explain("550").FallbackText("550", ""); ok {
		t.Error("550 is no fallback")
	}
	if HeadingWhich.Text("") != "When to use which" || HeadingSummary.Text("ja") == "" {
		t.Error("headings")
	}
	if r1.Party() != r1.Reason().Party() {
		t.Errorf("party %v vs %v", r1.Party(), r1.Reason().Party())
	}
}
