// Compiled by tsc (npm run typecheck), never run: the declarations must
// accept this CommonJS-style use and reject the marked misuse.
import smtpreply = require('smtpreply');
import * as net from 'node:net';

const r: smtpreply.Reply = smtpreply.parse(Buffer.from('550 5.1.1 x\r\n'), { command: 'RCPT', strict: false });
const code: number = r.code;
const action: smtpreply.ActionName = r.action;
const verdict: 'suppress' | string = r.verdict;
const fix: string = r.explanation.fix;
const d: smtpreply.Diagnosis = r.diagnose('MAIL');
const enh: string | null = r.enhanced ? String(r.enhanced) : null;
if (r.reason === smtpreply.Reason.USER_UNKNOWN && d.confidence === 'strong') console.log(code, action, verdict, fix, enh);

for (const f of smtpreply.readBounce('From: MAILER-DAEMON\r\n\r\n')) {
    const fd: smtpreply.Diagnosis = f.diagnosis;
    if (fd.verdict === 'suppress' && f.reply === null) console.log(f.recipient, fd.reason, f.problem);
}

const p = new smtpreply.Parser({ commands: ['GREETING'], maxLine: 1000 });
const sock = net.connect(25, '127.0.0.1');
sock.on('data', (chunk: Buffer) => {
    for (const reply of p.push(chunk)) console.log(reply.code, reply.sizeLimit ?? 'no SIZE');
});
p.on('skip', (e: smtpreply.ParseError) => console.log(e.result, e.offset));

try {
    smtpreply.explain(550, { command: 'BOGUS' });
} catch (e) {
    if (e instanceof smtpreply.UnknownCommandError) console.log(e.command);
    if (e instanceof smtpreply.ParseError) console.log(e.offset, e.skip);
}

// @ts-expect-error: 'bogus_flag' is no flag name
smtpreply.parse('250 ok\r\n', { reject: ['bogus_flag'] });
// @ts-expect-error: actions are names, not numbers
const wrong: smtpreply.ActionName = 3;
console.log(wrong);
