// A worker thread that asks GET <base>/api/health over one keep-alive connection every 5 ms until
// the parent posts any message, then posts back the latencies (ms). It runs on a thread of its own
// so that the parent, busy reading streams, does not add its own delays to the server's.
// Used by bench/catch-up.mjs and apps/api-e2e/src/api/held-server.spec.ts.
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = () =>
  new Promise((done, fail) => {
    const t = performance.now();
    http
      .get(`${workerData.base}/api/health`, { agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => done(performance.now() - t));
      })
      .on('error', fail);
  });

let stop = false;
parentPort.once('message', () => (stop = true));
(async () => {
  for (let i = 0; i < 10; i++) await get(); // warm
  parentPort.postMessage('ready');
  const latencies = [];
  while (!stop) {
    latencies.push(await get());
    await new Promise((r) => setTimeout(r, 5));
  }
  agent.destroy();
  parentPort.postMessage(latencies);
})();
