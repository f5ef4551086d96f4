// ES module entry point: the same API as index.cjs (one copy of the state).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const smtpreply = require('./index.cjs');

export const {
    parse, Parser, replies, Reply, Explanation, findReplies, readBounce, Source, compare,
    SmtpReplyError, ParseError, IncompleteError, UnknownCommandError,
    Action, Reason, Party, Verdict, Confidence, Evidence,
    parseCommand, explain, explainClass, explainCategory, explanations, languages, languageMatch,
    heading, actionText, actionDescription, reasonText, reasonDescription, reasonParty, partyText,
    verdictText, verdictDescription, confidenceText,
    FLAGS, STRICT, version, versionNumber, libraryPath,
} = smtpreply;
export default smtpreply;
