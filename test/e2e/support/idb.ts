/**
 * Functions that run INSIDE an extension page (via page.evaluate). They must be
 * self-contained: no imports, no references to module scope. Plain IndexedDB API only.
 *
 * They never create the database: an open that would create it is aborted, so a test
 * that looks too early does not race the extension's own (Dexie) schema creation.
 */

export interface StoreSnapshot {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  count: number;
  /** Primary keys, only for the stores listed in `keysOf`. */
  keys?: unknown[];
}

export type DbSnapshot =
  | { exists: false; databases: string[] }
  | {
      exists: true;
      name: string;
      version: number;
      stores: Record<string, StoreSnapshot>;
      /** The meta value under `metaKey` (unwrapped from a `{ value }` record), if the store exists. */
      metaValue: unknown;
    };

export interface SnapshotArgs {
  dbName: string;
  keysOf: string[];
  metaStore: string;
  metaKey: string;
}

/** Counts (and optionally primary keys) of every store, plus one meta value. */
export async function idbSnapshot(args: SnapshotArgs): Promise<DbSnapshot> {
  const req = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
  if (!databases.includes(args.dbName)) return { exists: false, databases };
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open(args.dbName);
    open.onupgradeneeded = (event) => {
      if (event.oldVersion === 0) open.transaction?.abort();
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error));
    open.onblocked = () => reject(new Error('indexedDB.open blocked'));
  });
  if (!db) return { exists: false, databases };
  try {
    const names = Array.from(db.objectStoreNames);
    const stores: Record<string, StoreSnapshot> = {};
    let metaValue: unknown = undefined;
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      for (const name of names) {
        const store = tx.objectStore(name);
        const snap: StoreSnapshot = {
          keyPath: store.keyPath,
          autoIncrement: store.autoIncrement,
          count: await req(store.count()),
        };
        if (args.keysOf.includes(name)) snap.keys = await req(store.getAllKeys());
        stores[name] = snap;
      }
      if (names.includes(args.metaStore)) {
        const raw: unknown = await req(tx.objectStore(args.metaStore).get(args.metaKey));
        metaValue = raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
      }
    }
    return {
      exists: true,
      name: db.name,
      version: db.version,
      stores,
      metaValue,
    };
  } finally {
    db.close();
  }
}

export interface TamperArgs {
  dbName: string;
  metaStore: string;
  metaKey: string;
  staleValue: string;
  /** Records to put as they are (e.g. a highlight). */
  put: { store: string; value: unknown }[];
  /** Delete up to this many records from each store (e.g. some claims). */
  deleteSome: { store: string; count: number }[];
}

/**
 * In one transaction: put records, delete some rows, and overwrite the meta value while
 * keeping the meta record's shape (`{ key, value }` record or bare out-of-line value).
 * Returns the primary keys the puts got.
 */
export async function idbTamper(args: TamperArgs): Promise<unknown[]> {
  const req = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(args.dbName);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const names = new Set([args.metaStore, ...args.put.map((p) => p.store), ...args.deleteSome.map((d) => d.store)]);
    const tx = db.transaction([...names], 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
    const keys: unknown[] = [];
    for (const p of args.put) keys.push(await req(tx.objectStore(p.store).put(p.value)));
    for (const d of args.deleteSome) {
      const store = tx.objectStore(d.store);
      const victims = await req(store.getAllKeys(null, d.count));
      for (const key of victims) await req(store.delete(key));
    }
    const meta = tx.objectStore(args.metaStore);
    const current: unknown = await req(meta.get(args.metaKey));
    if (current !== null && typeof current === 'object' && 'value' in current) {
      await req(meta.put({ ...(current as object), value: args.staleValue }));
    } else if (meta.keyPath === null) {
      await req(meta.put(args.staleValue, args.metaKey));
    } else {
      const keyPath = meta.keyPath as string;
      await req(meta.put({ [keyPath]: args.metaKey, value: args.staleValue }));
    }
    await done;
    return keys;
  } finally {
    db.close();
  }
}

/** One record by primary key. */
export async function idbGet(args: { dbName: string; store: string; key: unknown }): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(args.dbName);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const r = db
      .transaction(args.store, 'readonly')
      .objectStore(args.store)
      .get(args.key as IDBValidKey);
    return await new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  } finally {
    db.close();
  }
}
