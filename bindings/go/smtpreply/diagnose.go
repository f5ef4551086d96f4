package smtpreply

/*
#include <smtpreply.h>
*/
import "C"

import "runtime"

// Verdict says whether to stop mailing an address.
type Verdict int

// The verdicts (enum smtpreply_verdict).
const (
	VerdictNone         Verdict = 0 // not a failure
	VerdictSuppress     Verdict = 1 // the address is bad: stop mailing it
	VerdictRetry        Verdict = 2 // transient, nobody at fault
	VerdictFixSender    Verdict = 3 // the sending side must act; keep the address
	VerdictFixMessage   Verdict = 4 // this message must change
	VerdictUndetermined Verdict = 5 // the reply does not tell
	VerdictCount                = C.SMTPREPLY_VERDICT_COUNT
)

// String is the stable name: "suppress", "fix_sender"...
func (v Verdict) String() string {
	return C.GoString(C.smtpreply_verdict_name(C.enum_smtpreply_verdict(v)))
}

// Text is a title for people ("Suppress the address").
func (v Verdict) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_verdict_text(C.enum_smtpreply_verdict(v), l))
}

// Description is one sentence for people on the verdict.
func (v Verdict) Description(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_verdict_description(C.enum_smtpreply_verdict(v), l))
}

// Confidence is how sure the reason is.
type Confidence int

// The confidences (enum smtpreply_confidence): no suppression rests on a
// guess.
const (
	ConfidenceGuess  Confidence = 0
	ConfidenceWeak   Confidence = 1
	ConfidenceStrong Confidence = 2
)

// String is the stable name: "guess", "weak", "strong".
func (c Confidence) String() string {
	return C.GoString(C.smtpreply_confidence_name(C.enum_smtpreply_confidence(c)))
}

// Text is the confidence in words for people.
func (c Confidence) Text(lang string) string {
	l, free := cstring(lang, true)
	defer free()
	return C.GoString(C.smtpreply_confidence_text(C.enum_smtpreply_confidence(c), l))
}

// Evidence is what decided the reason, strongest first.
type Evidence int

// The kinds of evidence (enum smtpreply_evidence).
const (
	EvidenceNone            Evidence = 0
	EvidenceProvider        Evidence = 1
	EvidenceEnhanced        Evidence = 2
	EvidenceStrongPhrase    Evidence = 3
	EvidenceWeakPhrase      Evidence = 4
	EvidenceGeneralEnhanced Evidence = 5
	EvidenceCode            Evidence = 6
)

// String is the stable name: "provider", "strong_phrase"...
func (e Evidence) String() string {
	return C.GoString(C.smtpreply_evidence_name(C.enum_smtpreply_evidence(e)))
}

// Diagnosis is everything the library judges of a reply, from one pass.
// Code and Enhanced are those the reason rests on: the quoted reply's when
// the text quotes another server's reply.
type Diagnosis struct {
	Action     Action
	Reason     Reason
	Verdict    Verdict
	Confidence Confidence
	Evidence   Evidence
	Code       int
	Enhanced   Enhanced
	Provider   string // "" when not known
}

// Verdict is whether to stop mailing the address, after r.Command.
func (r *Reply) Verdict() Verdict { return r.VerdictAfter(r.Command) }

// VerdictAfter is the verdict had the reply answered cmd.
func (r *Reply) VerdictAfter(cmd Command) Verdict {
	defer runtime.KeepAlive(r.c)
	return Verdict(C.smtpreply_verdict(&r.c.r, C.enum_smtpreply_command(cmd)))
}

// Diagnose is the action, reason, verdict, confidence and evidence at
// once, after r.Command.
func (r *Reply) Diagnose() Diagnosis { return r.DiagnoseAfter(r.Command) }

// DiagnoseAfter is Diagnose had the reply answered cmd.
func (r *Reply) DiagnoseAfter(cmd Command) Diagnosis {
	defer runtime.KeepAlive(r.c)
	var d C.struct_smtpreply_diagnosis
	if C.smtpreply_diagnose(&r.c.r, C.enum_smtpreply_command(cmd), &d) != 0 {
		panic("smtpreply: smtpreply_diagnose refused its arguments")
	}
	return diagnosisOf(&d)
}

// diagnosisOf is the Diagnosis of a filled struct smtpreply_diagnosis.
func diagnosisOf(d *C.struct_smtpreply_diagnosis) Diagnosis {
	out := Diagnosis{
		Action: Action(d.action), Reason: Reason(d.reason), Verdict: Verdict(d.verdict),
		Confidence: Confidence(d.confidence), Evidence: Evidence(d.evidence), Code: int(d.code),
	}
	if d.enhanced.klass != 0 {
		out.Enhanced = Enhanced{int(d.enhanced.klass), int(d.enhanced.subject), int(d.enhanced.detail)}
	}
	if d.provider != nil {
		out.Provider = C.GoString(d.provider)
	}
	return out
}
