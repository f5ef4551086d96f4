package smtpreply

/*
#include <stdlib.h>
#include <smtpreply.h>
*/
import "C"

import "fmt"

// The default limits (a zero limit in Options means these).
const (
	DefaultMaxLine  = C.SMTPREPLY_DEFAULT_MAX_LINE  // bytes, line end included
	DefaultMaxLines = C.SMTPREPLY_DEFAULT_MAX_LINES // lines of one reply
	DefaultMaxReply = C.SMTPREPLY_DEFAULT_MAX_REPLY // bytes of one reply
)

// Options tune parsing; the zero value (or nil) is the defaults.
type Options struct {
	Strict   bool  // reject every departure from the RFCs (FlagsStrict)
	Reject   Flags // flags that become ErrRejected
	MaxLine  int   // bytes of one line, line end included; 0: DefaultMaxLine
	MaxLines int   // lines of one reply; 0: DefaultMaxLines
	MaxReply int   // bytes of one reply; 0: DefaultMaxReply
}

func (o *Options) c() (C.struct_smtpreply_options, error) {
	var co C.struct_smtpreply_options
	C.smtpreply_options_init(&co)
	if o == nil {
		return co, nil
	}
	if o.MaxLine < 0 || o.MaxLines < 0 || o.MaxReply < 0 ||
		uint64(o.MaxLine) > 0xffffffff || uint64(o.MaxLines) > 0xffffffff ||
		uint64(o.MaxReply) > 0xffffffff {
		return co, fmt.Errorf("%w: a limit out of range in %+v", ErrInvalidArgument, *o)
	}
	co.reject = C.uint(o.Reject)
	if o.Strict {
		co.reject |= C.uint(FlagsStrict)
	}
	co.max_line, co.max_lines, co.max_reply = C.uint(o.MaxLine), C.uint(o.MaxLines), C.uint(o.MaxReply)
	return co, nil
}

// Parse parses the reply at the start of data as the answer to command
// ("RCPT", "MAIL FROM", "."; "" when not known). An unknown command name
// is an *UnknownCommandError; bytes that are no reply a *ParseError
// (errors.Is(err, ErrBadCode)...; ErrIncomplete when data ends inside a
// reply).
func Parse(data []byte, command string) (*Reply, error) {
	return ParseWithOptions(data, command, nil)
}

// ParseWithOptions is Parse with limits and strictness.
func ParseWithOptions(data []byte, command string, opts *Options) (*Reply, error) {
	cmd, err := ParseCommand(command)
	if err != nil {
		return nil, err
	}
	co, err := opts.c()
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, newParseError(C.SMTPREPLY_INCOMPLETE, 0, 0, nil)
	}
	// The C struct's views point into the buffer: keep it in C memory.
	buf := C.CBytes(data)
	defer C.free(buf)
	var r C.struct_smtpreply
	n := C.smtpreply_parse((*C.char)(buf), C.size_t(len(data)), &co, &r)
	switch {
	case n > 0:
		return newReply(&r, buf, int(n), cmd), nil
	case n == C.SMTPREPLY_INCOMPLETE:
		return nil, newParseError(n, int64(len(data)), 0, nil)
	default:
		return nil, newParseError(n, int64(r.error_offset), int(r.skip), &r)
	}
}

// FlagName is the stable name of one flag bit ("bare_lf"), "" if unknown.
func FlagName(f Flags) string { return C.GoString(C.smtpreply_flag_name(C.uint(f))) }
