import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A per-request memo for read-only requests: reference data a request needs in several places (the holiday
 * calendar, the SLA table, settings) is read once per request instead of once per use. Write requests and jobs
 * run outside it (they may change what they read), so there every call loads afresh.
 */
const store = new AsyncLocalStorage<Map<object, Map<string, unknown>>>();

export function withRequestMemo<T>(fn: () => Promise<T>): Promise<T> {
  return store.run(new Map(), fn);
}

/** `load()` once per read-only request for this database handle and name; every time outside one. */
export function memo<T>(db: object, name: string, load: () => Promise<T>): Promise<T> {
  const all = store.getStore();
  if (!all) return load();
  let mine = all.get(db);
  if (!mine) {
    mine = new Map();
    all.set(db, mine);
  }
  let p = mine.get(name) as Promise<T> | undefined;
  if (!p) {
    p = load();
    mine.set(name, p);
    // a failed load is not remembered
    p.catch(() => mine!.delete(name));
  }
  return p;
}
