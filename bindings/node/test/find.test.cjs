'use strict';
// tests/data/extract: each file with its FILE.expect (the records the C
// test also checks).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const smtpreply = require('smtpreply');

const DIR = path.join(__dirname, '..', '..', '..', 'tests', 'data', 'extract');

test('extract data: every record of every file', () => {
    const names = fs.readdirSync(DIR).filter((n) => !n.endsWith('.expect') && n !== 'README.md').sort();
    assert.ok(names.length >= 5);
    for (const name of names) {
        const data = fs.readFileSync(path.join(DIR, name));
        const want = fs.readFileSync(path.join(DIR, `${name}.expect`), 'utf8').split('\n')
            .filter((l) => l.trim() && !l.startsWith('#'));
        const found = name.endsWith('.eml') ? smtpreply.readBounce(data) : smtpreply.findReplies(data);
        const got = found.map((f) => {
            const r = f.reply;
            if (!r)
                assert.ok(f.problem, `${name}: no reply and no problem`);
            return [f.source, r ? 1 : 0, f.command, r ? r.code : 0, r && r.enhanced ? String(r.enhanced) : '-',
                r ? r.lines.length : 0, f.recipient || '-', f.host || '-', f.status || '-'].join(' ');
        });
        assert.deepEqual(got, want, name);
    }
});

test('a found reply is a full reply; kinds', () => {
    const log = 'Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, delay=1, ' +
        'status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: Recipient address rejected: ' +
        'User unknown (in reply to RCPT TO command))\n';
    const found = smtpreply.findReplies(log, { what: ['log'] });
    assert.equal(found.length, 1);
    const f = found[0];
    assert.deepEqual([f.source, f.command, f.recipient], [smtpreply.Source.POSTFIX, 'RCPT', 'a@b.c']);
    assert.deepEqual([f.reply.code, f.reply.reason, f.reply.verdict], [550, 'user_unknown', 'suppress']);
    assert.deepEqual(smtpreply.findReplies(log, { what: ['transcript'] }), []);
    assert.throws(() => smtpreply.findReplies(log, { what: ['bogus'] }), TypeError);
    assert.deepEqual(smtpreply.findReplies(''), []);
    assert.deepEqual(smtpreply.readBounce(''), []);
});
