#!/usr/bin/env node
// Explains one SMTP reply given on the command line:
//
//   node explain.js '550 5.1.1 <bob@example.org>: User unknown' [RCPT]
//
// Exit status: 0 explained, 1 not an SMTP reply, 2 usage error.
'use strict';

const smtpreply = require('./index.cjs');

function main(argv) {
    if (argv.length < 1 || argv.length > 2 || argv[0] === '-h' || argv[0] === '--help') {
        console.error("usage: node explain.js 'REPLY LINE' [COMMAND]");
        return 2;
    }
    const line = /\n$/.test(argv[0]) ? argv[0] : `${argv[0]}\r\n`;
    let r;
    try {
        r = smtpreply.parse(line, { command: argv[1] });
    } catch (e) {
        if (e instanceof smtpreply.UnknownCommandError) {
            console.error(`explain.js: ${e.message}`);
            return 2;
        }
        if (e instanceof smtpreply.ParseError) {
            console.error(`explain.js: not an SMTP reply (${e.result} at byte ${e.offset}): ${JSON.stringify(argv[0])}`);
            return 1;
        }
        throw e;
    }
    const e = r.explanation;
    console.log(r.format());
    console.log(`${e.name}: ${e.description}`);
    console.log(`${smtpreply.heading('fix')}: ${e.fix}`);
    console.log(`action: ${r.action} (${smtpreply.actionText(r.action)})`);
    console.log(`reason: ${r.reason} (${smtpreply.reasonText(r.reason)})`);
    console.log(`verdict: ${r.verdict} (${smtpreply.verdictText(r.verdict)})`);
    return 0;
}

process.exitCode = main(process.argv.slice(2));
