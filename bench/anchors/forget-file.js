// Times "forget this file" on an existing database: forgets its first stored file, then reads the metrics.
//   node_modules/.bin/node bench/anchors/forget-file.js DB   (after npm run build:node; Node 24 for better-sqlite3)
const path = require('node:path');
const { EngineClient } = require(path.join(__dirname, '..', '..', 'out', 'electron', 'engine', 'client.js'));
(async () => {
  const engine = await EngineClient.open(process.argv[2]);
  const { sources } = await engine.request('getHistory', {});
  const t0 = Date.now();
  const r = await engine.request('forgetFile', { source_id: sources[0].id });
  const m = await engine.request('getMetrics', {});
  console.log(`forgot ${r.events_removed} events in ${Date.now() - t0} ms; events now ${m.coverage.events}`);
  await engine.close();
})();
