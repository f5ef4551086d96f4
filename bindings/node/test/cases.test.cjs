'use strict';
// tests/bindings/cases.tsv: the results every binding must give.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const smtpreply = require('smtpreply');

const CASES = path.join(__dirname, '..', '..', '..', 'tests', 'bindings', 'cases.tsv');

function unescape(s) {
    const out = [];
    const b = Buffer.from(s, 'utf8');
    for (let i = 0; i < b.length; i++) {
        if (b[i] !== 0x5c || i + 1 >= b.length) {
            out.push(b[i]);
            continue;
        }
        const e = String.fromCharCode(b[++i]);
        if (e === 'r') out.push(13);
        else if (e === 'n') out.push(10);
        else if (e === 't') out.push(9);
        else if (e === 'x') {
            out.push(parseInt(s.substr(i + 1, 2), 16));
            i += 2;
        } else out.push(b[i]);
    }
    return Buffer.from(out);
}

function check(f, r) {
    const [name, , , , num, code, enhanced, flags, lines, action, reason, party, key, log, extra] = f;
    assert.deepEqual(
        [r.length, r.code, r.enhanced ? String(r.enhanced) : '-', r.flags.slice().sort().join(',') || '-',
            r.action, r.reason, r.party, r.explanation.key],
        [Number(num), Number(code), enhanced, flags, action, reason, party, key], name);
    assert.deepEqual(r.rawLines, lines.split('|').map(unescape), name);
    assert.deepEqual(Buffer.from(r.format({ host: 'mx.example.org' })), unescape(log), name);
    if (extra === '-')
        return;
    for (const kv of extra.split(' ')) {
        const [k, v] = kv.split('=');
        if (k === 'queue_id') assert.equal(r.queueId, v, name);
        else if (k === 'size') assert.equal(r.sizeLimit === null ? -1 : r.sizeLimit, Number(v), name);
        else if (k === 'auth') assert.ok(r.hasAuth(v), name);
        else if (k === 'ext') assert.notEqual(r.extension(v), null, name);
        else if (k === 'provider') assert.equal(r.provider, v, name);
        else if (k === 'verdict') assert.deepEqual([r.verdict, r.diagnose().verdict], [v, v], name);
        else if (k === 'confidence') assert.equal(r.diagnose().confidence, v, name);
        else assert.fail(`${name}: unknown check ${k}`);
    }
}

const rows = fs.readFileSync(CASES, 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));

test('the case file has cases of 15 columns', () => {
    assert.ok(rows.length >= 10);
    for (const f of rows)
        assert.equal(f.length, 15, f[0]);
});

for (const f of rows) {
    const command = f[1] === '-' ? null : f[1];
    const data = unescape(f[2]);
    test(`case: ${f[0]}`, () => {
        if (f[3] !== 'ok') {
            assert.throws(() => smtpreply.parse(data, { command }), (e) => {
                assert.ok(e instanceof smtpreply.ParseError);
                assert.equal(e instanceof smtpreply.IncompleteError, f[3] === 'incomplete');
                assert.deepEqual([e.result, e.offset], [f[3], Number(f[4])]);
                const skip = f[14].match(/skip=(\d+)/);
                if (skip) assert.equal(e.skip, Number(skip[1]));
                return true;
            });
            return;
        }
        check(f, smtpreply.parse(data, { command }));
        const p = new smtpreply.Parser({ commands: [command] });
        const got = [];
        for (const byte of data)
            got.push(...p.push(Buffer.from([byte])));
        assert.ok(got.length >= 1, 'streaming found the reply');
        check(f, got[0]);
    });
}
