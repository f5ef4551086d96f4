// Calling libsmtpreply from Node.js through the koffi FFI package:
// parse an SMTP reply and print its explanation.
//
//   npm install          (koffi, from the npm registry)
//   node explain.js ['550 5.1.1 reply text' [COMMAND]]
//
// The library is loaded from $SMTPREPLY_LIBRARY, else the source tree's
// build (../../libsmtpreply.so.1), else the system's libsmtpreply.so.1.
'use strict';

const fs = require('fs');
const path = require('path');
const koffi = require('koffi');

function libraryPath() {
    if (process.env.SMTPREPLY_LIBRARY)
        return process.env.SMTPREPLY_LIBRARY;
    const tree = path.join(__dirname, '..', '..', 'libsmtpreply.so.1');
    return fs.existsSync(tree) ? tree : 'libsmtpreply.so.1';
}

const lib = koffi.load(libraryPath());

// struct smtpreply and its parts, as in smtpreply.h (docs/ABI.md: the layout
// is fixed for the whole of libsmtpreply.so.1).
const Str = koffi.struct('smtpreply_str', { ptr: 'void *', len: 'size_t' });
const Enhanced = koffi.struct('smtpreply_enhanced', { klass: 'int', subject: 'int', detail: 'int' });
const Reply = koffi.struct('smtpreply', {
    code: 'int', first_code: 'int', klass: 'int', flags: 'unsigned int',
    enhanced: Enhanced, nlines: 'size_t', raw: Str,
    error_offset: 'size_t', skip: 'size_t',
    first_line: Str, last_line: Str, reserved_: koffi.array('void *', 8),
});

// The reply is kept in a Buffer of sizeof(struct smtpreply) and passed as a
// pointer, so that its views keep pointing into the (pinned) input Buffer.
const c = {
    version: lib.func('const char *smtpreply_version(void)'),
    parse: lib.func('int smtpreply_parse(const uint8_t *buf, size_t len, const void *opts, void *reply)'),
    resultName: lib.func('const char *smtpreply_result_name(int result)'),
    line: lib.func('smtpreply_str smtpreply_line(const void *reply, size_t i)'),
    commandParse: lib.func('int smtpreply_command_parse(const char *name)'),
    explainReply: lib.func('const void *smtpreply_explain_reply(const void *reply, int cmd)'),
    explainReplyEnhanced: lib.func('const void *smtpreply_explain_reply_enhanced(const void *reply)'),
    explText: lib.func('const char *smtpreply_expl_text(const void *e, int field)'),
    action: lib.func('int smtpreply_action(const void *reply, int cmd)'),
    actionName: lib.func('const char *smtpreply_action_name(int a)'),
    reason: lib.func('int smtpreply_reason(const void *reply, int cmd)'),
    reasonName: lib.func('const char *smtpreply_reason_name(int r)'),
    format: lib.func('size_t smtpreply_format(_Out_ uint8_t *out, size_t size, const void *reply, const char *host, int cmd, unsigned int flags)'),
};
const FIELD = { name: 0, description: 1, when: 2, fix: 3, source: 4, key: 5 };

function explanation(e) {
    const out = {};
    for (const [k, v] of Object.entries(FIELD))
        out[k] = c.explText(e, v);
    return out;
}

// smtpreply.parse(): a plain object, or an exception for bytes that are not
// a complete reply.
function parse(data, command) {
    const input = Buffer.from(data);
    const replyBuf = Buffer.alloc(koffi.sizeof(Reply));
    const n = c.parse(input, input.length, null, replyBuf);
    if (n <= 0)
        throw new Error('not a complete SMTP reply: ' + c.resultName(n));
    const r = koffi.decode(replyBuf, Reply);
    const cmd = c.commandParse(command || '');
    const lines = [];
    for (let i = 0; i < Number(r.nlines); i++) {
        const s = c.line(replyBuf, i);
        lines.push(s.len > 0 ? koffi.decode.string(s.ptr, s.len) : '');
    }
    const size = Number(c.format(null, 0, replyBuf, 'mx.example.org', cmd, 0)) + 1;
    const logBuf = Buffer.alloc(size);
    c.format(logBuf, size, replyBuf, 'mx.example.org', cmd, 0);
    const reply = {
        length: n,
        code: r.code,
        enhanced: r.enhanced.klass ? `${r.enhanced.klass}.${r.enhanced.subject}.${r.enhanced.detail}` : null,
        lines,
        action: c.actionName(c.action(replyBuf, cmd)),
        reason: c.reasonName(c.reason(replyBuf, cmd)),
        explanation: explanation(c.explainReply(replyBuf, cmd)),
        enhancedExplanation: explanation(c.explainReplyEnhanced(replyBuf)),
        log: logBuf.toString('utf8', 0, size - 1),
    };
    // The C views point into input: keep it alive as long as the reply.
    Object.defineProperty(reply, 'input', { value: input });
    return reply;
}

const text = process.argv[2] ||
    '550-5.1.1 <bob@example.org>: Recipient address rejected:\r\n' +
    '550 5.1.1 User unknown in virtual mailbox table\r\n';
const command = process.argv[3] || 'RCPT';
const r = parse(text.endsWith('\n') ? text : text + '\r\n', command);

console.log(`libsmtpreply ${c.version()} from Node.js ${process.version}`);
console.log(`code: ${r.code}`);
console.log(`enhanced: ${r.enhanced}`);
r.lines.forEach((l, i) => console.log(`line ${i}: ${l}`));
console.log(`action: ${r.action}`);
console.log(`reason: ${r.reason}`);
console.log(`explanation: ${r.explanation.name}`);
console.log(`  ${r.explanation.description}`);
console.log(`enhanced explanation: ${r.enhancedExplanation.name}`);
console.log(`  fix: ${r.enhancedExplanation.fix}`);
console.log(`log: ${r.log}`);
