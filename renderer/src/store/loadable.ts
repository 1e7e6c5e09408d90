/** Data that is fetched: what a panel needs to show its empty, loading, error and data states. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: string; data?: T };

export const idle = { status: 'idle' } as const;
