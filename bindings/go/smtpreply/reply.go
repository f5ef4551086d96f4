package smtpreply

/*
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
*/
import "C"

import (
	"runtime"
	"strings"
	"unsafe"
)

// Reply is one parsed reply. It owns a copy of its bytes (in C memory,
// freed by the garbage collector), so it outlives the buffer it came from.
type Reply struct {
	Code      int      // the final line's reply code: 550
	FirstCode int      // the first line's (differs with FlagCodeMismatch)
	Class     int      // Code / 100: 2 success .. 5 permanent failure
	Enhanced  Enhanced // 5.1.1; zero when the reply has none
	Flags     Flags    // what the parser tolerated
	Lines     []string // the text of each line
	Raw       []byte   // the reply's bytes (skipped empty lines excluded)
	Length    int      // bytes of input it used (skipped empty lines included)
	// Command is what the reply answers; it decides Action, Reason and
	// Explanation. Set it when it is known only later.
	Command Command
	c       *cReply
}

// cReply is the C struct with its views into a C copy of the bytes.
type cReply struct {
	buf unsafe.Pointer
	r   C.struct_smtpreply
}

// newReply copies n bytes from base (where r's views point) into C memory.
func newReply(r *C.struct_smtpreply, base unsafe.Pointer, n int, cmd Command) *Reply {
	c := &cReply{buf: C.malloc(C.size_t(n)), r: *r}
	C.memcpy(c.buf, base, C.size_t(n))
	rebase := func(s *C.struct_smtpreply_str) {
		if s.ptr != nil {
			off := uintptr(unsafe.Pointer(s.ptr)) - uintptr(base)
			s.ptr = (*C.char)(unsafe.Add(c.buf, off))
		}
	}
	rebase(&c.r.raw)
	rebase(&c.r.first_line)
	rebase(&c.r.last_line)
	runtime.SetFinalizer(c, func(c *cReply) { C.free(c.buf) })

	out := &Reply{
		Code: int(r.code), FirstCode: int(r.first_code), Class: int(r.klass),
		Flags: Flags(r.flags), Length: n, Command: cmd, c: c,
		Raw: C.GoBytes(unsafe.Pointer(c.r.raw.ptr), C.int(c.r.raw.len)),
	}
	if r.enhanced.klass != 0 {
		out.Enhanced = Enhanced{int(r.enhanced.klass), int(r.enhanced.subject),
			int(r.enhanced.detail)}
	}
	var it C.struct_smtpreply_iter
	var s C.struct_smtpreply_str
	for C.smtpreply_next_line(&c.r, &it, &s) != 0 {
		out.Lines = append(out.Lines, goStr(s))
	}
	return out
}

// Line is line i (0-based) from the library (Lines holds them all);
// false past the end.
func (r *Reply) Line(i int) (string, bool) {
	defer runtime.KeepAlive(r.c)
	if i < 0 {
		return "", false
	}
	s := C.smtpreply_line(&r.c.r, C.size_t(i))
	return goStr(s), s.ptr != nil
}

// Text is the lines joined by spaces.
func (r *Reply) Text() string {
	var parts []string
	for _, l := range r.Lines {
		if t := strings.TrimSpace(l); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// Action is what to do after r.Command.
func (r *Reply) Action() Action { return r.ActionAfter(r.Command) }

// ActionAfter is what to do had the reply answered cmd.
func (r *Reply) ActionAfter(cmd Command) Action {
	defer runtime.KeepAlive(r.c)
	return Action(C.smtpreply_action(&r.c.r, C.enum_smtpreply_command(cmd)))
}

// Reason is why the reply failed (ReasonNone for success).
func (r *Reply) Reason() Reason { return r.ReasonAfter(r.Command) }

// ReasonAfter is the reason had the reply answered cmd.
func (r *Reply) ReasonAfter(cmd Command) Reason {
	defer runtime.KeepAlive(r.c)
	return Reason(C.smtpreply_reason(&r.c.r, C.enum_smtpreply_command(cmd)))
}

// Party is who must act on the failure (a provider's own entry for the
// reply beats the reason's usual party).
func (r *Reply) Party() Party {
	defer runtime.KeepAlive(r.c)
	return Party(C.smtpreply_reply_party(&r.c.r, C.enum_smtpreply_command(r.Command)))
}

// Explanation is the reply code's entry (after r.Command when known).
func (r *Reply) Explanation() Explanation {
	defer runtime.KeepAlive(r.c)
	return newExplanation(C.smtpreply_explain_reply(&r.c.r, C.enum_smtpreply_command(r.Command)), "")
}

// EnhancedExplanation is the enhanced code's entry (the class's when the
// reply has none).
func (r *Reply) EnhancedExplanation() Explanation {
	defer runtime.KeepAlive(r.c)
	if e := r.c.r.expl_enhanced; e != nil { // the parser stores it (1.1)
		return newExplanation(e, "")
	}
	return newExplanation(C.smtpreply_explain_reply_enhanced(&r.c.r), "")
}

// Provider is who answered, judged from the text ("google",
// "microsoft"...), or "".
func (r *Reply) Provider() string {
	defer runtime.KeepAlive(r.c)
	p := C.smtpreply_provider(&r.c.r)
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

// ProviderExplanation is the provider's own entry for the enhanced code;
// false when it has none.
func (r *Reply) ProviderExplanation() (Explanation, bool) {
	defer runtime.KeepAlive(r.c)
	e := C.smtpreply_explain_provider(&r.c.r)
	if e == nil {
		return Explanation{}, false
	}
	return newExplanation(e, ""), true
}

// Format is one log line, escaped so a server cannot forge lines:
// "host H said: 550 5.1.1 text (in reply to RCPT TO command)"; no
// "host H said: " when host is "".
func (r *Reply) Format(host string) string { return r.format(host, 0) }

// FormatASCII is Format with every byte >= 0x80 escaped as well.
func (r *Reply) FormatASCII(host string) string { return r.format(host, C.SMTPREPLY_FMT_ASCII) }

func (r *Reply) format(host string, flags C.uint) string {
	defer runtime.KeepAlive(r.c)
	h, free := cstring(host, true)
	defer free()
	cmd := C.enum_smtpreply_command(r.Command)
	need := C.smtpreply_format(nil, 0, &r.c.r, h, cmd, flags)
	out := (*C.char)(C.malloc(need + 1))
	defer C.free(unsafe.Pointer(out))
	C.smtpreply_format(out, need+1, &r.c.r, h, cmd, flags)
	return C.GoStringN(out, C.int(need))
}

// String is the log line without a host.
func (r *Reply) String() string { return r.Format("") }

// Extension is one line of a reply to EHLO: "SIZE" "35882577".
type Extension struct{ Keyword, Params string }

// Extensions are the extensions of a 250 reply to EHLO, in order (the
// first line, the server's name, is not one).
func (r *Reply) Extensions() []Extension {
	defer runtime.KeepAlive(r.c)
	var it C.struct_smtpreply_ehlo_iter
	var k, p C.struct_smtpreply_str
	var out []Extension
	for C.smtpreply_ehlo_next(&r.c.r, &it, &k, &p) != 0 {
		out = append(out, Extension{Keyword: strings.ToUpper(goStr(k)), Params: goStr(p)})
	}
	return out
}

// Extension is the parameters of one EHLO extension (case-insensitive
// keyword); false when the server does not offer it.
func (r *Reply) Extension(keyword string) (string, bool) {
	defer runtime.KeepAlive(r.c)
	k, free := cstring(keyword, false)
	defer free()
	var p C.struct_smtpreply_str
	if C.smtpreply_ehlo_find(&r.c.r, k, &p) == 0 {
		return "", false
	}
	return goStr(p), true
}

// SizeLimit is EHLO's SIZE in bytes (0: no limit stated); false when SIZE
// is not offered.
func (r *Reply) SizeLimit() (int64, bool) {
	defer runtime.KeepAlive(r.c)
	v := int64(C.smtpreply_ehlo_size(&r.c.r))
	return v, v >= 0
}

// HasAuth reports whether EHLO's AUTH offers the mechanism.
func (r *Reply) HasAuth(mechanism string) bool {
	defer runtime.KeepAlive(r.c)
	m, free := cstring(mechanism, false)
	defer free()
	return C.smtpreply_ehlo_has_auth(&r.c.r, m) != 0
}

// QueueID is the queue id in a 250 reply to the end of DATA ("" if none).
func (r *Reply) QueueID() string {
	defer runtime.KeepAlive(r.c)
	return goStr(C.smtpreply_queue_id(&r.c.r))
}
