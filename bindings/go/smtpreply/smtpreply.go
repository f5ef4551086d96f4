// Package smtpreply calls libsmtpreply from Go through cgo: it parses SMTP
// server replies and explains them.
//
// It finds the library with pkg-config (libsmtpreply.pc, installed by
// `make install`); to build against an uninstalled tree, point
// PKG_CONFIG_PATH at a .pc that names it (make check-bindings does).
package smtpreply

/*
#cgo pkg-config: libsmtpreply
#include <stdlib.h>
#include <smtpreply.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Explanation is an entry of the library's explanation table.
type Explanation struct {
	Key, Name, Description, When, Fix, Source string
}

// Reply is one parsed reply, with what it means and what to do about it
// after the command it answers.
type Reply struct {
	Length      int      // bytes of input it used
	Code        int      // 550
	Enhanced    string   // "5.1.1", or "" when the reply has none
	Lines       []string // the text of each line
	Flags       []string // what the parser tolerated: "bare_lf"...
	Action      string   // "success", "continue", "retry", "fail"
	Reason      string   // "none", "user_unknown", "mailbox_full"...
	Explanation Explanation
	// The enhanced code's entry (the class's when the reply has none).
	EnhancedExplanation Explanation
	Log                 string // smtpreply_format's escaped log line
}

// ErrIncomplete is returned when the input ends inside a reply.
var ErrIncomplete = errors.New("smtpreply: incomplete reply")

func explanation(e *C.smtpreply_expl) Explanation {
	t := func(f C.enum_smtpreply_field) string { return C.GoString(C.smtpreply_expl_text(e, f)) }
	return Explanation{
		Key: t(C.SMTPREPLY_FIELD_KEY), Name: t(C.SMTPREPLY_FIELD_NAME),
		Description: t(C.SMTPREPLY_FIELD_DESCRIPTION), When: t(C.SMTPREPLY_FIELD_WHEN),
		Fix: t(C.SMTPREPLY_FIELD_FIX), Source: t(C.SMTPREPLY_FIELD_SOURCE),
	}
}

// Version is the loaded library's version ("1.0.0").
func Version() string { return C.GoString(C.smtpreply_version()) }

// Explain explains a code written as text: "550", "5.7.26", "550 5.7.26".
func Explain(code string) Explanation {
	cs := C.CString(code)
	defer C.free(unsafe.Pointer(cs))
	return explanation(C.smtpreply_explain_text(cs))
}

// Parse parses the reply at the start of data, as the answer to command
// ("RCPT", "MAIL FROM", "." ...; "" when not known), for logs about host.
func Parse(data []byte, command, host string) (*Reply, error) {
	if len(data) == 0 {
		return nil, ErrIncomplete
	}
	// The reply's views point into the buffer: keep it in C memory while
	// the C functions read it.
	buf := C.CBytes(data)
	defer C.free(buf)
	var r C.struct_smtpreply
	n := C.smtpreply_parse((*C.char)(buf), C.size_t(len(data)), nil, &r)
	if n == C.SMTPREPLY_INCOMPLETE {
		return nil, ErrIncomplete
	}
	if n < 0 {
		return nil, fmt.Errorf("smtpreply: %s at byte %d", C.GoString(C.smtpreply_result_name(n)),
			int(r.error_offset))
	}
	ccmd := C.CString(command)
	defer C.free(unsafe.Pointer(ccmd))
	cmd := C.smtpreply_command_parse(ccmd)

	out := &Reply{Length: int(n), Code: int(r.code)}
	if r.enhanced.klass != 0 {
		out.Enhanced = fmt.Sprintf("%d.%d.%d", int(r.enhanced.klass), int(r.enhanced.subject),
			int(r.enhanced.detail))
	}
	var it C.struct_smtpreply_iter
	var s C.struct_smtpreply_str
	for C.smtpreply_next_line(&r, &it, &s) != 0 {
		out.Lines = append(out.Lines, C.GoStringN(s.ptr, C.int(s.len)))
	}
	for bit := uint(0); bit < 32; bit++ {
		if uint(r.flags)&(1<<bit) != 0 {
			out.Flags = append(out.Flags, C.GoString(C.smtpreply_flag_name(C.uint(1<<bit))))
		}
	}
	out.Action = C.GoString(C.smtpreply_action_name(C.smtpreply_action(&r, cmd)))
	out.Reason = C.GoString(C.smtpreply_reason_name(C.smtpreply_reason(&r, cmd)))
	out.Explanation = explanation(C.smtpreply_explain_reply(&r, cmd))
	out.EnhancedExplanation = explanation(C.smtpreply_explain_reply_enhanced(&r))

	var chost *C.char
	if host != "" {
		chost = C.CString(host)
		defer C.free(unsafe.Pointer(chost))
	}
	need := C.smtpreply_format(nil, 0, &r, chost, cmd, 0)
	line := (*C.char)(C.malloc(need + 1))
	defer C.free(unsafe.Pointer(line))
	C.smtpreply_format(line, need+1, &r, chost, cmd, 0)
	out.Log = C.GoString(line)
	return out, nil
}
