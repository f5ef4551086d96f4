#!/usr/bin/env python3
"""Writes tests/data/wrap/documented.tsv: wrapper templates for MTAs and
providers that did not run here, written from their source code or from
the layouts the data files of tests/data/extract/ document (with their
sources there). usage: python3 tests/interop/wrap/mkdocumented.py >
tests/data/wrap/documented.tsv (tests/data/wrap/README.md)."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import wraplib

QMAIL_HEAD = """Return-Path: <>
Received: (qmail 21634 invoked for bounce); 4 Dec 2026 10:00:00 -0000
Date: 4 Dec 2026 10:00:00 -0000
From: MAILER-DAEMON@qmail.test
To: sender@sender.test
Subject: failure notice

Hi. This is the qmail-send program at qmail.test.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

"""
QMAIL_TAIL = """<other@refuse.test>:
192.0.2.25 does not like recipient.
Remote host said: 550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown in local recipient table
Giving up on 192.0.2.25.

--- Below this line is a copy of the message.

Return-Path: <sender@sender.test>
Received: (qmail 21620 invoked by uid 1000); 4 Dec 2026 09:59:59 -0000
Date: 4 Dec 2026 09:59:59 -0000
Message-ID: <20261204095959.21618.qmail@qmail.test>
From: sender@sender.test
To: {{LOCAL}}@refuse.test, other@refuse.test
Subject: capture

421 words in the body that look like a reply
"""
GAVE_UP = "I'm not going to try again; this message has been in the queue too long.\n"
QMAIL_WHAT = {
    "RCPT": "192.0.2.25 does not like recipient.\n",
    "MAIL": "Connected to 192.0.2.25 but sender was rejected.\n",
    "DATA": "192.0.2.25 failed on DATA command.\n",
    "DOT": "192.0.2.25 failed after I sent the message.\n",
}
rows = []
SRC_Q = "doc=notqmail qmail-remote.c (outsmtptext, quit, the RCPT loop), qmail-send.c (the bounce, addbounce)"
for cmd, what in QMAIL_WHAT.items():
    for klass in "54":
        if klass == "4" and cmd == "DATA":
            continue
        body = "<{{LOCAL}}@refuse.test>:\n" + what + "Remote host said: {{REPLY:nl}}\n"
        if cmd == "RCPT":
            body += "Giving up on 192.0.2.25.\n"
        if klass == "4":
            body += GAVE_UP
        rows.append(("qmail", "1.03", "bounce", cmd, "%sxx %s" % (klass, SRC_Q),
                     QMAIL_HEAD + body + "\n" + QMAIL_TAIL))

GMAIL = """From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: sender@sender.test
Subject: Delivery Status Notification (Failure)
Date: Fri, 4 Dec 2026 10:00:00 +0000
Content-Type: text/plain; charset="UTF-8"


** Message not delivered **

Your message wasn't delivered to {{LOCAL}}@refuse.test because the remote server rejected it.

The response from the remote server was:
{{REPLY:nl}}

----- Original message -----

DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=sender.test; s=20230601; t=1796378399; x=1796983199;
        bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
X-Received: by 2002:a05:6a00:1a8e:b0:6ea:ad01:3550 with SMTP id g14-20020a056a001a8e00b006eaad013550mr4216150pfv.3.1796378399459;
        Fri, 04 Dec 2026 09:59:59 -0800 (PST)
To: {{LOCAL}}@refuse.test
Subject: capture
"""
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    rows.append(("gmail", "2020", "bounce", cmd,
                 "5xx doc=Gmail's text bounce as tests/data/extract/gmail-2020-text.eml (its sources) lays it out; "
                 "the reply's lines each on a line of their own; no command named gap=doubled-code", GMAIL))

EXCH = """From: Microsoft Outlook <postmaster@sender.test>
To: <sender@sender.test>
Subject: Undeliverable: capture
Date: Fri, 4 Dec 2026 10:00:00 +0000
Content-Type: text/plain; charset="us-ascii"
MIME-Version: 1.0

Delivery has failed to these recipients or groups:

{{LOCAL}}@refuse.test
A problem occurred while delivering this message to this email address. Try sending this message again. If the problem continues, please contact your email admin.

Diagnostic information for administrators:

Generating server: AM6PR07MB5509.eurprd07.prod.outlook.com

{{LOCAL}}@refuse.test
mx.refuse.test
Remote Server returned '{{REPLY:space}}'

other@refuse.test
mx.refuse.test
Remote Server returned '550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown'

Original message headers:

Received: from AM6PR07MB5509.eurprd07.prod.outlook.com
 ([fe80::b0c2:31e1:8f1d:4b1c]) by AM6PR07MB5509.eurprd07.prod.outlook.com
 ([fe80::b0c2:31e1:8f1d:4b1c%5]) with mapi id 15.20.4713.022; Fri, 4 Dec 2026
 10:00:00 +0000
Subject: capture
"""
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    rows.append(("exchange", "2016", "bounce", cmd,
                 "5xx doc=the administrators' section of Exchange 2010-2016 / Microsoft 365 NDRs as "
                 "tests/data/extract/exchange-2010-ndr.eml (its sources) lays it out; lines joined by a space "
                 "(assumed, not seen); no command named", EXCH))

HMS = """Return-Path: <>
From: <MAILER-DAEMON@hms.test>
To: <sender@sender.test>
Subject: Message undeliverable: capture
Date: Fri, 04 Dec 2026 11:00:00 +0100
Message-ID: <HMS-BOUNCE-1@hms.test>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Your message did not reach some or all of the intended recipients.

   Sent: Fri, 04 Dec 2026 10:58:12 +0100
   Subject: capture

The following recipient(s) could not be reached:

{{LOCAL}}@refuse.test
   Error Type: SMTP
   Remote server (192.0.2.25) issued an error.
   hMailServer sent: %s
   Remote server replied: {{REPLY:nl}}

other@refuse.test
   Error Type: SMTP
   Remote server (192.0.2.25) issued an error.
   hMailServer sent: RCPT TO:<other@refuse.test>
   Remote server replied: 550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown

gone@refuse.test
   Error Type: SMTP
   Connection to recipients server failed.
   Error: None of the IP addresses for the host could be connected to.


hMailServer
"""
HMS_SENT = {"RCPT": "RCPT TO:<{{LOCAL}}@refuse.test>", "MAIL": "MAIL FROM:<sender@sender.test>",
            "DATA": "DATA", "DOT": "."}
for cmd, sent in HMS_SENT.items():
    for klass in "54":
        rows.append(("hmailserver", "5.6", "bounce", cmd,
                     "%sxx doc=hMailServer 5.6 (hmailserver/hmailserver 4d11f81d14): "
                     "SMTPClientConnection.cpp UpdateRecipientWithError_ (the entry), ParseData "
                     "(a multi-line reply's lines joined by CR LF, codes kept), "
                     "ExternalDelivery.cpp and CreateTablesMYSQL.sql SEND_FAILED_NOTIFICATION "
                     "(the bounce) as tests/data/extract/hmailserver-5.6.eml" % klass,
                     HMS.replace("%s", sent)))

# nullmailer 2.2's and dma 0.13's log lines, as session 13's captures of
# them show (tests/interop/wrap/, /tmp/wrap-out/{nullmailer,dma}/mail.log):
# written here because mktemplates.py does not read these logs
NM = """Starting delivery: host: 127.0.0.1 protocol: smtp file: 1796352677.29790
From: <sender@sender.test> to: <{{LOCAL}}@refuse.test>
Message-ID: <{{LOCAL}}.capture@nullmailer.test>
smtp: Failed: {{REPLY:nl}}
Sending failed: %s error in sending the message
Moving message 1796352677.29790 into failed
Generating bounce for 1796352677.29790
Starting delivery: host: 127.0.0.1 protocol: smtp file: 1796352681.30043
From: <sender@sender.test> to: <other@refuse.test>
Message-ID: <other.capture@nullmailer.test>
smtp: Failed: 550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown
Sending failed: Permanent error in sending the message"""
DMA = """Dec  4 03:00:53 dma.test dma[a7e1f5]: mail to=<{{LOCAL}}@refuse.test> queued as a7e1f5.5623a0a3a950
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: <{{LOCAL}}@refuse.test> trying delivery
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: using smarthost (127.0.0.1:44310)
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: trying remote delivery to 127.0.0.1 [127.0.0.1] pref 0
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: Server greeting successfully completed
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]:   Server does not support STARTTLS
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: remote delivery %s127.0.0.1 [127.0.0.1] failed after %s: {{REPLY:dma}}
Dec  4 03:00:53 dma.test dma[a7e1f5.5623a0a3a950]: delivery failed, bouncing as a7e572
Dec  4 03:00:54 dma.test dma[a7e572]: new mail from user=root uid=8 envelope_from=<>
Dec  4 03:00:54 dma.test dma[a7e572]: mail to=<sender@sender.test> queued as a7e572.558476785030"""
DMA_CMD = {"RCPT": "RCPT TO", "MAIL": "MAIL FROM", "DATA": "DATA", "DOT": "final DATA"}
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    for klass in "54":
        rows.append(("nullmailer", "2.2", "log", cmd,
                     "%sxx capture=session 13's nullmailer-send log (nullmailer 2.2, Debian 12): "
                     "\"smtp: Failed: \" and the reply's lines as sent (protocols/protocol.cc "
                     "protocol_fail()); no command named" % klass,
                     NM % ("Permanent" if klass == "5" else "Temporary")))
        rows.append(("dma", "0.13", "log", cmd,
                     "%sxx capture=session 13's dma log (dma 0.13, Debian 12): net.c "
                     "READ_REMOTE_CHECK()'s \"remote delivery to H [ip] failed after CMD: \" "
                     "(\"deferred: \" for 4xx), the reply's CR LF written #015#012 by syslog"
                     % klass,
                     DMA % ("deferred: " if klass == "4" else "to ", DMA_CMD[cmd])))

# Amazon SES's bounce notification (docs.aws.amazon.com/ses/latest/dg/
# notification-contents.html: the bounce object, bouncedRecipients with
# emailAddress, action, status, diagnosticCode "the value of the
# Diagnostic-Code field from the bounce report"; notification-examples.html
# for the layout), as an event destination or SQS gets it (pretty-printed)
# and as an SNS HTTP/S subscription gets it: the notification is the
# "Message" string of SNS's envelope (docs.aws.amazon.com/sns/latest/dg/
# http-notification-json.html), one line, its quotes escaped.
SES = """{
  "notificationType": "Bounce",
  "bounce": {
    "feedbackId": "0100018c3f1e9a2b-5d7e0c41-7f3a-4a2b-9c3d-8e7f6a5b4c3d-000000",
    "bounceType": "%s",
    "bounceSubType": "General",
    "bouncedRecipients": [
      {
        "emailAddress": "{{LOCAL}}@refuse.test",
        "action": "failed",
        "status": "%s",
        "diagnosticCode": "smtp; {{REPLY:json}}"
      },
      {
        "emailAddress": "other@refuse.test",
        "action": "failed",
        "status": "5.1.1",
        "diagnosticCode": "smtp; 550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown"
      }
    ],
    "timestamp": "2026-12-04T10:00:01.000Z",
    "remoteMtaIp": "192.0.2.25",
    "reportingMTA": "dsn; a8-12.smtp-out.amazonses.com"
  },
  "mail": {
    "timestamp": "2026-12-04T09:59:59.000Z",
    "source": "sender@sender.test",
    "sourceArn": "arn:aws:ses:us-east-1:123456789012:identity/sender.test",
    "messageId": "0100018c3f1e8f7a-2b1c0d9e-3f4a-4b5c-8d7e-6f5a4b3c2d1e-000000",
    "destination": ["{{LOCAL}}@refuse.test", "other@refuse.test"],
    "headersTruncated": false,
    "commonHeaders": {"from": ["sender@sender.test"], "to": ["{{LOCAL}}@refuse.test", "other@refuse.test"], "subject": "421 words in a subject"}
  }
}
"""
SNS = ('{"Type" : "Notification", "MessageId" : "5d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6", '
       '"TopicArn" : "arn:aws:sns:us-east-1:123456789012:ses-bounces", '
       '"Message" : "{\\"notificationType\\":\\"Bounce\\",\\"bounce\\":{\\"feedbackId\\":\\"0100018c3f1e9a2b-000000\\",'
       '\\"bounceType\\":\\"%s\\",\\"bounceSubType\\":\\"General\\",\\"bouncedRecipients\\":['
       '{\\"emailAddress\\":\\"other@refuse.test\\",\\"action\\":\\"failed\\",\\"status\\":\\"5.1.1\\",'
       '\\"diagnosticCode\\":\\"smtp; 550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown\\"},'
       '{\\"emailAddress\\":\\"{{LOCAL}}@refuse.test\\",\\"action\\":\\"failed\\",\\"status\\":\\"%s\\",'
       '\\"diagnosticCode\\":\\"smtp; {{REPLY:json2}}\\"}],'
       '\\"timestamp\\":\\"2026-12-04T10:00:01.000Z\\",\\"reportingMTA\\":\\"dsn; a8-12.smtp-out.amazonses.com\\"},'
       '\\"mail\\":{\\"source\\":\\"sender@sender.test\\",\\"destination\\":[\\"other@refuse.test\\",\\"{{LOCAL}}@refuse.test\\"]}}", '
       '"Timestamp" : "2026-12-04T10:00:02.000Z", "SignatureVersion" : "1", "Signature" : "EXAMPLEpH+2Fg=="}\n')
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    for klass in "54":
        kind = "Permanent" if klass == "5" else "Transient"
        st = klass + ".0.0"
        src = ("%sxx doc=Amazon SES notification contents and examples (docs.aws.amazon.com/ses/latest/dg/"
               "notification-contents.html, notification-examples.html): diagnosticCode is the DSN's "
               "Diagnostic-Code, a multi-line reply's lines joined by a space (assumed, not seen); "
               "no command named; Status X.0.0 (the stand-in rule does not apply)" % klass)
        rows.append(("amazon-ses", "2024", "json", cmd, src, SES % (kind, st)))
        rows.append(("amazon-ses", "2024", "sns", cmd,
                     src + "; the SNS envelope (docs.aws.amazon.com/sns/latest/dg/http-notification-json.html)",
                     SNS % (kind, st)))

# Sun/Oracle Communications Messaging Server's report text, as the bounce
# quoted in netneutrality/savetheinternet.in issue 166 lays it out
# (tests/data/extract/messaging-server-text.eml): "  Recipient address:
# a@b", "  Reason: ...", "  Diagnostic code: smtp;REPLY", "  Remote
# system: dns;H (...)"; a second recipient's block after it.
OMS = """From: Internet Mail Delivery <postmaster@oms.test>
To: sender@sender.test
Subject: Delivery Notification: Delivery has failed
Date: Fri, 04 Dec 2026 10:00:00 +0000
Content-Type: text/plain; charset=us-ascii

This report relates to a message you sent with the following header fields:

  Message-id: <capture.1@sender.test>
  Date: Fri, 04 Dec 2026 09:59:59 +0000
  From: sender@sender.test
  To: {{LOCAL}}@refuse.test, other@refuse.test
  Subject: 421 words in a subject

Your message cannot be delivered to the following recipients:

  Recipient address: {{LOCAL}}@refuse.test
  Reason: Remote SMTP server has rejected address
  Diagnostic code: smtp;{{REPLY:space}}
  Remote system: dns;mx.refuse.test (TCP|192.0.2.24|53619|192.0.2.25|25) (mx.refuse.test ESMTP)

  Recipient address: other@refuse.test
  Reason: Remote SMTP server has rejected address
  Diagnostic code: smtp;550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown
  Remote system: dns;mx.refuse.test (TCP|192.0.2.24|53620|192.0.2.25|25) (mx.refuse.test ESMTP)

"""
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    rows.append(("oracle-messaging", "8", "bounce", cmd,
                 "5xx doc=the report text of tests/data/extract/messaging-server-text.eml (a real bounce "
                 "quoted in netneutrality/savetheinternet.in issue 166); a multi-line reply's lines joined "
                 "by a space (assumed, not seen); no command named", OMS))

# Apache James's DSNBounce (apache/james-project 20bf808, DSNBounce.java:
# its messageString, "Failed recipient(s):", "Error message:"; the DSN's
# Status and Diagnostic-Code both carry the error, typed "smtp" when it
# starts with a code), as tests/data/extract/james-dsn-unknown.eml.
JAMES = """Return-Path: <>
Date: Fri, 4 Dec 2026 10:00:00 +0000 (UTC)
From: postmaster@james.test
To: sender@sender.test
Message-ID: <1102877420.5.1796378400000@james.test>
Subject: [FAILED] capture
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="----=_Part_3_1748392014"

------=_Part_3_1748392014
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hi. This is the James mail server at james.test.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.  Below
I include the list of recipients and the reason why I was unable to deliver
your message.

Original email subject: capture

Failed recipient(s):
{{LOCAL}}@refuse.test

Error message:
{{REPLY:space}}


------=_Part_3_1748392014
Content-Type: message/delivery-status
Content-Description: Delivery Status Notification

Reporting-MTA: dns; james.test
Received-From-MTA: dns; 192.0.2.10

Final-Recipient: rfc822; {{LOCAL}}@refuse.test
Action: failed
Status: {{REPLY:space}}
Diagnostic-Code: smtp; {{REPLY:space}}
Last-Attempt-Date: Fri, 4 Dec 2026 09:59:58 +0000 (UTC)

------=_Part_3_1748392014
Content-Type: text/rfc822-headers

From: Sender <sender@sender.test>
To: {{LOCAL}}@refuse.test
Subject: capture

------=_Part_3_1748392014--
"""
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    rows.append(("james", "3.8", "bounce", cmd,
                 "5xx doc=Apache James DSNBounce (apache/james-project 20bf808 DSNBounce.java, "
                 "remote/delivery/Bouncer.java) as tests/data/extract/james-dsn-unknown.eml; the error is "
                 "JavaMail's server reply, a multi-line one's lines joined by a space (assumed, not seen); "
                 "no command named", JAMES))

# Lotus/HCL Domino's Delivery Failure Report (tests/data/extract/
# domino-reply.eml: IBM technote 1100477's layout, "because:" alone and the
# reply on the next line; Domino keeps a multi-line reply's last line, IBM
# technote swg21622401), a second report for another recipient after it.
DOMINO = """From: Mail Router <postmaster@domino.test>
To: sender@sender.test
Subject: DELIVERY FAILURE: capture
Date: Fri, 4 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Delivery Failure Report

Your document:
capture
was not delivered to:
{{LOCAL}}@refuse.test
because:
{{REPLY:last}}

What should you do?
You can resend the undeliverable document to the recipients listed above
by choosing the Resend button or the Resend command on the Actions menu.

Delivery Failure Report

Your document:
capture
was not delivered to:
other@refuse.test
because:
550 5.1.1 <other@refuse.test>: Recipient address rejected: User unknown

What should you do?
"""
for cmd in ("RCPT", "MAIL", "DATA", "DOT"):
    rows.append(("domino", "9", "bounce", cmd,
                 "5xx doc=Domino's Delivery Failure Report as tests/data/extract/domino-reply.eml (IBM "
                 "technotes 1100477, swg21622401); no command named loses=last-line; the reply below "
                 "\"because:\" is read as Gmail's (reply_below) gap=doubled-code", DOMINO))

print("# mta\tversion\tform\tcommand\tsource\ttemplate  (written from documented formats: tests/data/wrap/README.md)")
for r in rows:
    print("\t".join(r[:5] + (wraplib.escape(r[5]),)))
