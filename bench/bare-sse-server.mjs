#!/usr/bin/env node
// The yardstick of bench/delivery.mjs: a bare node:http server that writes the same SSE frames as
// GET /api/logs/:id (same `id:`/`data:` shape, same entry JSON, same headers), with nothing else
// in the way: no auth, no storage, no framework. Run as a child process so its memory is its own.
//   GET /flood?n=100000       n entries as fast as the socket takes them, one write() per frame (what a
//                             plain SSE server does; the yardstick), then `event: done`;
//                             &coalesce=1: frames written in 64 KiB slices instead
//   GET /tick?n=500&every=20  one entry every `every` ms (stamped when written), then `event: done`
//   GET /idle                 `event: status` at once, then only the 15 s heartbeat
// Prints `listening on http://127.0.0.1:PORT` once it accepts connections.
import http from 'node:http';

const HEARTBEAT_MS = 15_000;
/** Frames are written in slices of about this many bytes, waiting for `drain` between them. */
const SLICE_BYTES = 64 * 1024;

const idle = new Set();
setInterval(() => {
  for (const response of idle) response.write(': heartbeat\n\n');
}, HEARTBEAT_MS).unref();

const entryFrame = (seq, message) =>
  `id: ${seq}\ndata: ${JSON.stringify({ seq, timestamp: new Date().toISOString(), level: 'INFO', message })}\n\n`;
const doneFrame = (seq) => `event: done\nid: ${seq}\ndata: {"status":"succeeded","result":null}\n\n`;

function open(response) {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 2000\nevent: status\nid: 0\ndata: {"status":"running"}\n\n');
}

async function flood(response, n, coalesce) {
  let seq = 0;
  while (seq < n && !response.destroyed) {
    let slice = '';
    do slice += entryFrame(++seq, `line ${seq}`);
    while (coalesce && seq < n && slice.length < SLICE_BYTES);
    if (!response.write(slice)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end(doneFrame(seq));
}

function tick(response, n, every) {
  let seq = 0;
  const timer = setInterval(() => {
    response.write(entryFrame(++seq, `tick ${seq}`));
    if (seq === n) {
      clearInterval(timer);
      response.end(doneFrame(seq));
    }
  }, every);
  response.once('close', () => clearInterval(timer));
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://bare');
  const number = (name, dflt) => Number(url.searchParams.get(name) ?? dflt);
  open(response);
  if (url.pathname === '/flood') void flood(response, number('n', 100_000), url.searchParams.has('coalesce'));
  else if (url.pathname === '/tick') tick(response, number('n', 500), number('every', 20));
  else {
    idle.add(response);
    response.once('close', () => idle.delete(response));
  }
});
server.keepAliveTimeout = 0;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port} `));
