package smtpreply

/*
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
*/
import "C"

import "unsafe"

// Source is where a found reply came from.
type Source int

// The sources (enum smtpreply_source).
const (
	SourceNone       Source = 0
	SourceRaw        Source = 1 // lines that are a reply themselves
	SourcePostfix    Source = 2
	SourceExim       Source = 3
	SourceSendmail   Source = 4
	SourceOpenSMTPD  Source = 5
	SourceDSN        Source = 6 // RFC 3464 delivery-status fields
	SourceBounce     Source = 7 // a bounce's text for people
	SourceTranscript Source = 8 // swaks, smtplib, curl -v, openssl s_client
	SourceExchange   Source = 9 // Exchange message tracking, Microsoft 365 message trace
	SourceFallback   Source = 10 // a bounce no known format explains, read by the general reader
)

// String is the stable name: "postfix", "dsn"...
func (s Source) String() string {
	return C.GoString(C.smtpreply_source_name(C.enum_smtpreply_source(s)))
}

// FindKinds says what Find looks for; 0 is everything.
type FindKinds uint

// The kinds of record (SMTPREPLY_FIND_*).
const (
	FindLog        FindKinds = C.SMTPREPLY_FIND_LOG        // MTA log lines
	FindTranscript FindKinds = C.SMTPREPLY_FIND_TRANSCRIPT // client transcripts
	FindText       FindKinds = C.SMTPREPLY_FIND_TEXT       // bounce text, DSN fields
	FindRaw        FindKinds = C.SMTPREPLY_FIND_RAW        // lines that start with a code
)

// Found is one reply found in a log, bounce or transcript, with what the
// record says about it. Reply is nil when the record names a failure but
// no reply (a time-out: see Problem). Status is the DSN Status (or
// Sendmail dsn=), which may differ from the reply's enhanced code.
//
// Diagnosis is the record's (smtpreply_found_diagnose): with a reply,
// Reply.Diagnose() (the Status does not stand in for an enhanced code
// the reply lacks); without one, judged from Problem, Status and Action
// (Code is then 0).
type Found struct {
	Reply     *Reply
	Command   Command
	Source    Source
	Host      string
	Recipient string
	Status    string
	Action    string
	Date      string
	Problem   string
	Offset    int // the record's bytes in the text
	Length    int
	Diagnosis Diagnosis // API 1.1
}

func newFound(f *C.struct_smtpreply_found) *Found {
	out := &Found{
		Command: Command(f.command), Source: Source(f.source),
		Host: goStr(f.host), Recipient: goStr(f.recipient), Status: goStr(f.status),
		Action: goStr(f.action), Date: goStr(f.date), Problem: goStr(f.problem),
		Offset: int(f.offset), Length: int(f.length),
	}
	// Judged now, while the record's views into the text and buf are valid.
	var d C.struct_smtpreply_diagnosis
	if C.smtpreply_found_diagnose(f, &d) != 0 {
		panic("smtpreply: smtpreply_found_diagnose refused its arguments")
	}
	out.Diagnosis = diagnosisOf(&d)
	if f.has_reply != 0 {
		raw := f.reply.raw
		out.Reply = newReply(&f.reply, unsafe.Pointer(raw.ptr), int(raw.len), out.Command)
	}
	return out
}

// Find returns the replies in a text: MTA log lines, client transcripts
// (swaks, smtplib, curl -v), a bounce's text or DSN fields, lines that
// start with a reply code; kinds limits what it looks for (0: all).
// Records whose reply does not parse are left out.
func Find(text []byte, kinds FindKinds) []*Found {
	if len(text) == 0 {
		return nil
	}
	src := C.CBytes(text)
	defer C.free(src)
	size := 2*len(text) + 256 // the reply reassembled: its size + 2 a line
	buf := C.malloc(C.size_t(size))
	defer C.free(buf)
	var out []*Found
	var pos C.size_t
	var f C.struct_smtpreply_found
	for {
		before := pos
		n := C.smtpreply_find((*C.char)(src), C.size_t(len(text)), &pos, C.uint(kinds),
			(*C.char)(buf), C.size_t(size), &f)
		if n == 0 || (n < 0 && pos == before) { // the second: a refusal, not a record
			return out
		}
		if n > 0 {
			out = append(out, newFound(&f))
		}
	}
}

// ReadBounce returns the records of a bounce message (RFC 5322, with or
// without the mbox "From " line): one per recipient of its
// message/delivery-status part, or, for a bounce without one, one per
// reply its text quotes.
func ReadBounce(msg []byte) []*Found {
	if len(msg) == 0 {
		return nil
	}
	src := C.CBytes(msg)
	defer C.free(src)
	size := 2*len(msg) + 256 // decoded text in the first half, then replies
	buf := C.malloc(C.size_t(size))
	defer C.free(buf)
	var out []*Found
	var it C.struct_smtpreply_bounce_iter
	var f C.struct_smtpreply_found
	for refused := 0; refused < 64; { // a refusal repeated is no progress
		n := C.smtpreply_bounce_next((*C.char)(src), C.size_t(len(msg)), &it,
			(*C.char)(buf), C.size_t(size), &f)
		if n == 0 {
			return out
		}
		if n < 0 {
			refused++
		}
		if n > 0 {
			out = append(out, newFound(&f))
		}
	}
	return out
}
