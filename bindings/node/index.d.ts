// Type declarations of the smtpreply package (index.cjs / index.mjs).
/// <reference types="node" />
import { EventEmitter } from 'node:events';

export type ActionName = 'success' | 'continue' | 'retry' | 'fail';
export type ReasonName =
    | 'none' | 'unknown' | 'user_unknown' | 'mailbox_full' | 'mailbox_disabled' | 'domain_unknown'
    | 'relay_denied' | 'auth_required' | 'auth_failed' | 'tls_required' | 'message_too_large'
    | 'too_many_recipients' | 'rate_limited' | 'greylisted' | 'blocked' | 'reverse_dns'
    | 'sender_auth' | 'spam' | 'virus' | 'content_rejected' | 'policy' | 'syntax'
    | 'not_implemented' | 'server_error' | 'network' | 'sender_invalid' | 'expired';
export type PartyName = 'none' | 'sender' | 'sender_admin' | 'recipient' | 'recipient_admin';
export type VerdictName = 'none' | 'suppress' | 'retry' | 'fix_sender' | 'fix_message' | 'undetermined';
export type ConfidenceName = 'guess' | 'weak' | 'strong';
export type EvidenceName =
    | 'none' | 'provider' | 'enhanced' | 'strong_phrase' | 'weak_phrase' | 'general_enhanced' | 'code';
/** Canonical command names, as parseCommand() returns them. */
export type CommandName =
    | 'UNKNOWN' | 'GREETING' | 'EHLO' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | 'DOT' | 'BDAT' | 'RSET'
    | 'VRFY' | 'EXPN' | 'HELP' | 'NOOP' | 'QUIT' | 'AUTH' | 'STARTTLS' | 'ETRN' | 'ATRN';
/** A command as a client writes it: "RCPT", "rcpt to:<a@b>", "MAIL FROM", "."; null for unknown. */
export type CommandLike = string | number | null | undefined;
export type FieldName = 'name' | 'description' | 'when' | 'fix' | 'source' | 'key';
export type HeadingName =
    | 'description' | 'when' | 'fix' | 'class' | 'category' | 'enhanced' | 'differences'
    | 'action' | 'reason' | 'who' | 'which' | 'summary';
export type ExplanationFlag =
    | 'reply' | 'enhanced' | 'class' | 'subject' | 'category' | 'contextual' | 'nonstandard'
    | 'fallback' | 'provider';
export type FlagName =
    | 'bare_lf' | 'bare_cr' | 'nonstandard_code' | 'codeless_line' | 'code_mismatch'
    | 'enhanced_mismatch' | 'enhanced_inconsistent' | 'leading_empty' | 'eight_bit'
    | 'invalid_utf8' | 'control' | 'nul' | 'long_line' | 'skipped_junk';

export declare const Action: Readonly<{ SUCCESS: 'success'; CONTINUE: 'continue'; RETRY: 'retry'; FAIL: 'fail' }>;
export declare const Reason: Readonly<{ [K in ReasonName as Uppercase<K>]: K }>;
export declare const Party: Readonly<{ [K in PartyName as Uppercase<K>]: K }>;
export declare const Verdict: Readonly<{ [K in VerdictName as Uppercase<K>]: K }>;
export declare const Confidence: Readonly<{ [K in ConfidenceName as Uppercase<K>]: K }>;
export declare const Evidence: Readonly<{ [K in EvidenceName as Uppercase<K>]: K }>;
/** Flag name -> bit, as the library names them. */
export declare const FLAGS: Readonly<Record<FlagName, number>>;
/** Every flag that departs from the RFCs (what strict mode rejects). */
export declare const STRICT: number;

/** An RFC 3463 enhanced status code; String(e) gives "5.1.1". */
export interface Enhanced {
    readonly class: number;
    readonly subject: number;
    readonly detail: number;
}

export interface ParseOptions {
    /** Reject every departure from the RFCs. */
    strict?: boolean;
    /** Flags that become a "rejected" ParseError. */
    reject?: FlagName[];
    /** Bytes of one line, line end included; 0 or absent: 4096. */
    maxLine?: number;
    /** Lines of one reply; 0 or absent: 1000. */
    maxLines?: number;
    /** Bytes of one reply; 0 or absent: 65536. */
    maxReply?: number;
}

export interface Diagnosis {
    action: ActionName;
    reason: ReasonName;
    verdict: VerdictName;
    confidence: ConfidenceName;
    evidence: EvidenceName;
    /** The reply code the reason rests on (a quoted reply's, if the text quotes one). */
    code: number;
    enhanced: Enhanced | null;
    provider: string | null;
}

export interface Extension {
    keyword: string;
    params: string;
}

export declare class SmtpReplyError extends Error {}
/** Bytes that are not an SMTP reply. */
export declare class ParseError extends SmtpReplyError {
    /** The C result (negative). */
    readonly code: number;
    /** The stable name: "bad_code", "line_too_long", "incomplete"... */
    readonly result: string;
    /** The offending byte: in the bytes given, or since the start of the stream. */
    readonly offset: number;
    /** Bytes dropped to resynchronise. */
    readonly skip: number;
    /** A failed reply's code (over a limit, or rejected: it still answers a command); 0 for junk. */
    readonly replyCode: number;
    /** The queued command a failed reply took (Parser), else null. */
    readonly command: CommandName | null;
}
/** The bytes end inside a reply. */
export declare class IncompleteError extends ParseError {}
/** A command name the library does not know ("BOGUS"). */
export declare class UnknownCommandError extends SmtpReplyError {
    readonly command: string;
}

/** An entry of the library's explanation table, its texts in lang. */
export declare class Explanation {
    private constructor();
    readonly lang: string | null;
    text(field: FieldName, lang?: string | null): string;
    readonly name: string;
    readonly description: string;
    readonly when: string;
    readonly fix: string;
    readonly source: string;
    /** A stable key: "reply 550 after RCPT". */
    readonly key: string;
    readonly flags: ExplanationFlag[];
    /** The reply code of a reply entry, else null. */
    readonly code: number | null;
    /** An enhanced entry's code, -1 where it stands for any; else null. */
    readonly enhanced: Enhanced | null;
    inLanguage(lang: string | null): Explanation;
    /** For a fallback entry: why the label's own entry is not shown; else null. */
    fallbackText(label: string, lang?: string | null): string | null;
    equals(other: unknown): boolean;
    toJSON(): Record<string, string | string[]>;
}

/** One parsed reply; it owns a copy of its bytes. */
export declare class Reply {
    private constructor();
    /** Bytes of input the reply used (skipped empty lines included). */
    readonly length: number;
    /** What the reply answers; set it to change action, reason and explanation. */
    get command(): CommandName;
    set command(value: CommandLike);
    readonly code: number;
    readonly firstCode: number;
    readonly class: number;
    readonly enhanced: Enhanced | null;
    readonly flags: FlagName[];
    readonly flagBits: number;
    readonly raw: Buffer;
    readonly rawLines: Buffer[];
    readonly lines: string[];
    readonly text: string;
    readonly action: ActionName;
    readonly reason: ReasonName;
    readonly party: PartyName;
    readonly verdict: VerdictName;
    actionAfter(command: CommandLike): ActionName;
    reasonAfter(command: CommandLike): ReasonName;
    verdictAfter(command: CommandLike): VerdictName;
    diagnose(command?: CommandLike): Diagnosis;
    readonly explanation: Explanation;
    readonly enhancedExplanation: Explanation;
    readonly provider: string | null;
    readonly providerExplanation: Explanation | null;
    /** One log line, escaped so a server cannot forge lines. */
    format(options?: { host?: string; command?: CommandLike; ascii?: boolean }): string;
    readonly extensions: Extension[];
    extension(keyword: string): string | null;
    /** EHLO SIZE in bytes (0: no limit stated); null when SIZE is not offered. */
    readonly sizeLimit: number | null;
    hasAuth(mechanism: string): boolean;
    readonly queueId: string | null;
    toJSON(): Record<string, unknown>;
}

/** Parses the reply at the start of data; throws ParseError, IncompleteError, UnknownCommandError. */
export declare function parse(data: Buffer | Uint8Array | string,
    options?: ParseOptions & { command?: CommandLike }): Reply;

export interface ParserOptions extends ParseOptions {
    /** Commands sent and not yet answered, oldest first. */
    commands?: CommandLike[];
    /** How many ParseErrors parser.errors keeps (default 16). */
    maxErrors?: number;
}

/** The streaming parser of one connection: push() each 'data' chunk. */
export declare class Parser extends EventEmitter {
    constructor(options?: ParserOptions);
    /** Bytes consumed since the start (or reset). */
    readonly offset: number;
    /** The last maxErrors errors. */
    readonly errors: ParseError[];
    readonly errorCount: number;
    maxErrors: number;
    commands: CommandName[];
    readonly pending: Buffer;
    expect(...commands: CommandLike[]): void;
    /** The replies the bytes complete ('reply' is emitted for each, 'skip' for junk). */
    push(chunk: Buffer | Uint8Array | string): Reply[];
    /** Throws IncompleteError if the input ended inside a reply. */
    end(): void;
    reset(): void;
    on(event: 'reply', listener: (reply: Reply) => void): this;
    on(event: 'skip', listener: (error: ParseError) => void): this;
    on(event: string | symbol, listener: (...args: any[]) => void): this;
}

/** The replies of an async iterable of chunks, such as a net.Socket. */
export declare function replies(source: AsyncIterable<Buffer | Uint8Array | string>,
    options?: ParserOptions): AsyncGenerator<Reply, void, undefined>;

export type SourceName =
    | 'none' | 'raw' | 'postfix' | 'exim' | 'sendmail' | 'opensmtpd' | 'dsn' | 'bounce' | 'transcript'
    | 'exchange' | 'fallback';
export declare const Source: Readonly<{ [K in SourceName as Uppercase<K>]: K }>;
/** One reply found in a log, bounce or transcript, with what the record says. */
export interface Found {
    /** null when the record names a failure but no reply (see problem). */
    reply: Reply | null;
    command: CommandName;
    source: SourceName;
    host: string | null;
    recipient: string | null;
    /** DSN Status or Sendmail dsn=; may differ from the reply's enhanced code. */
    status: string | null;
    action: string | null;
    date: string | null;
    problem: string | null;
    offset: number;
    length: number;
    /** The record's action, reason, verdict... (1.1, smtpreply_found_diagnose): with a
     *  reply, reply.diagnose() but for the Status standing in for an enhanced code the
     *  reply lacks; without one, judged from problem, status and action (code is 0). */
    diagnosis: Diagnosis;
}
/** The replies in a text: MTA log lines, transcripts, bounce text, lines that start with a code. */
export declare function findReplies(text: Buffer | Uint8Array | string,
    options?: { what?: Array<'log' | 'transcript' | 'text' | 'raw'> }): Found[];
/** The records of a bounce message (RFC 5322, mbox "From " line or not). */
export declare function readBounce(message: Buffer | Uint8Array | string): Found[];

export interface Comparison {
    /** "SMTP 235 Authentication succeeded vs 500 Syntax error..." */
    title: string;
    summary: string;
    /** The numbered key differences. */
    points: string[];
    /** For each side: when to use it (its fix). */
    which: string[];
}
/** Compares two codes ("235", "5.7.26"), explanations or replies (a reply adds what to do and who must act). */
export declare function compare(a: string | number | Explanation | Reply, b: string | number | Explanation | Reply,
    options?: { lang?: string }): Comparison;

/** The canonical name of a command ("rcpt to:<a@b>" -> "RCPT"); throws UnknownCommandError. */
export declare function parseCommand(name: CommandLike): CommandName;
/** 550, "550", "5.7.26", "550 5.7.26", "2xx", or {class, subject, detail}. Never null. */
export declare function explain(code: number | string | Enhanced,
    options?: { command?: CommandLike; lang?: string }): Explanation;
export declare function explainClass(code: number, lang?: string): Explanation;
export declare function explainCategory(code: number, lang?: string): Explanation;
export declare function explanations(lang?: string): Explanation[];
export declare function languages(): string[];
export declare function languageMatch(tag: string | null): string;
export declare function heading(name: HeadingName, lang?: string | null): string;
export declare function actionText(action: ActionName, lang?: string | null): string;
export declare function actionDescription(action: ActionName, lang?: string | null): string;
export declare function reasonText(reason: ReasonName, lang?: string | null): string;
export declare function reasonDescription(reason: ReasonName, lang?: string | null): string;
export declare function reasonParty(reason: ReasonName): PartyName;
export declare function partyText(party: PartyName, lang?: string | null): string;
export declare function verdictText(verdict: VerdictName, lang?: string | null): string;
export declare function verdictDescription(verdict: VerdictName, lang?: string | null): string;
export declare function confidenceText(confidence: ConfidenceName, lang?: string | null): string;
export declare function version(): string;
export declare function versionNumber(): number;
/** The path the library was loaded from. */
export declare const libraryPath: string;

declare const smtpreply: {
    parse: typeof parse; Parser: typeof Parser; findReplies: typeof findReplies;
    readBounce: typeof readBounce; Source: typeof Source; compare: typeof compare; replies: typeof replies; Reply: typeof Reply;
    Explanation: typeof Explanation; SmtpReplyError: typeof SmtpReplyError; ParseError: typeof ParseError;
    IncompleteError: typeof IncompleteError; UnknownCommandError: typeof UnknownCommandError;
    Action: typeof Action; Reason: typeof Reason; Party: typeof Party; Verdict: typeof Verdict;
    Confidence: typeof Confidence; Evidence: typeof Evidence; parseCommand: typeof parseCommand;
    explain: typeof explain; explainClass: typeof explainClass; explainCategory: typeof explainCategory;
    explanations: typeof explanations; languages: typeof languages; languageMatch: typeof languageMatch;
    heading: typeof heading; actionText: typeof actionText; actionDescription: typeof actionDescription;
    reasonText: typeof reasonText; reasonDescription: typeof reasonDescription; reasonParty: typeof reasonParty;
    partyText: typeof partyText; verdictText: typeof verdictText; verdictDescription: typeof verdictDescription;
    confidenceText: typeof confidenceText; FLAGS: typeof FLAGS; STRICT: typeof STRICT;
    version: typeof version; versionNumber: typeof versionNumber; libraryPath: typeof libraryPath;
};
export default smtpreply;
