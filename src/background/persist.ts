/**
 * Asks the browser to keep Glossa's storage under storage pressure: with `unlimitedStorage`
 * (wxt.config.ts) the extension has no quota, and `navigator.storage.persist()` asks that
 * its IndexedDB (the reader's highlights) is not evicted. Called at start-up and install.
 */

export type PersistOutcome = 'persisted' | 'refused' | 'unavailable' | 'failed';

interface StorageManagerLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

/** Logs what the browser said; never throws. */
export async function keepStorage(
  storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
): Promise<PersistOutcome> {
  if (!storage || typeof storage.persist !== 'function') {
    console.info('Glossa: this browser cannot be asked to keep storage (no navigator.storage.persist)');
    return 'unavailable';
  }
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    if (await storage.persist()) {
      console.info('Glossa: the browser will keep Glossa’s storage under pressure');
      return 'persisted';
    }
    console.warn('Glossa: the browser did not grant persistent storage; it may evict highlights under pressure');
    return 'refused';
  } catch (error) {
    console.warn('Glossa: could not ask the browser to keep storage', error);
    return 'failed';
  }
}
