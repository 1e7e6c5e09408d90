// Flag parsing shared by the CLI's commands: flags that take a value, plain switches, and the rest as
// positional arguments. Anything else is a usage error, reported in one line with exit code 2.
export class UsageError extends Error {}

export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
  positional: string[];
}

/** valued maps each flag that takes a value to what its error says it needs ("a file name"). */
export function parseFlags(argv: string[], valued: Record<string, string>, switches: string[]): ParsedFlags {
  const out: ParsedFlags = { values: new Map(), switches: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a in valued) {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError(`${a} needs ${valued[a]}`);
      out.values.set(a, v);
    } else if (switches.includes(a)) out.switches.add(a);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else out.positional.push(a);
  }
  return out;
}
