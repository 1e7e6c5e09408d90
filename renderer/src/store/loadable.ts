/** Data that is fetched: what a panel needs to show its empty, loading, error and data states. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: string; data?: T };

export const idle = { status: 'idle' } as const;

/** Loading again, still showing what was shown before. */
export function reloading<T>(prev: Loadable<T>): Loadable<T> {
  return { status: 'loading', data: 'data' in prev ? prev.data : undefined };
}

/** Fetches into a Loadable, keeping what was shown while it loads and when it fails. */
export async function loadInto<T>(prev: Loadable<T>, fetch: () => Promise<T>, put: (next: Loadable<T>) => void, message: (err: unknown) => string): Promise<void> {
  const shown = 'data' in prev ? prev.data : undefined;
  put(reloading(prev));
  try {
    put({ status: 'ready', data: await fetch() });
  } catch (err) {
    put({ status: 'error', error: message(err), data: shown });
  }
}
