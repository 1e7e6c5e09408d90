// Summarises V8 .cpuprofile files (from `node --cpu-prof`): per thread, the functions with the most
// self time. Each worker thread writes its own profile, so the parse and write threads show apart.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof out/bench/bench.js --rows 1000000
//   node out/bench/profile-top.js /tmp/prof [--top 15]
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

export function hotSpots(profile: Profile, top = 15): { busyMs: number; wallMs: number; spots: HotSpot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    if (functionName !== '(idle)' && functionName !== '(program)') busy += us;
    const where = url ? `${path.relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  const spots = [...self.values()]
    .filter((e) => e.fn !== '(idle)')
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, ms: Math.round(e.us / 1000), share: Math.round((1000 * e.us) / Math.max(1, busy)) / 10 }));
  return { busyMs: Math.round(busy / 1000), wallMs: Math.round((profile.endTime - profile.startTime) / 1000), spots };
}

if (require.main === module) {
  const dir = process.argv[2];
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 15;
  if (!dir) {
    process.stderr.write('Usage: node out/bench/profile-top.js DIR_OR_FILE [--top N]\n');
    process.exit(2);
  }
  const files = fs.statSync(dir).isDirectory()
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => path.join(dir, f))
    : [dir];
  for (const file of files) {
    const { busyMs, wallMs, spots } = hotSpots(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, top);
    process.stdout.write(`\n== ${path.basename(file)}: busy ${busyMs} ms of ${wallMs} ms\n`);
    for (const s of spots) process.stdout.write(`${String(s.ms).padStart(7)} ms ${String(s.share).padStart(5)}%  ${s.fn}  ${s.where}\n`);
  }
}
