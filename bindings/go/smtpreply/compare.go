package smtpreply

/*
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Side is one side of a comparison: a code as text ("235", "5.7.26"),
// an explanation, or a parsed reply (which adds what to do and who must
// act). Make one with CodeSide, ExplanationSide or ReplySide.
type Side struct {
	label string
	entry *C.smtpreply_expl
	reply *Reply
}

// CodeSide is a code as the page shows it: "235", "5.7.26", "550 5.1.1".
func CodeSide(code string) Side { return Side{label: code, entry: Explain(code).e} }

// ExplanationSide is an explanation under its own label ("X.7.26", "5xx").
func ExplanationSide(e Explanation) Side { return Side{entry: e.e} }

// ReplySide is a parsed reply, as the answer to its Command.
func ReplySide(r *Reply) Side { return Side{reply: r} }

// Comparison is a page comparing two sides, in sentences.
type Comparison struct {
	Title   string   // "SMTP 235 Authentication succeeded vs 500 Syntax error..."
	Summary string   // one paragraph
	Points  []string // the numbered key differences
	Which   []string // for each side: when to use it (its fix)
}

func (s Side) c() (C.struct_smtpreply_side, func()) {
	var cs C.struct_smtpreply_side
	free := func() {}
	if s.label != "" {
		l, f := cstring(s.label, true)
		cs.label, free = l, f
	}
	cs.entry = s.entry
	if s.reply != nil {
		cs.reply = &s.reply.c.r
		cs.cmd = C.enum_smtpreply_command(s.reply.Command)
	}
	return cs, free
}

// Compare compares two sides in lang ("" for English).
func Compare(a, b Side, lang string) Comparison {
	ca, freeA := a.c()
	defer freeA()
	cb, freeB := b.c()
	defer freeB()
	// The sides point into Go memory (the replies' C structs): pass copies
	// in C memory so no Go pointer is handed to C inside another.
	pa := (*C.struct_smtpreply_side)(C.malloc(C.size_t(unsafe.Sizeof(ca))))
	defer C.free(unsafe.Pointer(pa))
	pb := (*C.struct_smtpreply_side)(C.malloc(C.size_t(unsafe.Sizeof(cb))))
	defer C.free(unsafe.Pointer(pb))
	var ra, rb *C.struct_smtpreply
	if a.reply != nil {
		ra = (*C.struct_smtpreply)(C.malloc(C.size_t(unsafe.Sizeof(a.reply.c.r))))
		*ra = a.reply.c.r
		defer C.free(unsafe.Pointer(ra))
		ca.reply = ra
	}
	if b.reply != nil {
		rb = (*C.struct_smtpreply)(C.malloc(C.size_t(unsafe.Sizeof(b.reply.c.r))))
		*rb = b.reply.c.r
		defer C.free(unsafe.Pointer(rb))
		cb.reply = rb
	}
	*pa, *pb = ca, cb
	l, freeL := cstring(lang, true)
	defer freeL()
	text := func(part C.enum_smtpreply_compare_part, index int) string {
		need := C.smtpreply_compare_text(nil, 0, pa, pb, part, C.size_t(index), l)
		if need == 0 {
			return ""
		}
		out := (*C.char)(C.malloc(need + 1))
		defer C.free(unsafe.Pointer(out))
		C.smtpreply_compare_text(out, need+1, pa, pb, part, C.size_t(index), l)
		return C.GoStringN(out, C.int(need))
	}
	cmp := Comparison{Title: text(C.SMTPREPLY_COMPARE_TITLE, 0), Summary: text(C.SMTPREPLY_COMPARE_SUMMARY, 0)}
	for i := 0; ; i++ {
		p := text(C.SMTPREPLY_COMPARE_POINT, i)
		if p == "" {
			break
		}
		cmp.Points = append(cmp.Points, p)
	}
	for i := 0; i < 2; i++ {
		if w := text(C.SMTPREPLY_COMPARE_WHICH, i); w != "" {
			cmp.Which = append(cmp.Which, w)
		}
	}
	if a.reply != nil {
		runtime.KeepAlive(a.reply.c)
	}
	if b.reply != nil {
		runtime.KeepAlive(b.reply.c)
	}
	return cmp
}

// FallbackText is, for a fallback entry (ExplFallback), the sentence
// saying that label ("5.1.999") is not itself a registered code and which
// general entry is shown; false for any other entry.
func (x Explanation) FallbackText(label, lang string) (string, bool) {
	lb, freeLb := cstring(label, false)
	defer freeLb()
	l, freeL := cstring(lang, true)
	defer freeL()
	need := C.smtpreply_fallback_text(nil, 0, lb, x.e, l)
	if need == 0 {
		return "", false
	}
	out := (*C.char)(C.malloc(need + 1))
	defer C.free(unsafe.Pointer(out))
	C.smtpreply_fallback_text(out, need+1, lb, x.e, l)
	return C.GoStringN(out, C.int(need)), true
}
