// Command smtpreply-explain explains one SMTP reply given as arguments:
//
//	smtpreply-explain '550 5.1.1 <bob@example.org>: User unknown' RCPT
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/libsmtpreply/libsmtpreply/bindings/go/smtpreply"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: smtpreply-explain 'REPLY LINE' [COMMAND]")
		os.Exit(2)
	}
	command := ""
	if len(os.Args) == 3 {
		command = os.Args[2]
	}
	r, err := smtpreply.Parse([]byte(os.Args[1]+"\r\n"), command)
	var perr *smtpreply.ParseError
	switch {
	case errors.Is(err, smtpreply.ErrUnknownCommand):
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	case errors.As(err, &perr):
		fmt.Fprintf(os.Stderr, "not an SMTP reply: %s (byte %d)\n", perr.Name, perr.Offset)
		os.Exit(1)
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	e := r.Explanation()
	fmt.Println(r.Format(""))
	fmt.Printf("%s: %s\n", e.Name, e.Description)
	fmt.Printf("%s: %s\n", smtpreply.HeadingFix.Text(""), e.Fix)
	fmt.Printf("action: %s (%s)\nreason: %s (%s)\n", r.Action(), r.Action().Text(""),
		r.Reason(), r.Reason().Text(""))
}
