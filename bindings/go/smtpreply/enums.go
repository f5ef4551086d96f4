package smtpreply

/*
#include <smtpreply.h>
*/
import "C"

import (
	"fmt"
	"strings"
)

// Command is the command a reply answers; it changes what a reply means
// (552 after RCPT is "too many recipients", to be retried).
type Command int

// The commands (enum smtpreply_command).
const (
	CommandUnknown  Command = 0
	CommandGreeting Command = 1 // the 220/554 on connect
	CommandEHLO     Command = 2
	CommandHELO     Command = 3
	CommandMAIL     Command = 4
	CommandRCPT     Command = 5
	CommandDATA     Command = 6
	CommandDot      Command = 7 // end of the message data
	CommandBDAT     Command = 8
	CommandRSET     Command = 9
	CommandVRFY     Command = 10
	CommandEXPN     Command = 11
	CommandHELP     Command = 12
	CommandNOOP     Command = 13
	CommandQUIT     Command = 14
	CommandAUTH     Command = 15
	CommandSTARTTLS Command = 16
	CommandETRN     Command = 17
	CommandATRN     Command = 18
)

// ParseCommand reads a command as a client writes it: "RCPT", "rcpt to:<a@b>",
// "MAIL FROM", ".", "end of data". "" and "unknown" give CommandUnknown; any
// other name the library does not know is an *UnknownCommandError.
func ParseCommand(name string) (Command, error) {
	trimmed := strings.TrimSpace(name)
	if trimmed == "" || strings.EqualFold(trimmed, "unknown") {
		return CommandUnknown, nil
	}
	c, free := cstring(name, false)
	defer free()
	cmd := Command(C.smtpreply_command_parse(c))
	if cmd == CommandUnknown {
		return CommandUnknown, &UnknownCommandError{Name: name}
	}
	return cmd, nil
}

// String is the command's name: "RCPT", "GREETING", "DOT".
func (c Command) String() string {
	return C.GoString(C.smtpreply_command_name(C.enum_smtpreply_command(c)))
}

// Action is what a client does next.
type Action int

// The actions (enum smtpreply_action).
const (
	ActionSuccess  Action = 0 // 2xx: done
	ActionContinue Action = 1 // 3xx: send the next part
	ActionRetry    Action = 2 // try again later
	ActionFail     Action = 3 // permanent: do not retry unchanged
)

// String is the stable name: "success", "continue", "retry", "fail".
func (a Action) String() string {
	return C.GoString(C.smtpreply_action_name(C.enum_smtpreply_action(a)))
}

// Text is a title for people ("Retry later") in lang ("" for English).
func (a Action) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_action_text(C.enum_smtpreply_action(a), l))
}

// Description is one sentence for people on what the action means.
func (a Action) Description(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_action_description(C.enum_smtpreply_action(a), l))
}

// Reason is why a 4xx/5xx reply failed.
type Reason int

// The reasons (enum smtpreply_reason); ReasonCount is one past the last.
const (
	ReasonNone              Reason = 0
	ReasonUnknown           Reason = 1
	ReasonUserUnknown       Reason = 2
	ReasonMailboxFull       Reason = 3
	ReasonMailboxDisabled   Reason = 4
	ReasonDomainUnknown     Reason = 5
	ReasonRelayDenied       Reason = 6
	ReasonAuthRequired      Reason = 7
	ReasonAuthFailed        Reason = 8
	ReasonTLSRequired       Reason = 9
	ReasonMessageTooLarge   Reason = 10
	ReasonTooManyRecipients Reason = 11
	ReasonRateLimited       Reason = 12
	ReasonGreylisted        Reason = 13
	ReasonBlocked           Reason = 14
	ReasonReverseDNS        Reason = 15
	ReasonSenderAuth        Reason = 16
	ReasonSpam              Reason = 17
	ReasonVirus             Reason = 18
	ReasonContentRejected   Reason = 19
	ReasonPolicy            Reason = 20
	ReasonSyntax            Reason = 21
	ReasonNotImplemented    Reason = 22
	ReasonServerError       Reason = 23
	ReasonNetwork           Reason = 24
	ReasonSenderInvalid     Reason = 25
	ReasonExpired           Reason = 26
	ReasonCount                    = C.SMTPREPLY_REASON_COUNT
)

// String is the stable name: "user_unknown", "mailbox_full"...
func (r Reason) String() string {
	return C.GoString(C.smtpreply_reason_name(C.enum_smtpreply_reason(r)))
}

// Text is a title for people ("Recipient unknown").
func (r Reason) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_reason_text(C.enum_smtpreply_reason(r), l))
}

// Description is one sentence for people on the reason.
func (r Reason) Description(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_reason_description(C.enum_smtpreply_reason(r), l))
}

// Party is who must act on the reason.
func (r Reason) Party() Party {
	return Party(C.smtpreply_reason_party(C.enum_smtpreply_reason(r)))
}

// Party is who must act on a failure.
type Party int

// The parties (enum smtpreply_party).
const (
	PartyNone           Party = 0
	PartySender         Party = 1
	PartySenderAdmin    Party = 2
	PartyRecipient      Party = 3
	PartyRecipientAdmin Party = 4
)

// String is the stable name: "sender", "recipient_admin"...
func (p Party) String() string {
	return C.GoString(C.smtpreply_party_name(C.enum_smtpreply_party(p)))
}

// Text is who, for people ("The recipient's mail administrator").
func (p Party) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_party_text(C.enum_smtpreply_party(p), l))
}

// Flags are what the parser saw and tolerated.
type Flags uint

// The flags (SMTPREPLY_F_*); FlagsStrict is every one that departs from
// the RFCs.
const (
	FlagBareLF               Flags = C.SMTPREPLY_F_BARE_LF
	FlagBareCR               Flags = C.SMTPREPLY_F_BARE_CR
	FlagNonstandardCode      Flags = C.SMTPREPLY_F_NONSTANDARD_CODE
	FlagCodelessLine         Flags = C.SMTPREPLY_F_CODELESS_LINE
	FlagCodeMismatch         Flags = C.SMTPREPLY_F_CODE_MISMATCH
	FlagEnhancedMismatch     Flags = C.SMTPREPLY_F_ENHANCED_MISMATCH
	FlagEnhancedInconsistent Flags = C.SMTPREPLY_F_ENHANCED_INCONSISTENT
	FlagLeadingEmpty         Flags = C.SMTPREPLY_F_LEADING_EMPTY
	FlagEightBit             Flags = C.SMTPREPLY_F_EIGHT_BIT
	FlagInvalidUTF8          Flags = C.SMTPREPLY_F_INVALID_UTF8
	FlagControl              Flags = C.SMTPREPLY_F_CONTROL
	FlagNUL                  Flags = C.SMTPREPLY_F_NUL
	FlagLongLine             Flags = C.SMTPREPLY_F_LONG_LINE
	FlagSkippedJunk          Flags = C.SMTPREPLY_F_SKIPPED_JUNK
	FlagsStrict              Flags = FlagBareLF | FlagBareCR | FlagNonstandardCode |
		FlagCodelessLine | FlagCodeMismatch | FlagEnhancedMismatch |
		FlagEnhancedInconsistent | FlagLeadingEmpty | FlagInvalidUTF8 |
		FlagControl | FlagNUL | FlagLongLine
)

// Names are the flags' stable names, lowest bit first ("bare_lf").
func (f Flags) Names() []string {
	var out []string
	for bit := uint(0); bit < 32; bit++ {
		if f&(1<<bit) != 0 {
			name := C.GoString(C.smtpreply_flag_name(C.uint(1 << bit)))
			if name == "" {
				name = fmt.Sprintf("0x%x", 1<<bit)
			}
			out = append(out, name)
		}
	}
	return out
}

// Has reports whether every flag of g is set.
func (f Flags) Has(g Flags) bool { return f&g == g }

// String joins the names with "," ("" for none).
func (f Flags) String() string { return strings.Join(f.Names(), ",") }

// FlagByName is the flag of a stable name, false when unknown.
func FlagByName(name string) (Flags, bool) {
	for bit := uint(0); bit < 32; bit++ {
		if C.GoString(C.smtpreply_flag_name(C.uint(1<<bit))) == name && name != "" {
			return Flags(1 << bit), true
		}
	}
	return 0, false
}
