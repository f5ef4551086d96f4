// The benchmark's Node.js peer: nodemailer's SMTP response handling.
//
//     node nodemailer_peer.js CORPUS RUNS MIN_MS
//
// SMTPConnection reads a server's bytes in _onData(chunk): it splits them
// into lines, joins the lines of a multiline reply, and _processResponse()
// decodes each complete reply and hands it to the action the command queued
// (this._responseActions). Here no socket is opened: the corpus is given to
// _onData in 4 KiB Buffers, as a socket delivers it, with an action queued
// for each reply. _processResponse() goes on to the next reply through
// setImmediate(); this driver drains the queue right away instead, and lets
// those callbacks run (they find it empty) before the next pass, inside the
// timed run. A 421 reply makes nodemailer close its connection
// (_onServerClosing): there is none, so that is a no-op here.
//
// Time is the process's CPU time (process.cpuUsage), the median of RUNS
// runs of at least MIN_MS each after MIN_MS untimed, as in bench.c. Prints
// one line:
//     RESULT replies=N bytes=N ns_per_reply=X mb_s=X ns_min=X ns_max=X
// (ns_per_reply is the median run's; ns_min and ns_max the fastest and
// slowest run's.)
'use strict';

const fs = require('fs');
const SMTPConnection = require('nodemailer/lib/smtp-connection');

const [path, runsArg, minMsArg] = process.argv.slice(2);
const data = fs.readFileSync(path);
const runs = Math.max(1, parseInt(runsArg, 10));
const minNs = parseFloat(minMsArg) * 1e6;
const CHUNK = 4096;

const conn = new SMTPConnection({ logger: false });
conn._onServerClosing = () => {};
let replies = 0;
let sink = 0;
const action = str => {
    replies++;
    sink ^= str.length;
};

function onePass() {
    replies = 0;
    conn._remainder = '';
    conn._responseQueue = [];
    conn._responsePartial = false;
    conn._responseActions = [];
    for (let off = 0; off < data.length; off += CHUNK) {
        // An action queued for each reply this chunk can end, as commands
        // would have queued them: never fewer than its lines, and the queue
        // kept short (shift() on a queue of the whole corpus's length costs
        // time proportional to it, which no client has).
        while (conn._responseActions.length < CHUNK) {
            conn._responseActions.push(action);
        }
        conn._onData(data.subarray(off, off + CHUNK));
        // _onData processed one reply; the rest wait for setImmediate.
        // A partial reply stays last in the queue until its end comes.
        while (conn._responseQueue.length > (conn._responsePartial ? 1 : 0)) {
            conn._processResponse();
        }
    }
    return replies;
}

function cpuNs() {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
}

const tick = () => new Promise(resolve => setImmediate(resolve));

async function main() {
    const times = [];
    let n = 0;
    // Warm-up, not timed, as in bench.c: the JIT compiles the hot code here.
    for (const start = cpuNs(); cpuNs() - start < minNs; ) {
        onePass();
        await tick();
    }
    for (let k = 0; k < runs; k++) {
        let passes = 0;
        const start = cpuNs();
        let el;
        do {
            n = onePass();
            await tick(); // the setImmediate callbacks of this pass run here
            passes++;
            el = cpuNs() - start;
        } while (el < minNs);
        times.push(el / passes);
    }
    times.sort((a, b) => a - b);
    const pass = times[Math.floor(times.length / 2)];
    console.log(
        `RESULT replies=${n} bytes=${data.length} ns_per_reply=${(pass / n).toFixed(2)} ` +
            `mb_s=${((data.length / pass) * 1e3).toFixed(2)} ` +
            `ns_min=${(times[0] / n).toFixed(2)} ns_max=${(times[times.length - 1] / n).toFixed(2)}` +
            (sink < 0 ? ' ' : '')
    );
}

main();
