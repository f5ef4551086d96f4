// Command explain parses an SMTP reply with libsmtpreply (through cgo) and
// prints its explanation.
//
//	go run ./cmd/explain ['550 5.1.1 reply text' [COMMAND]]
package main

import (
	"fmt"
	"os"
	"strings"

	"example.com/libsmtpreply/smtpreply"
)

func main() {
	text := "550-5.1.1 <bob@example.org>: Recipient address rejected:\r\n" +
		"550 5.1.1 User unknown in virtual mailbox table\r\n"
	command := "RCPT"
	if len(os.Args) > 1 {
		text = os.Args[1]
		if !strings.HasSuffix(text, "\n") {
			text += "\r\n"
		}
	}
	if len(os.Args) > 2 {
		command = os.Args[2]
	}
	r, err := smtpreply.Parse([]byte(text), command, "mx.example.org")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("libsmtpreply %s from Go\n", smtpreply.Version())
	fmt.Printf("code: %d\n", r.Code)
	fmt.Printf("enhanced: %s\n", r.Enhanced)
	for i, l := range r.Lines {
		fmt.Printf("line %d: %s\n", i, l)
	}
	fmt.Printf("action: %s\n", r.Action)
	fmt.Printf("reason: %s\n", r.Reason)
	fmt.Printf("explanation: %s\n  %s\n", r.Explanation.Name, r.Explanation.Description)
	fmt.Printf("enhanced explanation: %s\n  fix: %s\n", r.EnhancedExplanation.Name, r.EnhancedExplanation.Fix)
	fmt.Printf("log: %s\n", r.Log)
}
