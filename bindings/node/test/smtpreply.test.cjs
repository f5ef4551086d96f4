'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const smtpreply = require('smtpreply');

const HEADER = path.join(__dirname, '..', '..', '..', 'include', 'smtpreply.h');

test('parse: the common cases, table-driven', () => {
    const cases = [
        ['250 OK\r\n', null, 250, null, ['OK'], [], 'success', 'none', 8],
        ['550-5.1.1 <bob@example.org>: rejected:\r\n550 5.1.1 User unknown\r\nNEXT', 'RCPT TO:<bob@example.org>',
            550, '5.1.1', ['<bob@example.org>: rejected:', 'User unknown'], [], 'fail', 'user_unknown', 64],
        ['250-mx\n250 OK\n', 'EHLO', 250, null, ['mx', 'OK'], ['bare_lf'], 'success', 'none', 14],
        ['552 5.5.3 Too many recipients\r\n', 'RCPT', 552, '5.5.3', ['Too many recipients'], [], 'retry',
            'too_many_recipients', 31],
        [Buffer.from('550 bad \xff byte\r\n', 'latin1'), null, 550, null, ['bad \ufffd byte'],
            ['eight_bit', 'invalid_utf8'], 'fail', 'unknown', 16],
    ];
    for (const [input, command, code, enhanced, lines, flags, action, reason, length] of cases) {
        const r = smtpreply.parse(input, { command });
        assert.deepEqual([r.code, r.enhanced && String(r.enhanced), r.lines, r.flags, r.action, r.reason, r.length],
            [code, enhanced, lines, flags, action, reason, length], String(input));
    }
});

test('parse errors are ParseError with result, offset and skip', () => {
    const cases = [
        ['25 OK\r\n250 OK\r\n', {}, 'bad_code', 2, 7],
        ['2500 ok\r\n', {}, 'bad_separator', 3, 9],
        ['699 what\r\n', {}, 'code_range', 0, 10],
        ['250 OK\n', { strict: true }, 'rejected', 0, 7],
        ['250 OK\n', { reject: ['bare_lf'] }, 'rejected', 0, 7],
        ['250-a\r\n250-b\r\n250 c\r\n', { maxLines: 2 }, 'too_many_lines', 14, 21],
        ['250-first\r\n250 sec', {}, 'incomplete', 18, 0],
    ];
    for (const [input, opts, result, offset, skip] of cases) {
        assert.throws(() => smtpreply.parse(input, opts), (e) => {
            assert.ok(e instanceof smtpreply.ParseError && e instanceof smtpreply.SmtpReplyError && e instanceof Error);
            assert.equal(e.name, result === 'incomplete' ? 'IncompleteError' : 'ParseError');
            assert.deepEqual([e.result, e.offset, e.skip], [result, offset, skip]);
            assert.match(e.message, new RegExp(`^${result} at byte ${offset}`));
            return true;
        });
    }
    assert.throws(() => smtpreply.parse('250 ok\r\n', { reject: ['no_such_flag'] }), TypeError);
    assert.throws(() => smtpreply.parse('250 ok\r\n', { maxLine: -1 }), RangeError);
    assert.equal(smtpreply.parse('250 OK\n', { reject: ['nul'] }).code, 250);
});

test('unknown commands throw UnknownCommandError', () => {
    for (const f of [() => smtpreply.parse('250 OK\r\n', { command: 'BOGUS' }),
        () => smtpreply.explain(550, { command: 'BOGUS' }),
        () => smtpreply.parse('250 OK\r\n').actionAfter('xyzzy'),
        () => new smtpreply.Parser({ commands: ['BOGUS'] })]) {
        assert.throws(f, (e) => e instanceof smtpreply.UnknownCommandError && e.command !== undefined);
    }
    assert.equal(smtpreply.parseCommand('rcpt to:<a@b>'), 'RCPT');
    assert.equal(smtpreply.parseCommand('.'), 'DOT');
    assert.equal(smtpreply.parseCommand(''), 'UNKNOWN');
    assert.equal(smtpreply.parseCommand(null), 'UNKNOWN');
    assert.equal(smtpreply.explain('354', { command: 'DATA' }).key, 'reply 354 after DATA');
});

test('the enums are the library names and the header agrees', () => {
    const h = fs.readFileSync(HEADER, 'utf8');
    const reasons = [...h.matchAll(/SMTPREPLY_REASON_(\w+) = (\d+)/g)];
    assert.deepEqual(Object.values(smtpreply.Reason), reasons.map((m) => m[1].toLowerCase()));
    assert.match(h, new RegExp(`#define SMTPREPLY_REASON_COUNT ${reasons.length}\\b`));
    const verdicts = [...h.matchAll(/SMTPREPLY_VERDICT_(\w+) = (\d+)/g)];
    assert.deepEqual(Object.values(smtpreply.Verdict), verdicts.map((m) => m[1].toLowerCase()));
    assert.deepEqual(Object.values(smtpreply.Action), ['success', 'continue', 'retry', 'fail']);
    assert.deepEqual(Object.values(smtpreply.Confidence), ['guess', 'weak', 'strong']);
    const flags = [...h.matchAll(/#define SMTPREPLY_F_(\w+)\s+(0x[0-9a-fA-F]+)u/g)];
    assert.deepEqual(Object.entries(smtpreply.FLAGS), flags.map((m) => [m[1].toLowerCase(), Number(m[2])]));
    // Every function of the header is declared in lib/ffi.cjs.
    const { decl } = require('../lib/ffi.cjs');
    const declared = new Set(Object.values(decl).map((p) => p.match(/(smtpreply_\w+)\(/)[1]));
    const inHeader = [...h.matchAll(/SMTPREPLY_API[^;(]*?\b(smtpreply_\w+)\(/gs)].map((m) => m[1]);
    assert.ok(inHeader.length > 50);
    assert.deepEqual(inHeader.filter((n) => !declared.has(n)), []);
    // The declaration file names every enum value the library has.
    const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
    for (const name of [...Object.values(smtpreply.Reason), ...Object.values(smtpreply.Verdict),
        ...Object.values(smtpreply.Evidence), ...Object.keys(smtpreply.FLAGS)])
        assert.ok(dts.includes(`'${name}'`), `index.d.ts lacks '${name}'`);
});

test('texts for people, in languages', () => {
    assert.equal(smtpreply.actionText('retry'), 'Retry later');
    assert.notEqual(smtpreply.actionText('retry', 'fr'), 'Retry later');
    assert.equal(smtpreply.reasonParty('mailbox_full'), 'recipient');
    assert.equal(smtpreply.partyText('recipient'), 'The recipient');
    assert.ok(smtpreply.reasonDescription('spam', 'ja').length > 0);
    assert.ok(smtpreply.verdictText('suppress') && smtpreply.verdictDescription('fix_sender', 'ko'));
    assert.ok(smtpreply.confidenceText('guess') && smtpreply.actionDescription('fail'));
    assert.throws(() => smtpreply.reasonText('no_such_reason'), TypeError);
    assert.equal(smtpreply.heading('fix'), 'How to fix');
    const langs = smtpreply.languages();
    assert.equal(langs[0], 'en');
    assert.ok(langs.includes('fr'));
    assert.equal(smtpreply.languageMatch('ja_JP.UTF-8'), 'ja');
});

test('explanations', () => {
    const e = smtpreply.explain(550);
    assert.equal(e.code, 550);
    assert.ok(e.flags.includes('reply') && e.fix && e.description && e.when !== undefined && e.source !== undefined);
    assert.ok(smtpreply.explain('550').equals(e));
    const enh = smtpreply.explain({ class: 5, subject: 7, detail: 26 });
    assert.ok(enh.equals(smtpreply.explain('5.7.26')));
    assert.deepEqual(enh.enhanced, { class: -1, subject: 7, detail: 26 });
    assert.ok(smtpreply.explain(599).flags.includes('fallback'));
    assert.ok(smtpreply.explainClass(451).flags.includes('class'));
    assert.ok(smtpreply.explainCategory(421).flags.includes('category'));
    const fr = smtpreply.explain('5.1.1', { lang: 'fr' });
    assert.notEqual(fr.name, smtpreply.explain('5.1.1').name);
    assert.equal(fr.inLanguage(null).name, smtpreply.explain('5.1.1').name);
    const all = smtpreply.explanations();
    assert.ok(all.length > 100 && all.some((x) => x.flags.includes('provider')));
    assert.equal(new Set(all.map((x) => x.key)).size, all.length);
    assert.deepEqual(Object.keys(e.toJSON()), ['key', 'name', 'description', 'when', 'fix', 'source', 'flags']);
});

test('reply helpers: EHLO, queue id, provider, log line, diagnosis', () => {
    const r = smtpreply.parse('250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n' +
        '250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n', { command: 'EHLO' });
    assert.deepEqual(r.extensions.map((x) => x.keyword), ['PIPELINING', 'SIZE', 'AUTH', '8BITMIME']);
    assert.equal(r.extension('auth'), 'PLAIN LOGIN');
    assert.equal(r.extension('STARTTLS'), null);
    assert.equal(r.sizeLimit, 1000000);
    assert.ok(r.hasAuth('login') && !r.hasAuth('CRAM-MD5'));
    assert.equal(smtpreply.parse('250 2.0.0 Ok: queued as 4AbCd\r\n').queueId, '4AbCd');
    assert.equal(r.queueId, null);
    const g = smtpreply.parse('550-5.7.26 This mail has been blocked because the sender is\r\n' +
        '550 5.7.26 unauthenticated. - gsmtp\r\n', { command: '.' });
    assert.equal(g.provider, 'google');
    assert.ok(g.providerExplanation.flags.includes('provider'));
    const d = g.diagnose();
    assert.deepEqual([d.action, d.reason, d.verdict, d.code, d.provider], [g.action, g.reason, g.verdict, 550, 'google']);
    assert.equal(String(d.enhanced), '5.7.26');
    const evil = smtpreply.parse(Buffer.from('550 evil\x1b[2J\rfake\r\n', 'latin1'));
    assert.doesNotMatch(evil.format(), /[\x1b\r]/);
    const cafe = smtpreply.parse('550 café\r\n');
    assert.equal(cafe.format(), '550 café');
    assert.equal(cafe.format({ ascii: true }), '550 caf\\xC3\\xA9');
    assert.equal(String(cafe), '550 café');
    cafe.command = 'RCPT';
    assert.equal(cafe.explanation.key, 'reply 550 after RCPT');
    assert.equal(cafe.format({ host: 'mx' }), 'host mx said: 550 café (in reply to RCPT TO command)');
    assert.throws(() => { cafe.command = 'BOGUS'; }, smtpreply.UnknownCommandError);
    assert.equal(JSON.parse(JSON.stringify(cafe)).verdict, cafe.verdict);
});

test('a reply owns its bytes: the input may change after parse()', () => {
    const input = Buffer.from('550 5.7.1 relay denied\r\n');
    const r = smtpreply.parse(input);
    input.fill(0x78);
    assert.deepEqual(r.lines, ['relay denied']);
    assert.equal(r.reason, 'relay_denied');
});

const WIRE = '220 mx.example.org ESMTP\r\n250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 1000000\r\n' +
    '250 2.1.0 Ok\r\n550 5.1.1 unknown\r\n354 go ahead\r\n250 2.0.0 Ok: queued as 4AbCd\r\n';

test('Parser: byte by byte, pipelined commands, events, bounded errors', () => {
    const p = new smtpreply.Parser({ commands: ['GREETING', 'EHLO', 'MAIL', 'RCPT', 'DATA', '.'], maxErrors: 3 });
    const events = [];
    p.on('reply', (r) => events.push(r.code));
    const got = [];
    for (const b of Buffer.from(WIRE))
        got.push(...p.push(Buffer.from([b])));
    assert.deepEqual(got.map((r) => `${r.code} ${r.command} ${r.action}`),
        ['220 GREETING success', '250 EHLO success', '250 MAIL success', '550 RCPT fail', '354 DATA continue', '250 DOT success']);
    assert.deepEqual(events, got.map((r) => r.code));
    assert.equal(got[5].queueId, '4AbCd');
    assert.equal(p.offset, WIRE.length);
    p.end();
    const junk = 'HTTP/1.1 400 Bad Request\r\n';
    const skipped = [];
    p.on('skip', (e) => skipped.push(e.result));
    for (let i = 0; i < 100; i++)
        p.push(junk);
    assert.equal(p.errors.length, 3);
    assert.equal(p.errorCount, 100);
    assert.equal(skipped.length, 100);
    assert.equal(p.errors[2].offset, WIRE.length + 99 * junk.length);
    p.push('250-cut');
    assert.equal(String(p.pending), '250-cut');
    assert.throws(() => p.end(), smtpreply.IncompleteError);
    p.reset();
    assert.deepEqual(p.push('221 bye\r\n').map((r) => r.code), [221]);
});

test('Parser on a net.Socket over loopback, and replies() over it', async () => {
    const server = net.createServer((sock) => {
        const bytes = Buffer.from(WIRE);
        let i = 0;
        const step = () => {
            if (i >= bytes.length) return sock.end();
            sock.write(bytes.subarray(i, i + 7));
            i += 7;
            setImmediate(step);
        };
        step();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    try {
        const codes = await new Promise((resolve, reject) => {
            const sock = net.connect(port, '127.0.0.1');
            const p = new smtpreply.Parser();
            const out = [];
            sock.on('data', (chunk) => out.push(...p.push(chunk).map((r) => r.code)));
            sock.on('end', () => { p.end(); resolve(out); });
            sock.on('error', reject);
        });
        assert.deepEqual(codes, [220, 250, 250, 550, 354, 250]);
        const sock = net.connect(port, '127.0.0.1');
        const seen = [];
        for await (const r of smtpreply.replies(sock, { commands: ['GREETING'] }))
            seen.push(`${r.code} ${r.command}`);
        assert.deepEqual(seen.slice(0, 2), ['220 GREETING', '250 UNKNOWN']);
        assert.equal(seen.length, 6);
    } finally {
        server.close();
    }
});

test('explain.js: a message and exit status, no stack trace', () => {
    const run = (...args) => spawnSync(process.execPath, [path.join(__dirname, '..', 'explain.js'), ...args], { encoding: 'utf8' });
    let r = run('hello');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not an SMTP reply \(bad_code at byte 0\)/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    r = run('250 OK', 'BOGUS');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown SMTP command "BOGUS"/);
    r = run();
    assert.equal(r.status, 2);
    r = run('452 4.2.2 <carol@example.org>: Mailbox full', 'RCPT');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^action: retry \(Retry later\)$/m);
    assert.match(r.stdout, /^reason: mailbox_full/m);
});

test('a failed reply carries its code and takes its command', () => {
    const p = new smtpreply.Parser({ commands: ['EHLO', 'MAIL'], maxLines: 2 });
    const skipped = [];
    p.on('skip', (e) => skipped.push(e));
    const got = p.push('250-a\r\n250-b\r\n250 c\r\n250 ok\r\nHTTP/1.1 400\r\n');
    assert.deepEqual(got.map((r) => r.command), ['MAIL']);
    assert.deepEqual(skipped.map((e) => [e.result, e.replyCode, e.command]),
        [['too_many_lines', 250, 'EHLO'], ['bad_code', 0, null]]);
    assert.throws(() => smtpreply.parse('250-a\r\n250-b\r\n250 c\r\n', { maxLines: 2 }),
        (e) => e.replyCode === 250);
});

test('version', () => {
    assert.match(smtpreply.version(), /^1\./);
    assert.equal(smtpreply.versionNumber() >> 16, 1);
    assert.ok(smtpreply.libraryPath.endsWith('libsmtpreply.so.1'));
});
