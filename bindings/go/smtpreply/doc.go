// Package smtpreply parses SMTP server replies and explains them: Go
// bindings (cgo) of libsmtpreply.
//
//	r, err := smtpreply.Parse([]byte("550 5.1.1 <bob@example.org>: User unknown\r\n"), "RCPT")
//	if err != nil { ... }
//	fmt.Println(r.Code, r.Enhanced, r.Action(), r.Reason(), r.Explanation().Name)
//
// Replies from a connection, pipelined or in pieces, come from a Reader:
//
//	rd := smtpreply.NewReader(conn, nil)
//	for { r, err := rd.Next(); ... }
//
// Errors are *ParseError values that match the sentinels with errors.Is
// (ErrBadCode, ErrIncomplete...), and *UnknownCommandError for a command
// name the library does not know (errors.Is(err, ErrUnknownCommand)).
//
// The library is found with pkg-config (libsmtpreply.pc, installed by
// `make install`); to build against an uninstalled tree, point
// PKG_CONFIG_PATH at a .pc that names it.
package smtpreply

/*
#cgo pkg-config: libsmtpreply
#include <stdlib.h>
#include <smtpreply.h>
*/
import "C"

import "unsafe"

// Version is the loaded library's version ("1.1.0").
func Version() string { return C.GoString(C.smtpreply_version()) }

// VersionNumber is the loaded library's version as 0xMMmmpp.
func VersionNumber() uint { return uint(C.smtpreply_version_number()) }

// cstring gives a C copy of s (NULL for "" when nullEmpty) and its free.
func cstring(s string, nullEmpty bool) (*C.char, func()) {
	if s == "" && nullEmpty {
		return nil, func() {}
	}
	c := C.CString(s)
	return c, func() { C.free(unsafe.Pointer(c)) }
}

func goStr(s C.struct_smtpreply_str) string {
	if s.ptr == nil || s.len == 0 {
		return ""
	}
	return C.GoStringN(s.ptr, C.int(s.len))
}
