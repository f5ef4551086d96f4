// The ES module entry point's types (compiled by tsc, never run).
import smtpreply, { parse, replies, findReplies, Verdict, type Reply, type Found } from 'smtpreply';
import * as net from 'node:net';

const r: Reply = parse('250 2.0.0 Ok: queued as 4AbCd\r\n', { command: '.' });
const id: string | null = r.queueId;
const v: boolean = r.verdict === Verdict.NONE;
console.log(id, v, smtpreply.version());

async function read(sock: net.Socket): Promise<number[]> {
    const codes: number[] = [];
    for await (const reply of replies(sock, { commands: ['GREETING'] })) codes.push(reply.code);
    return codes;
}
void read;
const found: Found[] = findReplies('550 5.1.1 no\r\n', { what: ['raw'] });
const firstCode: number | undefined = found[0]?.reply?.code;
console.log(firstCode, found[0]?.source === smtpreply.Source.RAW);
