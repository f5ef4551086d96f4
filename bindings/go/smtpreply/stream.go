package smtpreply

/*
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
*/
import "C"

import (
	"errors"
	"io"
	"runtime"
	"unsafe"
)

// Parser is the streaming parser of one connection: Feed it bytes as they
// arrive and it returns the replies they complete. Bytes that are no reply
// are dropped (the parser resynchronises at the next line) and reported as
// *ParseError values. Use a Reader to read from an io.Reader.
type Parser struct {
	p        C.struct_smtpreply_parser
	buf      *cBuffer
	offset   int64     // bytes consumed since the start or Reset
	commands []Command // sent and not yet answered, oldest first
}

// cBuffer is the unconsumed bytes, in C memory the C parser may read.
type cBuffer struct {
	ptr       unsafe.Pointer
	len, size int
}

// NewParser makes a streaming parser; opts nil means the defaults.
func NewParser(opts *Options) (*Parser, error) {
	co, err := opts.c()
	if err != nil {
		return nil, err
	}
	p := &Parser{buf: &cBuffer{}}
	C.smtpreply_parser_init(&p.p, &co)
	runtime.SetFinalizer(p.buf, func(b *cBuffer) { C.free(b.ptr) })
	return p, nil
}

// Expect queues commands sent and not yet answered (a pipelining
// client's queue): each reply takes the oldest as its Command.
func (p *Parser) Expect(cmds ...Command) { p.commands = append(p.commands, cmds...) }

// Offset is the number of bytes consumed since the start (or Reset).
func (p *Parser) Offset() int64 { return p.offset }

// Pending is the bytes received and not yet part of a complete reply.
func (p *Parser) Pending() []byte { return C.GoBytes(p.buf.ptr, C.int(p.buf.len)) }

// Reset forgets a partial reply and the queued commands (after STARTTLS
// or a reconnect).
func (p *Parser) Reset() {
	C.smtpreply_parser_reset(&p.p)
	p.buf.len = 0
	p.offset = 0
	p.commands = nil
}

func (p *Parser) append(data []byte) {
	b := p.buf
	if need := b.len + len(data); need > b.size {
		size := b.size*2 + 256
		for size < need {
			size *= 2
		}
		b.ptr = C.realloc(b.ptr, C.size_t(size))
		if b.ptr == nil {
			panic("smtpreply: out of memory")
		}
		b.size = size
	}
	if len(data) > 0 {
		C.memcpy(unsafe.Add(b.ptr, b.len), unsafe.Pointer(&data[0]), C.size_t(len(data)))
		b.len += len(data)
	}
}

func (p *Parser) drop(n int) {
	b := p.buf
	C.memmove(b.ptr, unsafe.Add(b.ptr, n), C.size_t(b.len-n))
	b.len -= n
	p.offset += int64(n)
}

// next parses the buffer once: a reply, a *ParseError, or (nil, nil) when
// more bytes are needed.
func (p *Parser) next() (*Reply, error) {
	var r C.struct_smtpreply
	n := C.smtpreply_parser_parse(&p.p, (*C.char)(p.buf.ptr), C.size_t(p.buf.len), &r)
	if n > 0 {
		cmd := CommandUnknown
		if len(p.commands) > 0 {
			cmd, p.commands = p.commands[0], p.commands[1:]
		}
		reply := newReply(&r, p.buf.ptr, int(n), cmd)
		p.drop(int(n))
		return reply, nil
	}
	var err error
	if n != C.SMTPREPLY_INCOMPLETE {
		perr := newParseError(n, p.offset+int64(r.error_offset), int(r.skip), &r)
		if perr.ReplyCode != 0 && len(p.commands) > 0 { // a failed reply answers a command
			perr.Command, p.commands = p.commands[0], p.commands[1:]
		}
		err = perr
	}
	if r.skip > 0 {
		p.drop(int(r.skip))
	}
	if err == nil && r.skip == 0 {
		return nil, nil
	}
	if err == nil { // junk dropped while incomplete: look again
		return p.next()
	}
	return nil, err
}

// Feed adds bytes and returns the replies they complete, in order, and
// the errors of the bytes that were no reply (already dropped).
func (p *Parser) Feed(data []byte) ([]*Reply, []error) {
	p.append(data)
	var replies []*Reply
	var errs []error
	for {
		r, err := p.next()
		switch {
		case r != nil:
			replies = append(replies, r)
		case err != nil:
			errs = append(errs, err)
		default:
			return replies, errs
		}
	}
}

// Close reports a reply cut off by the end of input: a *ParseError
// matching ErrIncomplete, or nil.
func (p *Parser) Close() error {
	for i := 0; i < p.buf.len; i++ {
		if c := *(*byte)(unsafe.Add(p.buf.ptr, i)); c != '\r' && c != '\n' {
			return newParseError(C.SMTPREPLY_INCOMPLETE, p.offset+int64(p.buf.len), 0, nil)
		}
	}
	return nil
}

// Reader reads replies from an io.Reader such as a net.Conn.
type Reader struct {
	src   io.Reader
	p     *Parser
	chunk []byte
	eof   bool
}

// NewReader reads replies from src; opts nil means the defaults (an
// invalid Options makes Next fail).
func NewReader(src io.Reader, opts *Options) *Reader {
	rd := &Reader{src: src, chunk: make([]byte, 4096)}
	p, err := NewParser(opts)
	if err != nil {
		rd.p = nil
		rd.chunk = nil
		rd.src = errReader{err}
		return rd
	}
	rd.p = p
	return rd
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// Parser is the Reader's streaming parser (Expect, Offset, Pending).
func (rd *Reader) Parser() *Parser { return rd.p }

// Next returns the next reply. A *ParseError is bytes that were no reply;
// they have been dropped, and Next may be called again. At the end of
// input Next returns io.EOF, or a *ParseError matching ErrIncomplete (and
// io.ErrUnexpectedEOF) when the input ended inside a reply. Other read
// errors are returned as they are.
func (rd *Reader) Next() (*Reply, error) {
	if rd.p == nil {
		_, err := rd.src.Read(nil)
		return nil, err
	}
	for {
		r, err := rd.p.next()
		if r != nil || err != nil {
			return r, err
		}
		if rd.eof {
			if err := rd.p.Close(); err != nil {
				rd.p.drop(rd.p.buf.len)
				return nil, &truncatedError{err.(*ParseError)}
			}
			return nil, io.EOF
		}
		n, rerr := rd.src.Read(rd.chunk)
		rd.p.append(rd.chunk[:n])
		if errors.Is(rerr, io.EOF) {
			rd.eof = true
		} else if rerr != nil {
			return nil, rerr
		}
	}
}

// truncatedError is ErrIncomplete at the end of input: it also matches
// io.ErrUnexpectedEOF.
type truncatedError struct{ *ParseError }

func (e *truncatedError) Is(target error) bool { return target == io.ErrUnexpectedEOF }
func (e *truncatedError) Unwrap() error        { return e.ParseError }
