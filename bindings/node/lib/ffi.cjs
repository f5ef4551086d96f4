'use strict';
// The C declarations of smtpreply.h for koffi, and where the library is.
// Private to the package: the structs mirror the C layout (docs/ABI.md:
// fixed for the whole of libsmtpreply.so.1).
const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

const SONAME = 'libsmtpreply.so.1';

// $SMTPREPLY_LIBRARY, else the source tree's build when this package sits
// in it (bindings/node), else the system's (ldconfig, LD_LIBRARY_PATH).
function candidates() {
    if (process.env.SMTPREPLY_LIBRARY)
        return [process.env.SMTPREPLY_LIBRARY];
    const top = path.join(__dirname, '..', '..', '..');
    const tree = path.join(top, SONAME);
    const out = [];
    if (fs.existsSync(tree) && fs.existsSync(path.join(top, 'include', 'smtpreply.h')))
        out.push(tree);
    out.push(SONAME);
    for (const dir of ['/usr/local/lib', '/usr/lib', '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu'])
        out.push(path.join(dir, SONAME));
    return out;
}

function load() {
    const errors = [];
    for (const p of candidates()) {
        try {
            return { lib: koffi.load(p), path: p };
        } catch (e) {
            errors.push(`${p}: ${e.message}`);
        }
    }
    throw new Error(`${SONAME} not found (install libsmtpreply, or set SMTPREPLY_LIBRARY to its path): ` +
        errors.join('; '));
}

const { lib, path: libraryPath } = load();

const Str = koffi.struct('smtpreply_str', { ptr: 'void *', len: 'size_t' });
const Enhanced = koffi.struct('smtpreply_enhanced', { klass: 'int', subject: 'int', detail: 'int' });
const Reply = koffi.struct('smtpreply', {
    code: 'int', first_code: 'int', klass: 'int', flags: 'unsigned int',
    enhanced: Enhanced, nlines: 'size_t', raw: Str,
    error_offset: 'size_t', skip: 'size_t',
    first_line: Str, last_line: Str,
    expl: 'const void *', expl_enhanced: 'const void *', // 1.1, from reserved_
    reserved_: koffi.array('void *', 6),
});
const Options = koffi.struct('smtpreply_options', {
    reject: 'unsigned int', max_line: 'unsigned int', max_lines: 'unsigned int',
    max_reply: 'unsigned int', reserved_: koffi.array('unsigned int', 12),
});
const ParserState = koffi.struct('smtpreply_parser', { opts: Options, state_: koffi.array('size_t', 24) });
const Iter = koffi.struct('smtpreply_iter', { pos_: 'size_t', index_: 'size_t' });
const EhloIter = koffi.struct('smtpreply_ehlo_iter', { line_: 'size_t', reserved_: koffi.array('size_t', 3) });
const Diagnosis = koffi.struct('smtpreply_diagnosis', {
    action: 'int', reason: 'int', verdict: 'int', confidence: 'int', evidence: 'int',
    code: 'int', enhanced: Enhanced, provider: 'const char *', reserved_: koffi.array('void *', 6),
});

const Found = koffi.struct('smtpreply_found', {
    reply: Reply, has_reply: 'int', command: 'int', source: 'int',
    host: Str, recipient: Str, status: Str, action: Str, date: Str, problem: Str,
    offset: 'size_t', length: 'size_t', reserved_: koffi.array('void *', 8),
});
const BounceIter = koffi.struct('smtpreply_bounce_iter', { pos_: 'size_t', state_: koffi.array('size_t', 7) });

const Side = koffi.struct('smtpreply_side', {
    label: 'const char *', entry: 'const void *', reply: 'const void *', cmd: 'int',
    reserved_: koffi.array('void *', 4),
});

// Structs the library reads or fills are Buffers passed as pointers, so
// that the views they hold keep pointing into (stable) Buffer memory.
const R = 'const void *';
const decl = {
    version: 'const char *smtpreply_version(void)',
    versionNumber: 'unsigned int smtpreply_version_number(void)',
    resultName: 'const char *smtpreply_result_name(int result)',
    resultMessage: 'const char *smtpreply_result_message(int result)',
    flagName: 'const char *smtpreply_flag_name(unsigned int flag)',
    optionsInit: 'void smtpreply_options_init(void *opts)',
    parse: 'int smtpreply_parse(const uint8_t *buf, size_t len, const void *opts, void *reply)',
    nextLine: `int smtpreply_next_line(${R} reply, void *it, void *text)`,
    line: `smtpreply_str smtpreply_line(${R} reply, size_t i)`,
    parserInit: 'void smtpreply_parser_init(void *p, const void *opts)',
    parserParse: 'int smtpreply_parser_parse(void *p, const uint8_t *buf, size_t len, void *reply)',
    parserReset: 'void smtpreply_parser_reset(void *p)',
    commandParse: 'int smtpreply_command_parse(const char *name)',
    commandName: 'const char *smtpreply_command_name(int cmd)',
    explainCode: 'const void *smtpreply_explain_code(int code)',
    explainCodeAfter: 'const void *smtpreply_explain_code_after(int code, int cmd)',
    explainEnhanced: 'const void *smtpreply_explain_enhanced(int klass, int subject, int detail)',
    explainText: 'const void *smtpreply_explain_text(const char *text)',
    explainClass: 'const void *smtpreply_explain_class(int code)',
    explainCategory: 'const void *smtpreply_explain_category(int code)',
    explainReply: `const void *smtpreply_explain_reply(${R} reply, int cmd)`,
    explainReplyEnhanced: `const void *smtpreply_explain_reply_enhanced(${R} reply)`,
    explText: 'const char *smtpreply_expl_text(const void *e, int field)',
    explTextLang: 'const char *smtpreply_expl_text_lang(const void *e, int field, const char *lang)',
    explFlags: 'unsigned int smtpreply_expl_flags(const void *e)',
    explCode: 'int smtpreply_expl_code(const void *e)',
    explEnhanced: 'int smtpreply_expl_enhanced(const void *e, _Out_ int *klass, _Out_ int *subject, _Out_ int *detail)',
    explCount: 'size_t smtpreply_expl_count(void)',
    explAt: 'const void *smtpreply_expl_at(size_t index)',
    language: 'const char *smtpreply_language(size_t index)',
    languageMatch: 'const char *smtpreply_language_match(const char *tag)',
    headingText: 'const char *smtpreply_heading_text(int h, const char *lang)',
    action: `int smtpreply_action(${R} reply, int cmd)`,
    actionName: 'const char *smtpreply_action_name(int a)',
    reason: `int smtpreply_reason(${R} reply, int cmd)`,
    reasonName: 'const char *smtpreply_reason_name(int r)',
    reasonText: 'const char *smtpreply_reason_text(int r, const char *lang)',
    reasonParty: 'int smtpreply_reason_party(int r)',
    partyName: 'const char *smtpreply_party_name(int p)',
    actionText: 'const char *smtpreply_action_text(int a, const char *lang)',
    actionDescription: 'const char *smtpreply_action_description(int a, const char *lang)',
    reasonDescription: 'const char *smtpreply_reason_description(int r, const char *lang)',
    partyText: 'const char *smtpreply_party_text(int p, const char *lang)',
    diagnose: `int smtpreply_diagnose(${R} reply, int cmd, void *out)`,
    verdict: `int smtpreply_verdict(${R} reply, int cmd)`,
    verdictName: 'const char *smtpreply_verdict_name(int v)',
    verdictText: 'const char *smtpreply_verdict_text(int v, const char *lang)',
    verdictDescription: 'const char *smtpreply_verdict_description(int v, const char *lang)',
    confidenceName: 'const char *smtpreply_confidence_name(int c)',
    confidenceText: 'const char *smtpreply_confidence_text(int c, const char *lang)',
    evidenceName: 'const char *smtpreply_evidence_name(int e)',
    provider: `const char *smtpreply_provider(${R} reply)`,
    explainProvider: `const void *smtpreply_explain_provider(${R} reply)`,
    format: `size_t smtpreply_format(_Out_ uint8_t *out, size_t size, ${R} reply, const char *host, int cmd, unsigned int flags)`,
    ehloNext: `int smtpreply_ehlo_next(${R} reply, void *it, void *keyword, void *params)`,
    ehloFind: `int smtpreply_ehlo_find(${R} reply, const char *keyword, void *params)`,
    ehloSize: `long long smtpreply_ehlo_size(${R} reply)`,
    ehloHasAuth: `int smtpreply_ehlo_has_auth(${R} reply, const char *mechanism)`,
    queueId: `smtpreply_str smtpreply_queue_id(${R} reply)`,
    sourceName: 'const char *smtpreply_source_name(int s)',
    replyParty: `int smtpreply_reply_party(${R} reply, int cmd)`,
    compareText: 'size_t smtpreply_compare_text(_Out_ uint8_t *out, size_t size, const void *a, const void *b, int part, size_t index, const char *lang)',
    fallbackText: 'size_t smtpreply_fallback_text(_Out_ uint8_t *out, size_t size, const char *label, const void *e, const char *lang)',
    find: 'int smtpreply_find(const uint8_t *text, size_t len, _Inout_ size_t *pos, unsigned int what, void *buf, size_t size, void *found)',
    bounceNext: 'int smtpreply_bounce_next(const uint8_t *msg, size_t len, void *it, void *buf, size_t size, void *found)',
    foundDiagnose: 'int smtpreply_found_diagnose(const void *found, void *out)', // 1.1
};

const c = {};
for (const [name, proto] of Object.entries(decl))
    c[name] = lib.func(proto);

module.exports = {
    koffi, c, libraryPath, decl,
    types: { Str, Enhanced, Reply, Options, ParserState, Iter, EhloIter, Diagnosis, Found, BounceIter, Side },
};
