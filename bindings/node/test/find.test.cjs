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
        const got = [];
        for (const f of found) {
            const r = f.reply;
            if (!r)
                assert.ok(f.problem, `${name}: no reply and no problem`);
            got.push([f.source, r ? 1 : 0, f.command, r ? r.code : 0, r && r.enhanced ? String(r.enhanced) : '-',
                r ? r.lines.length : 0, f.recipient || '-', f.host || '-', f.status || '-'].join(' '));
            if ((want[got.length] || '').startsWith('> ')) // "> TEXT": its reply lines joined by " | "
                got.push(`> ${r ? r.lines.join(' | ') : ''}`);
        }
        assert.deepEqual(got, want, name);
    }
});

// tests/data/found: each input with its NAME.want, one line a record
// ("recipient has_reply action reason verdict"), as tests/test_found.c
// replays them: the records' diagnosis agree with C's.
test('found data: the diagnosis of every record of every file', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'tests', 'data', 'found');
    const names = fs.readdirSync(dir)
        .filter((n) => !n.startsWith('.') && !n.endsWith('.want') && n !== 'README.md').sort();
    assert.ok(names.length >= 10);
    let records = 0;
    for (const name of names) {
        const data = fs.readFileSync(path.join(dir, name));
        const want = fs.readFileSync(path.join(dir, `${name}.want`), 'utf8').split('\n').filter((l) => l.trim());
        const found = name.endsWith('.eml') ? smtpreply.readBounce(data) : smtpreply.findReplies(data);
        const got = found.map((f) => {
            const d = f.diagnosis;
            if (!f.reply)
                assert.equal(d.code, 0, `${name}: no reply, no reply code`);
            return [f.recipient || '-', f.reply ? 1 : 0, d.action, d.reason, d.verdict].join(' ');
        });
        assert.deepEqual(got, want, name);
        records += got.length;
    }
    assert.ok(records >= names.length);
});

test('found diagnosis: a reply\'s, or judged from the problem', () => {
    const log = 'Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, delay=1, ' +
        'status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: Recipient address rejected: ' +
        'User unknown (in reply to RCPT TO command))\n';
    const [f] = smtpreply.findReplies(log);
    assert.deepEqual(f.diagnosis, f.reply.diagnose());
    const [g] = smtpreply.findReplies('Dec  2 10:00:00 mx sm-mta[1]: 4AbCd: to=<v@nonexistent.invalid>, ' +
        'delay=00:00:01, mailer=esmtp, pri=1, dsn=5.1.2, stat=Host unknown (Name server: ' +
        'nonexistent.invalid: host not found)\n');
    assert.equal(g.reply, null);
    const d = g.diagnosis;
    assert.deepEqual([d.action, d.reason, d.verdict, d.code, String(d.enhanced)],
        [smtpreply.Action.FAIL, smtpreply.Reason.DOMAIN_UNKNOWN, smtpreply.Verdict.SUPPRESS, 0, '5.1.2']);
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

test('comparisons, fallback texts, the party of a reply, headings', () => {
    const c = smtpreply.compare('235', '500');
    assert.ok(c.title.startsWith('SMTP 235 ') && c.title.includes(' vs 500 '));
    assert.ok(c.summary.includes('235') && c.points.length >= 5 && c.which[0].startsWith('For 235'));
    const r1 = smtpreply.parse('550 5.1.1 unknown\r\n', { command: 'RCPT' });
    const r2 = smtpreply.parse('452 4.2.2 full\r\n', { command: 'RCPT' });
    const withReplies = smtpreply.compare(r1, r2);
    assert.ok(withReplies.points.length > smtpreply.compare('550', '452').points.length);
    assert.notEqual(smtpreply.compare(r1, r2, { lang: 'fr' }).title, withReplies.title);
    assert.equal(smtpreply.compare(smtpreply.explain('5.7.26'), '5.7.1').title,
        smtpreply.compare('5.7.26', '5.7.1').title.replace('5.7.26', 'X.7.26'));
    assert.match(smtpreply.explain('5.1.999').fallbackText('5.1.999'), /5\.1\.999/);
    assert.equal(smtpreply.explain('550').fallbackText('550'), null);
    assert.equal(smtpreply.heading('which'), 'When to use which');
    assert.ok(smtpreply.heading('summary', 'ko'));
    assert.equal(r1.party, smtpreply.reasonParty(r1.reason));
});
