// The engine's own answer, through the CLI on the same database file, to compare the window against.
import { execFileSync } from 'node:child_process';
import type { Metrics } from '../../../shared/metrics';
import { CLI_JS, ROOT } from './web-server';

export function cliMetrics(db: string): Metrics {
  const out = execFileSync(process.execPath, [CLI_JS, 'metrics', '--db', db, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out) as Metrics;
}
