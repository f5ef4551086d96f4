package smtpreply

/*
#include <smtpreply.h>
*/
import "C"

import (
	"fmt"
	"strconv"
	"strings"
)

// ExplFlags are an explanation entry's kind and properties.
type ExplFlags uint

// The entry flags (SMTPREPLY_X_*).
const (
	ExplReply       ExplFlags = C.SMTPREPLY_X_REPLY       // a reply-code entry
	ExplEnhanced    ExplFlags = C.SMTPREPLY_X_ENHANCED    // an enhanced-code entry
	ExplClass       ExplFlags = C.SMTPREPLY_X_CLASS       // a class entry (2xx)
	ExplSubject     ExplFlags = C.SMTPREPLY_X_SUBJECT     // an enhanced subject entry
	ExplCategory    ExplFlags = C.SMTPREPLY_X_CATEGORY    // a second-digit category entry
	ExplContextual  ExplFlags = C.SMTPREPLY_X_CONTEXTUAL  // meaning after one command
	ExplNonstandard ExplFlags = C.SMTPREPLY_X_NONSTANDARD // not in any standard
	ExplFallback    ExplFlags = C.SMTPREPLY_X_FALLBACK    // the code itself is not listed
	ExplProvider    ExplFlags = C.SMTPREPLY_X_PROVIDER    // a provider's own meaning
)

// Has reports whether every flag of g is set.
func (f ExplFlags) Has(g ExplFlags) bool { return f&g == g }

// Explanation is an entry of the library's explanation table, with its
// texts in Lang ("" for English; English where there is no translation).
type Explanation struct {
	Key         string // stable: "reply 550 after RCPT", "enhanced X.1.1"
	Name        string // a short title
	Description string // what it means
	When        string // when you see it
	Fix         string // what to do
	Source      string // the defining RFC or origin
	Lang        string
	Flags       ExplFlags
	Code        int // the reply code of a reply entry, else 0
	// An enhanced entry's code, -1 where it stands for any ("X.1.1": Class
	// -1); all zero for other entries.
	Enhanced Enhanced
	e        *C.smtpreply_expl
}

func newExplanation(e *C.smtpreply_expl, lang string) Explanation {
	if e == nil { // documented never to happen
		panic("smtpreply: the library returned no explanation")
	}
	l, free := cstring(lang, true)
	defer free()
	t := func(f C.enum_smtpreply_field) string {
		return C.GoString(C.smtpreply_expl_text_lang(e, f, l))
	}
	x := Explanation{
		Key: t(C.SMTPREPLY_FIELD_KEY), Name: t(C.SMTPREPLY_FIELD_NAME),
		Description: t(C.SMTPREPLY_FIELD_DESCRIPTION), When: t(C.SMTPREPLY_FIELD_WHEN),
		Fix: t(C.SMTPREPLY_FIELD_FIX), Source: t(C.SMTPREPLY_FIELD_SOURCE),
		Lang: lang, Flags: ExplFlags(C.smtpreply_expl_flags(e)),
		Code: int(C.smtpreply_expl_code(e)), e: e,
	}
	var k, s, d C.int
	if C.smtpreply_expl_enhanced(e, &k, &s, &d) != 0 {
		x.Enhanced = Enhanced{Class: int(k), Subject: int(s), Detail: int(d)}
	}
	return x
}

// In is the same entry with its texts in lang ("fr", "ja_JP.UTF-8").
func (x Explanation) In(lang string) Explanation { return newExplanation(x.e, lang) }

// Explain explains a code written as text: "550", "5.7.26", "550 5.7.26",
// "2xx". An unlisted code gets its class's entry, flagged ExplFallback.
func Explain(text string) Explanation {
	c, free := cstring(text, false)
	defer free()
	return newExplanation(C.smtpreply_explain_text(c), "")
}

// ExplainCode explains a reply code (550).
func ExplainCode(code int) Explanation {
	return newExplanation(C.smtpreply_explain_code(C.int(code)), "")
}

// ExplainCodeAfter explains a reply code after a command ("RCPT", "DATA");
// an unknown command name is an *UnknownCommandError.
func ExplainCodeAfter(code int, command string) (Explanation, error) {
	cmd, err := ParseCommand(command)
	if err != nil {
		return Explanation{}, err
	}
	return ExplainCodeAfterCommand(code, cmd), nil
}

// ExplainCodeAfterCommand is ExplainCodeAfter with a Command.
func ExplainCodeAfterCommand(code int, cmd Command) Explanation {
	return newExplanation(C.smtpreply_explain_code_after(C.int(code),
		C.enum_smtpreply_command(cmd)), "")
}

// ExplainEnhanced explains an enhanced status code (5.7.26).
func ExplainEnhanced(e Enhanced) Explanation {
	return newExplanation(C.smtpreply_explain_enhanced(C.int(e.Class), C.int(e.Subject),
		C.int(e.Detail)), "")
}

// ExplainClass is the entry of a reply code's class (5xx).
func ExplainClass(code int) Explanation {
	return newExplanation(C.smtpreply_explain_class(C.int(code)), "")
}

// ExplainCategory is the entry of a reply code's category (second digit).
func ExplainCategory(code int) Explanation {
	return newExplanation(C.smtpreply_explain_category(C.int(code)), "")
}

// Explanations is the whole table.
func Explanations() []Explanation {
	n := int(C.smtpreply_expl_count())
	out := make([]Explanation, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, newExplanation(C.smtpreply_expl_at(C.size_t(i)), ""))
	}
	return out
}

// Languages are the languages with translations, "en" first.
func Languages() []string {
	var out []string
	for i := 0; ; i++ {
		tag := C.smtpreply_language(C.size_t(i))
		if tag == nil {
			return out
		}
		out = append(out, C.GoString(tag))
	}
}

// LanguageMatch is the available language a tag or locale selects
// ("ja_JP.UTF-8" gives "ja"; "en" when none matches).
func LanguageMatch(tag string) string {
	c, free := cstring(tag, true)
	defer free()
	return C.GoString(C.smtpreply_language_match(c))
}

// Heading is a section heading for people.
type Heading int

// The headings (enum smtpreply_heading).
const (
	HeadingDescription Heading = 0
	HeadingWhen        Heading = 1
	HeadingFix         Heading = 2
	HeadingClass       Heading = 3
	HeadingCategory    Heading = 4
	HeadingEnhanced    Heading = 5
	HeadingDifferences Heading = 6
	HeadingAction      Heading = 7
	HeadingReason      Heading = 8
	HeadingWho         Heading = 9
	HeadingWhich       Heading = 10 // "When to use which" (comparisons)
	HeadingSummary     Heading = 11 // "Summary" (comparisons)
)

// Text is the heading in lang ("How to fix").
func (h Heading) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_heading_text(C.enum_smtpreply_heading(h), l))
}

// Enhanced is an RFC 3463 enhanced status code; the zero value is none.
type Enhanced struct{ Class, Subject, Detail int }

// IsZero reports whether there is no code.
func (e Enhanced) IsZero() bool { return e == Enhanced{} }

// String is "5.1.1" ("" for none; "X" where an entry stands for any).
func (e Enhanced) String() string {
	if e.IsZero() {
		return ""
	}
	part := func(v int) string {
		if v < 0 {
			return "X"
		}
		return strconv.Itoa(v)
	}
	return part(e.Class) + "." + part(e.Subject) + "." + part(e.Detail)
}

// ParseEnhanced reads "5.7.26".
func ParseEnhanced(s string) (Enhanced, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return Enhanced{}, fmt.Errorf("smtpreply: %q is not an enhanced status code", s)
	}
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 999 || len(p) > 3 {
			return Enhanced{}, fmt.Errorf("smtpreply: %q is not an enhanced status code", s)
		}
		v[i] = n
	}
	if v[0] != 2 && v[0] != 4 && v[0] != 5 {
		return Enhanced{}, fmt.Errorf("smtpreply: %q: the class is 2, 4 or 5", s)
	}
	return Enhanced{v[0], v[1], v[2]}, nil
}
