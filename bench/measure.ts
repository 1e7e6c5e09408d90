// Small measuring tools for the benchmark: a peak-RSS sampler, medians and on-disk sizes.
import fs from 'node:fs';
import path from 'node:path';

const MIB = 1024 * 1024;

/**
 * Peak resident memory of this process. The engine runs in worker threads of the same process, so the
 * process RSS covers parser, writer and SQLite together. Samples every 50 ms, and reads the kernel's own
 * high-water mark (VmHWM), which also catches peaks between samples.
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 50): void {
    resetHighWaterMark();
    this.peak = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peakMb();
  }

  peakMb(): number {
    return Math.max(this.peak, highWaterMark() ?? 0) / MIB;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}

/** Starts the kernel's peak-RSS count afresh (Linux: "5" to /proc/self/clear_refs), so each phase has its own peak. */
export function resetHighWaterMark(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Without it the peak includes earlier phases: still an upper bound.
  }
}

/** VmHWM of this process in bytes, or null where /proc is not available. */
export function highWaterMark(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** The database as it sits on disk: the file plus its -wal and -shm companions. */
export function dbBytes(dbPath: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += fs.statSync(dbPath + suffix).size;
    } catch {
      // A companion file that does not exist adds nothing.
    }
  }
  return total;
}

/** Total bytes and sorted paths of the .csv files below dir, as the import would find them. */
export function csvFiles(dir: string): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.csv')) {
        files.push(p);
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files: files.sort(), bytes };
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The median, 95th percentile and largest of some timings (ms), rounded to `digits` decimals; 0 when none. */
export function spread(ms: number[], digits = 1): { p50: number; p95: number; max: number } {
  if (ms.length === 0) return { p50: 0, p95: 0, max: 0 };
  return { p50: round(percentile(ms, 50), digits), p95: round(percentile(ms, 95), digits), max: round(Math.max(...ms), digits) };
}

/** Prints a bench's result: one JSON line with --json, indented otherwise. */
export function printResult(argv: string[], result: unknown): void {
  process.stdout.write((argv.includes('--json') ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + '\n');
}

/** The value after `flag` in a bench script's arguments, if given. */
export function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}
