// The ES module entry point gives the same API as require().
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import smtpreply, { parse, Parser, ParseError, Verdict } from 'smtpreply';

const require = createRequire(import.meta.url);

test('import and require give one module', () => {
    const cjs = require('smtpreply');
    assert.equal(smtpreply, cjs);
    assert.equal(parse, cjs.parse);
    assert.equal(Parser, cjs.Parser);
    assert.equal(ParseError, cjs.ParseError);
    const r = parse('550 5.1.1 <bob@example.org>: User unknown\r\n', { command: 'RCPT' });
    assert.equal(r.verdict, Verdict.SUPPRESS);
    assert.ok(r instanceof cjs.Reply);
});
