package smtpreply

/*
#include <smtpreply.h>
*/
import "C"

import (
	"errors"
	"fmt"
)

// The kinds of parse error; a *ParseError matches one with errors.Is.
var (
	ErrIncomplete      = errors.New("smtpreply: incomplete reply")
	ErrBadCode         = errors.New("smtpreply: line does not start with a 3-digit code")
	ErrBadSeparator    = errors.New("smtpreply: code not followed by SP, '-' or the line end")
	ErrCodeRange       = errors.New("smtpreply: code's first digit is not 1 to 5")
	ErrLineTooLong     = errors.New("smtpreply: line longer than the limit")
	ErrTooManyLines    = errors.New("smtpreply: reply has more lines than the limit")
	ErrReplyTooBig     = errors.New("smtpreply: reply longer than the limit")
	ErrRejected        = errors.New("smtpreply: a rejected tolerance was needed")
	ErrInvalidArgument = errors.New("smtpreply: invalid argument")
	// ErrUnknownCommand matches an *UnknownCommandError.
	ErrUnknownCommand = errors.New("smtpreply: unknown command")
)

var sentinels = map[int]error{
	C.SMTPREPLY_INCOMPLETE:         ErrIncomplete,
	C.SMTPREPLY_E_BAD_CODE:         ErrBadCode,
	C.SMTPREPLY_E_BAD_SEPARATOR:    ErrBadSeparator,
	C.SMTPREPLY_E_CODE_RANGE:       ErrCodeRange,
	C.SMTPREPLY_E_LINE_TOO_LONG:    ErrLineTooLong,
	C.SMTPREPLY_E_TOO_MANY_LINES:   ErrTooManyLines,
	C.SMTPREPLY_E_REPLY_TOO_BIG:    ErrReplyTooBig,
	C.SMTPREPLY_E_REJECTED:         ErrRejected,
	C.SMTPREPLY_E_INVALID_ARGUMENT: ErrInvalidArgument,
}

// ParseError says why bytes are not an SMTP reply.
type ParseError struct {
	Result int    // the C result, negative
	Name   string // stable name: "bad_code", "incomplete"...
	// Offset of the offending byte: in the data given to Parse, or since
	// the start of the stream for a Reader or Parser. For an incomplete
	// reply: the end of the bytes given.
	Offset int64
	Skip   int   // bytes dropped to resynchronise
	Flags  Flags // for ErrRejected: the tolerance that was rejected
	// ReplyCode is, for a failed reply (one over a limit, or rejected: it
	// still answers a command), its reply code; 0 when the bytes were no
	// reply at all (junk).
	ReplyCode int
	// Command is, for a failed reply read by a Parser or Reader with queued
	// commands, the command it answered.
	Command Command
}

func newParseError(n C.int, offset int64, skip int, r *C.struct_smtpreply) *ParseError {
	e := &ParseError{Result: int(n), Name: C.GoString(C.smtpreply_result_name(n)),
		Offset: offset, Skip: skip}
	if r != nil {
		e.Flags, e.ReplyCode = Flags(r.flags), int(r.code)
	}
	return e
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("smtpreply: %s at byte %d: %s", e.Name, e.Offset,
		C.GoString(C.smtpreply_result_message(C.int(e.Result))))
}

// Unwrap gives the sentinel of the error's kind (ErrBadCode...).
func (e *ParseError) Unwrap() error { return sentinels[e.Result] }

// UnknownCommandError is a command name the library does not know.
type UnknownCommandError struct{ Name string }

func (e *UnknownCommandError) Error() string {
	return fmt.Sprintf("smtpreply: unknown SMTP command %q", e.Name)
}

// Is makes errors.Is(err, ErrUnknownCommand) hold.
func (e *UnknownCommandError) Is(target error) bool { return target == ErrUnknownCommand }
