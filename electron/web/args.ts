// Command line of the browser-mode bridge: npm run web -- --db FILE [--port N]
export interface WebArgs {
  db: string;
  port: number;
}

export function parseWebArgs(argv: string[]): WebArgs | string {
  let db: string | undefined;
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      return argv[++i];
    };
    if (a === '--db' || a.startsWith('--db=')) {
      db = value();
      if (!db) return '--db needs a database file, e.g. --db ~/analytics.db';
    } else if (a === '--port' || a.startsWith('--port=')) {
      const v = value();
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n < 0 || n > 65535) return `--port must be a number from 0 to 65535 (got "${v ?? ''}")`;
      port = n;
    } else if (a === '--help' || a === '-h') {
      return 'usage: npm run web -- --db FILE [--port N]';
    } else {
      return `unknown argument "${a}"; usage: npm run web -- --db FILE [--port N]`;
    }
  }
  if (!db) return 'missing --db FILE; usage: npm run web -- --db FILE [--port N]';
  return { db, port };
}
