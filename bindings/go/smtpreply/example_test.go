package smtpreply_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/libsmtpreply/libsmtpreply/bindings/go/smtpreply"
)

func Example() {
	r, err := smtpreply.Parse([]byte("550 5.1.1 <bob@example.org>: User unknown\r\n"), "RCPT")
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Code, r.Enhanced, r.Action(), r.Reason(), r.Party())
	fmt.Println(r.Explanation().Name)
	fmt.Println(r.Format("mx.example.org"))
	d := r.Diagnose()
	fmt.Println(d.Verdict, d.Confidence, d.Evidence)
	// Output:
	// 550 5.1.1 fail user_unknown sender
	// Recipient refused (mailbox unavailable)
	// host mx.example.org said: 550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command)
	// suppress strong enhanced
}

func ExampleReader() {
	session := "220 mx.example.org ESMTP\r\n" +
		"250-mx.example.org\r\n250-SIZE 10240000\r\n250 AUTH PLAIN\r\n" +
		"HTTP/1.1 400 Bad Request\r\n" +
		"452 4.2.2 Mailbox full\r\n"
	rd := smtpreply.NewReader(strings.NewReader(session), nil)
	rd.Parser().Expect(smtpreply.CommandGreeting, smtpreply.CommandEHLO, smtpreply.CommandRCPT)
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *smtpreply.ParseError
		if errors.As(err, &perr) {
			fmt.Println("skipped:", perr.Name, "at byte", perr.Offset)
			continue
		}
		fmt.Println(r.Code, r.Command, r.Action())
		if size, ok := r.SizeLimit(); ok {
			fmt.Println("  SIZE", size)
		}
	}
	// Output:
	// 220 GREETING success
	// 250 EHLO success
	//   SIZE 10240000
	// skipped: bad_code at byte 81
	// 452 RCPT retry
}

func ExampleExplain() {
	e := smtpreply.Explain("5.7.26")
	fmt.Println(e.Enhanced, e.Flags.Has(smtpreply.ExplEnhanced))
	// Output: X.7.26 true
}
