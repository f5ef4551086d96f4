'use strict';
// smtpreply: parse SMTP server replies and explain them (koffi bindings of
// libsmtpreply). See README.md and index.d.ts for the API.
const { EventEmitter } = require('node:events');
const { koffi, c, libraryPath, types } = require('./lib/ffi.cjs');

const INCOMPLETE = -1;
const FMT_ASCII = 0x1;
const STRICT = 0x1EFF; // SMTPREPLY_STRICT
const MAX_ERRORS = 16;

// --- names <-> C values ------------------------------------------------------
function names(nameOf) {
    const out = [];
    for (let i = 0; ; i++) {
        const n = nameOf(i);
        if (!n)
            return Object.freeze(out);
        out.push(n);
    }
}
const ACTIONS = names(c.actionName);
const REASONS = names(c.reasonName);
const PARTIES = names(c.partyName);
const VERDICTS = names(c.verdictName);
const CONFIDENCES = names(c.confidenceName);
const EVIDENCES = names(c.evidenceName);
const COMMANDS = Object.freeze(Array.from({ length: 19 }, (_, i) => c.commandName(i)));
const FIELDS = ['name', 'description', 'when', 'fix', 'source', 'key'];
const HEADINGS = ['description', 'when', 'fix', 'class', 'category', 'enhanced', 'differences',
    'action', 'reason', 'who', 'which', 'summary'];
const EXPL_FLAGS = ['reply', 'enhanced', 'class', 'subject', 'category', 'contextual', 'nonstandard',
    'fallback', 'provider'];
const FLAGS = {};
for (let bit = 0; bit < 32; bit++) {
    const n = c.flagName((1 << bit) >>> 0);
    if (n)
        FLAGS[n] = (1 << bit) >>> 0;
}
Object.freeze(FLAGS);

function enumObject(list) {
    const o = {};
    for (const n of list)
        o[n.toUpperCase()] = n;
    return Object.freeze(o);
}
/** Stable names as constants: Action.FAIL === 'fail'. */
const Action = enumObject(ACTIONS);
const Reason = enumObject(REASONS);
const Party = enumObject(PARTIES);
const Verdict = enumObject(VERDICTS);
const Confidence = enumObject(CONFIDENCES);
const Evidence = enumObject(EVIDENCES);

function indexOf(list, value, what) {
    const i = list.indexOf(value);
    if (i < 0)
        throw new TypeError(`unknown ${what} ${JSON.stringify(value)} (known: ${list.join(', ')})`);
    return i;
}

// --- errors ------------------------------------------------------------------------
class SmtpReplyError extends Error {
    constructor(message) {
        super(message);
        this.name = new.target.name;
    }
}

/** Bytes that are not an SMTP reply; result is the stable name. */
class ParseError extends SmtpReplyError {
    constructor(code, offset, skip = 0, replyCode = 0) {
        super(`${c.resultName(code)} at byte ${offset}: ${c.resultMessage(code)}`);
        this.code = code;
        this.result = c.resultName(code);
        this.offset = offset;
        this.skip = skip;
        // A failed reply (over a limit, or rejected) still answers a
        // command: its reply code, and the queued command it took.
        this.replyCode = replyCode;
        this.command = null;
    }
}

/** The bytes end inside a reply. */
class IncompleteError extends ParseError {
    constructor(offset) {
        super(INCOMPLETE, offset, 0);
    }
}

/** A command name the library does not know ("BOGUS"). */
class UnknownCommandError extends SmtpReplyError {
    constructor(command) {
        super(`unknown SMTP command ${JSON.stringify(command)} (known: ${COMMANDS.slice(1).join(', ')})`);
        this.command = command;
    }
}

/** "RCPT", "rcpt to:<a@b>", "MAIL FROM", "." -> the canonical name ("DOT");
 *  "", "UNKNOWN", null and undefined -> "UNKNOWN"; others throw. */
function parseCommand(name) {
    if (name === undefined || name === null)
        return 'UNKNOWN';
    if (typeof name === 'number') {
        if (!Number.isInteger(name) || name < 0 || name >= COMMANDS.length)
            throw new UnknownCommandError(String(name));
        return COMMANDS[name];
    }
    const s = String(name);
    if (s.trim() === '' || s.trim().toUpperCase() === 'UNKNOWN')
        return 'UNKNOWN';
    const n = s.includes('\0') ? 0 : c.commandParse(s);
    if (n === 0)
        throw new UnknownCommandError(s);
    return COMMANDS[n];
}
const commandValue = (name) => COMMANDS.indexOf(parseCommand(name));

// --- explanations ------------------------------------------------------------------
/** An entry of the library's explanation table, its texts in lang. */
class Explanation {
    constructor(handle, lang) {
        Object.defineProperty(this, '_e', { value: handle });
        this.lang = lang || null;
    }
    text(field, lang = this.lang) {
        const f = indexOf(FIELDS, field, 'field');
        return lang ? c.explTextLang(this._e, f, lang) : c.explText(this._e, f);
    }
    get name() { return this.text('name'); }
    get description() { return this.text('description'); }
    get when() { return this.text('when'); }
    get fix() { return this.text('fix'); }
    get source() { return this.text('source'); }
    get key() { return this.text('key'); }
    get flags() {
        const bits = c.explFlags(this._e);
        return EXPL_FLAGS.filter((_, i) => bits & (1 << i));
    }
    get code() { return c.explCode(this._e) || null; }
    get enhanced() {
        const k = [0], s = [0], d = [0];
        return c.explEnhanced(this._e, k, s, d) ? { class: k[0], subject: s[0], detail: d[0] } : null;
    }
    inLanguage(lang) { return new Explanation(this._e, lang); }
    /** For a fallback entry: the sentence saying that label is not itself a
     *  registered code and which general entry is shown; else null. */
    fallbackText(label, lang = this.lang) {
        const l = String(label).replace(/\0/g, '');
        const need = Number(c.fallbackText(null, 0, l, this._e, lang || null));
        if (!need)
            return null;
        const out = Buffer.alloc(need + 1);
        c.fallbackText(out, need + 1, l, this._e, lang || null);
        return out.toString('utf8', 0, need);
    }
    equals(other) { return other instanceof Explanation && koffi.address(other._e) === koffi.address(this._e); }
    toJSON() {
        return { key: this.key, name: this.name, description: this.description, when: this.when,
            fix: this.fix, source: this.source, flags: this.flags };
    }
}
const expl = (h, lang) => (h ? new Explanation(h, lang) : null);

function explain(code, options = {}) {
    const { command, lang } = options;
    if (typeof code === 'object' && code !== null) {
        if (command !== undefined)
            throw new TypeError('command applies to a reply code, not an enhanced code');
        return expl(c.explainEnhanced(code.class, code.subject, code.detail), lang);
    }
    if (command !== undefined) {
        const n = typeof code === 'number' ? code : Number(String(code).trim());
        if (!Number.isInteger(n))
            throw new TypeError(`command applies to a reply code, not ${JSON.stringify(code)}`);
        return expl(c.explainCodeAfter(n, commandValue(command)), lang);
    }
    if (typeof code === 'number')
        return expl(c.explainCode(code), lang);
    return expl(c.explainText(String(code).replace(/\0/g, '')), lang);
}
const explainClass = (code, lang) => expl(c.explainClass(code), lang);
const explainCategory = (code, lang) => expl(c.explainCategory(code), lang);
function explanations(lang) {
    const out = [];
    const n = Number(c.explCount());
    for (let i = 0; i < n; i++)
        out.push(expl(c.explAt(i), lang));
    return out;
}
const languages = () => names(c.language).slice();
const languageMatch = (tag) => c.languageMatch(tag || null);
const heading = (name, lang) => c.headingText(indexOf(HEADINGS, name, 'heading'), lang || null);

const actionText = (a, lang) => c.actionText(indexOf(ACTIONS, a, 'action'), lang || null);
const actionDescription = (a, lang) => c.actionDescription(indexOf(ACTIONS, a, 'action'), lang || null);
const reasonText = (r, lang) => c.reasonText(indexOf(REASONS, r, 'reason'), lang || null);
const reasonDescription = (r, lang) => c.reasonDescription(indexOf(REASONS, r, 'reason'), lang || null);
const reasonParty = (r) => PARTIES[c.reasonParty(indexOf(REASONS, r, 'reason'))];
const partyText = (p, lang) => c.partyText(indexOf(PARTIES, p, 'party'), lang || null);
const verdictText = (v, lang) => c.verdictText(indexOf(VERDICTS, v, 'verdict'), lang || null);
const verdictDescription = (v, lang) => c.verdictDescription(indexOf(VERDICTS, v, 'verdict'), lang || null);
const confidenceText = (x, lang) => c.confidenceText(indexOf(CONFIDENCES, x, 'confidence'), lang || null);

// --- replies -----------------------------------------------------------------------
function enhancedOf(e) {
    if (!e.klass)
        return null;
    const v = { class: e.klass, subject: e.subject, detail: e.detail };
    Object.defineProperty(v, 'toString', { value: () => `${v.class}.${v.subject}.${v.detail}` });
    return Object.freeze(v);
}

/** One parsed reply; it owns a copy of its bytes. */
// The object of a filled struct smtpreply_diagnosis (a Buffer).
function diagnosisOf(out) {
    const d = koffi.decode(out, types.Diagnosis);
    return { action: ACTIONS[d.action], reason: REASONS[d.reason], verdict: VERDICTS[d.verdict],
        confidence: CONFIDENCES[d.confidence], evidence: EVIDENCES[d.evidence], code: d.code,
        enhanced: enhancedOf(d.enhanced), provider: d.provider || null };
}

class Reply {
    // bytes: a Buffer holding the reply; cbuf: the C struct, whose views
    // point into bytes; length: the bytes consumed.
    constructor(bytes, cbuf, length, command) {
        Object.defineProperty(this, '_bytes', { value: bytes });
        Object.defineProperty(this, '_c', { value: cbuf });
        const r = koffi.decode(cbuf, types.Reply);
        Object.defineProperty(this, '_r', { value: r });
        this.length = length;
        Object.defineProperty(this, '_command', { value: parseCommand(command), writable: true });
    }
    /** What the reply answers; set it (any CommandLike) to change the meaning. */
    get command() { return this._command; }
    set command(value) { this._command = parseCommand(value); }
    _view(s) {
        if (s.ptr === null || !s.len)
            return Buffer.alloc(0);
        const off = Number(BigInt(s.ptr) - koffi.address(this._bytes));
        return this._bytes.subarray(off, off + Number(s.len));
    }
    get code() { return this._r.code; }
    get firstCode() { return this._r.first_code; }
    get class() { return this._r.klass; }
    get enhanced() { return enhancedOf(this._r.enhanced); }
    get flagBits() { return this._r.flags; }
    get flags() { return Object.keys(FLAGS).filter((n) => this._r.flags & FLAGS[n]); }
    get raw() { return Buffer.from(this._view(this._r.raw)); }
    get rawLines() {
        const it = Buffer.alloc(koffi.sizeof(types.Iter));
        const s = Buffer.alloc(koffi.sizeof(types.Str));
        const out = [];
        while (c.nextLine(this._c, it, s))
            out.push(Buffer.from(this._view(koffi.decode(s, types.Str))));
        return out;
    }
    get lines() { return this.rawLines.map((b) => b.toString('utf8')); }
    get text() { return this.lines.map((l) => l.trim()).filter(Boolean).join(' '); }
    get _cmd() { return COMMANDS.indexOf(this._command); }

    get action() { return ACTIONS[c.action(this._c, this._cmd)]; }
    get reason() { return REASONS[c.reason(this._c, this._cmd)]; }
    // A provider's own entry for the reply beats the reason's usual party.
    get party() { return PARTIES[c.replyParty(this._c, this._cmd)]; }
    get verdict() { return VERDICTS[c.verdict(this._c, this._cmd)]; }
    actionAfter(command) { return ACTIONS[c.action(this._c, commandValue(command))]; }
    reasonAfter(command) { return REASONS[c.reason(this._c, commandValue(command))]; }
    verdictAfter(command) { return VERDICTS[c.verdict(this._c, commandValue(command))]; }
    diagnose(command = this.command) {
        const out = Buffer.alloc(koffi.sizeof(types.Diagnosis));
        c.diagnose(this._c, commandValue(command), out);
        return diagnosisOf(out);
    }
    get explanation() { return expl(c.explainReply(this._c, this._cmd)); }
    // The parser stores it in the reply (1.1); ask when it did not.
    get enhancedExplanation() { return expl(this._r.expl_enhanced || c.explainReplyEnhanced(this._c)); }
    get provider() { return c.provider(this._c) || null; }
    get providerExplanation() { return expl(c.explainProvider(this._c)); }

    /** One log line, escaped so a server cannot forge lines. */
    format(options = {}) {
        const host = options.host ? String(options.host).replace(/\0/g, '') : null;
        const cmd = options.command === undefined ? this._cmd : commandValue(options.command);
        const flags = options.ascii ? FMT_ASCII : 0;
        const need = Number(c.format(null, 0, this._c, host, cmd, flags));
        const out = Buffer.alloc(need + 1);
        c.format(out, need + 1, this._c, host, cmd, flags);
        return out.toString('utf8', 0, need);
    }
    toString() { return this.format(); }

    get extensions() {
        const it = Buffer.alloc(koffi.sizeof(types.EhloIter));
        const k = Buffer.alloc(koffi.sizeof(types.Str));
        const p = Buffer.alloc(koffi.sizeof(types.Str));
        const out = [];
        while (c.ehloNext(this._c, it, k, p)) {
            out.push({ keyword: this._view(koffi.decode(k, types.Str)).toString('utf8').toUpperCase(),
                params: this._view(koffi.decode(p, types.Str)).toString('utf8') });
        }
        return out;
    }
    extension(keyword) {
        const p = Buffer.alloc(koffi.sizeof(types.Str));
        if (String(keyword).includes('\0') || !c.ehloFind(this._c, String(keyword), p))
            return null;
        return this._view(koffi.decode(p, types.Str)).toString('utf8');
    }
    get sizeLimit() {
        const v = Number(c.ehloSize(this._c));
        return v < 0 ? null : v;
    }
    hasAuth(mechanism) {
        return !String(mechanism).includes('\0') && c.ehloHasAuth(this._c, String(mechanism)) !== 0;
    }
    get queueId() {
        const s = c.queueId(this._c);
        return s.ptr === null ? null : this._view(s).toString('utf8');
    }
    toJSON() {
        return { code: this.code, enhanced: this.enhanced && String(this.enhanced), lines: this.lines,
            flags: this.flags, command: this.command, action: this.action, reason: this.reason,
            verdict: this.verdict, explanation: this.explanation.toJSON() };
    }
}

// --- parsing ------------------------------------------------------------------------
function optionsBuffer(o = {}) {
    const buf = Buffer.alloc(koffi.sizeof(types.Options));
    c.optionsInit(buf);
    let reject = o.strict ? STRICT : 0;
    for (const name of o.reject || []) {
        if (!(name in FLAGS))
            throw new TypeError(`unknown flag ${JSON.stringify(name)} (known: ${Object.keys(FLAGS).join(', ')})`);
        reject |= FLAGS[name];
    }
    const limit = (v, what) => {
        if (v === undefined)
            return 0;
        if (!Number.isInteger(v) || v < 0 || v > 0xFFFFFFFF)
            throw new RangeError(`${what} must be a non-negative integer, not ${v}`);
        return v;
    };
    koffi.encode(buf, types.Options, { reject: reject >>> 0, max_line: limit(o.maxLine, 'maxLine'),
        max_lines: limit(o.maxLines, 'maxLines'), max_reply: limit(o.maxReply, 'maxReply'),
        reserved_: new Array(12).fill(0) });
    return buf;
}

const toBuffer = (data) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));

/** Parses the reply at the start of data (a Buffer, Uint8Array or string). */
function parse(data, options = {}) {
    const command = parseCommand(options.command);
    const bytes = toBuffer(data);
    const opts = optionsBuffer(options);
    const cbuf = Buffer.alloc(koffi.sizeof(types.Reply));
    const n = c.parse(bytes, bytes.length, opts, cbuf);
    if (n > 0)
        return new Reply(bytes, cbuf, n, command);
    if (n === INCOMPLETE)
        throw new IncompleteError(bytes.length);
    const r = koffi.decode(cbuf, types.Reply);
    throw new ParseError(n, Number(r.error_offset), Number(r.skip), r.code);
}

/**
 * The streaming parser of one connection. push() the bytes of each 'data'
 * event; it returns the replies they complete (and emits 'reply' for each,
 * 'skip' with a ParseError for bytes that were no reply).
 */
class Parser extends EventEmitter {
    constructor(options = {}) {
        super();
        this._opts = optionsBuffer(options);
        this._options = { ...options };
        this._p = Buffer.alloc(koffi.sizeof(types.ParserState));
        c.parserInit(this._p, this._opts);
        this._buf = Buffer.alloc(4096);
        this._start = 0;
        this._end = 0;
        this.offset = 0;
        this.errors = [];
        this.errorCount = 0;
        this.maxErrors = options.maxErrors === undefined ? MAX_ERRORS : options.maxErrors;
        this.commands = (options.commands || []).map(parseCommand);
    }
    /** Commands sent and not yet answered, oldest first. */
    expect(...commands) { this.commands.push(...commands.map(parseCommand)); }
    get pending() { return Buffer.from(this._buf.subarray(this._start, this._end)); }
    reset() {
        c.parserReset(this._p);
        this._start = this._end = 0;
        this.offset = 0;
    }
    _append(chunk) {
        const need = this._end - this._start + chunk.length;
        if (this._end + chunk.length > this._buf.length) {
            // Keep the unconsumed bytes at the front (the C parser only
            // remembers positions relative to them); grow when needed.
            const size = Math.max(this._buf.length, need * 2);
            const next = size > this._buf.length ? Buffer.alloc(size) : this._buf;
            this._buf.copy(next, 0, this._start, this._end);
            this._buf = next;
            this._end -= this._start;
            this._start = 0;
        }
        chunk.copy(this._buf, this._end);
        this._end += chunk.length;
    }
    _drop(n) {
        this._start += n;
        this.offset += n;
    }
    push(chunk) {
        this._append(toBuffer(chunk));
        const out = [];
        const cbuf = Buffer.alloc(koffi.sizeof(types.Reply));
        for (;;) {
            const view = this._buf.subarray(this._start, this._end);
            const n = c.parserParse(this._p, view, view.length, cbuf);
            if (n > 0) {
                // The reply gets its own copy of its bytes; the one-shot
                // parse of them gives the same result (from where the reply
                // starts, when the parser dropped junk first: skipped_junk).
                const sr = koffi.decode(cbuf, types.Reply);
                let own = Buffer.from(view.subarray(0, n));
                const mine = Buffer.alloc(koffi.sizeof(types.Reply));
                if (c.parse(own, n, this._opts, mine) !== n) {
                    own = own.subarray(Number(BigInt(sr.raw.ptr) - koffi.address(view)));
                    c.parse(own, own.length, this._opts, mine);
                }
                koffi.encode(mine, koffi.offsetof(types.Reply, 'flags'), 'unsigned int', sr.flags);
                const reply = new Reply(own, mine, n, this.commands.length ? this.commands.shift() : null);
                this._drop(n);
                out.push(reply);
                this.emit('reply', reply);
                continue;
            }
            const r = koffi.decode(cbuf, types.Reply);
            const skip = Number(r.skip);
            if (n !== INCOMPLETE) {
                const e = new ParseError(n, this.offset + Number(r.error_offset), skip, r.code);
                if (r.code && this.commands.length)
                    e.command = this.commands.shift();
                this.errorCount++;
                this.errors.push(e);
                if (this.errors.length > this.maxErrors)
                    this.errors.shift();
                this._drop(skip);
                this.emit('skip', e);
                continue;
            }
            this._drop(skip);
            if (!skip)
                return out;
        }
    }
    /** At the end of input: throws IncompleteError if a reply was cut off. */
    end() {
        const rest = this._buf.subarray(this._start, this._end);
        if (rest.some((b) => b !== 0x0d && b !== 0x0a))
            throw new IncompleteError(this.offset + rest.length);
    }
}

/** The replies of an async iterable of chunks (a net.Socket, a stream). */
async function* replies(source, options = {}) {
    const p = new Parser(options);
    for await (const chunk of source)
        yield* p.push(chunk);
    p.end();
}

// --- replies in logs, bounces and transcripts ------------------------------------------
const SOURCES = names(c.sourceName);
const Source = enumObject(SOURCES);
const FIND_KINDS = { log: 0x1, transcript: 0x2, text: 0x4, raw: 0x8 };

function foundRecord(fbuf, base, textLen) {
    const f = koffi.decode(fbuf, types.Found);
    const view = (s) => {
        if (s.ptr === null || !s.len)
            return null;
        return Buffer.from(koffi.view(s.ptr, Number(s.len))).toString('utf8');
    };
    const command = COMMANDS[f.command] || 'UNKNOWN';
    let reply = null;
    if (f.has_reply && f.reply.raw.ptr !== null) {
        // The reply as the server sent it, reassembled in buf: a copy,
        // parsed again (the same result) so the Reply owns its bytes.
        const bytes = Buffer.from(koffi.view(f.reply.raw.ptr, Number(f.reply.raw.len)));
        reply = parse(bytes, { command });
    }
    // Judged now, while the record's views into the text and buf are valid.
    const dbuf = Buffer.alloc(koffi.sizeof(types.Diagnosis));
    c.foundDiagnose(fbuf, dbuf);
    return { reply, command, source: SOURCES[f.source] || 'none', host: view(f.host),
        recipient: view(f.recipient), status: view(f.status), action: view(f.action),
        date: view(f.date), problem: view(f.problem), offset: Number(f.offset), length: Number(f.length),
        diagnosis: diagnosisOf(dbuf) };
}

/** The replies in a text: MTA log lines, client transcripts, a bounce's
 *  text or DSN fields, lines that start with a code (options.what limits
 *  the kinds: ['log', 'transcript', 'text', 'raw']). */
function findReplies(text, options = {}) {
    const data = toBuffer(text);
    let what = 0;
    for (const w of options.what || []) {
        if (!(w in FIND_KINDS))
            throw new TypeError(`unknown kind ${JSON.stringify(w)} (known: ${Object.keys(FIND_KINDS).join(', ')})`);
        what |= FIND_KINDS[w];
    }
    if (!data.length)
        return []; // (an empty Buffer reaches C as NULL: an invalid argument)
    const buf = Buffer.alloc(2 * data.length + 256); // the reply + 2 bytes a line
    const fbuf = Buffer.alloc(koffi.sizeof(types.Found));
    const pos = [0];
    const out = [];
    for (;;) {
        const before = pos[0];
        const n = c.find(data, data.length, pos, what, buf, buf.length, fbuf);
        if (n === 0 || (n < 0 && pos[0] === before)) // the second: a refusal, not a record
            return out;
        if (n > 0)
            out.push(foundRecord(fbuf));
    }
}

/** The records of a bounce message: one per recipient of its
 *  delivery-status part, or one per reply its text quotes. */
function readBounce(message) {
    const data = toBuffer(message);
    if (!data.length)
        return [];
    const buf = Buffer.alloc(2 * data.length + 256); // decoded text, then replies
    const it = Buffer.alloc(koffi.sizeof(types.BounceIter));
    const fbuf = Buffer.alloc(koffi.sizeof(types.Found));
    const out = [];
    for (let refused = 0; refused < 64;) {
        const n = c.bounceNext(data, data.length, it, buf, buf.length, fbuf);
        if (n === 0)
            return out;
        if (n < 0)
            refused++;
        if (n > 0)
            out.push(foundRecord(fbuf));
    }
    return out;
}

// --- comparison pages -------------------------------------------------------------
// A side: a code as text ("235", "5.7.26"), an Explanation, or a Reply.
function sideBuffer(x) {
    const buf = Buffer.alloc(koffi.sizeof(types.Side));
    const v = { label: null, entry: null, reply: null, cmd: 0, reserved_: [null, null, null, null] };
    if (x instanceof Reply) {
        v.reply = x._c;
        v.cmd = x._cmd;
    } else if (x instanceof Explanation) {
        v.entry = x._e;
    } else {
        v.label = String(x).replace(/\0/g, '');
        v.entry = explain(v.label)._e;
    }
    koffi.encode(buf, types.Side, v);
    return buf;
}

/** Compares two codes, explanations or replies: { title, summary, points, which }. */
function compare(a, b, options = {}) {
    const sa = sideBuffer(a);
    const sb = sideBuffer(b);
    const lang = options.lang || null;
    const text = (part, index) => {
        const need = Number(c.compareText(null, 0, sa, sb, part, index, lang));
        if (!need)
            return '';
        const out = Buffer.alloc(need + 1);
        c.compareText(out, need + 1, sa, sb, part, index, lang);
        return out.toString('utf8', 0, need);
    };
    const points = [];
    for (let p; (p = text(2, points.length));)
        points.push(p);
    const which = [text(3, 0), text(3, 1)].filter(Boolean);
    // Keep the replies (whose C structs the sides point to) alive until here.
    void a; void b;
    return { title: text(0, 0), summary: text(1, 0), points, which };
}

const version = () => c.version();
const versionNumber = () => c.versionNumber();

module.exports = {
    parse, Parser, replies, Reply, Explanation, findReplies, readBounce, Source, compare,
    SmtpReplyError, ParseError, IncompleteError, UnknownCommandError,
    Action, Reason, Party, Verdict, Confidence, Evidence,
    parseCommand, explain, explainClass, explainCategory, explanations, languages, languageMatch,
    heading, actionText, actionDescription, reasonText, reasonDescription, reasonParty, partyText,
    verdictText, verdictDescription, confidenceText,
    FLAGS, STRICT, version, versionNumber, libraryPath,
};
