/**
 * Loads the bundled KB into IndexedDB: one read-write transaction over the KB tables and
 * `meta`, keyed by `kb.version` so it runs only when the bundled KB changed. User tables
 * (highlights, settings) are never touched. Progress and failures are written to
 * `meta.kbState` for extension pages to show.
 */
import type { Kb } from '../../lib/kb/types';
import type { AppDB } from './app-db';
import { describeError } from './errors';
import { KB_TABLES } from './schema';
import type { KbStateValue } from './types';

export type LoadOutcome = 'loaded' | 'unchanged';

/** Loading failed; `message` is what the UI shows (also in `meta.kbState.error`). */
export class KbLoadError extends Error {
  override name = 'KbLoadError';
}

export interface LoadOptions {
  /** Clock for the ISO times in `meta`; tests pin it. */
  now?: () => string;
}

/**
 * Makes the database hold exactly `kb`.
 * - same version already loaded → no KB writes (only repairs `kbState` if it isn't `ready`);
 * - otherwise → `kbState: loading`, then in ONE transaction: clear the KB tables, bulkAdd
 *   everything, set `kbVersion`/`kbLoadedAt`/`kbState: ready`.
 * If anything fails the transaction aborts, so the previous KB stays whole; the failure is
 * recorded as `kbState: error` and rethrown as a `KbLoadError`.
 */
export async function loadKb(db: AppDB, kb: Kb, options: LoadOptions = {}): Promise<LoadOutcome> {
  const now = options.now ?? (() => new Date().toISOString());
  const version = typeof kb?.version === 'string' ? kb.version : '';
  try {
    assertKbShape(kb);

    const [loaded, state] = await db.transaction('r', db.meta, () =>
      Promise.all([db.meta.get('kbVersion'), db.meta.get('kbState')]),
    );
    if (loaded?.value === kb.version) {
      const current = state?.key === 'kbState' ? state.value : undefined;
      if (current?.state !== 'ready' || current.version !== kb.version) {
        await putState(db, { state: 'ready', version: kb.version, at: now() });
      }
      return 'unchanged';
    }

    await putState(db, { state: 'loading', version: kb.version, at: now() });

    return await db.transaction('rw', [...KB_TABLES.map((t) => db.table(t)), db.meta], async () => {
      // Re-check inside the transaction: another context may have loaded it meanwhile.
      const again = await db.meta.get('kbVersion');
      if (again?.value === kb.version) {
        await db.meta.put({
          key: 'kbState',
          value: { state: 'ready', version: kb.version, at: now() },
        });
        return 'unchanged' as const;
      }
      for (const table of KB_TABLES) await db.table(table).clear();
      // Copies, so Dexie never writes generated keys into the caller's objects.
      await db.sources.bulkAdd(kb.sources);
      await db.entities.bulkAdd(kb.entities);
      await db.mentions.bulkAdd(kb.mentions.map((m) => ({ ...m })));
      await db.claims.bulkAdd(kb.claims);
      await db.timeline.bulkAdd(kb.timeline.map((t) => ({ ...t })));
      await db.relations.bulkAdd(kb.relations);
      await db.corroboration.bulkAdd(kb.corroboration);
      await db.differences.bulkAdd(kb.differences);
      const at = now();
      await db.meta.bulkPut([
        { key: 'kbVersion', value: kb.version },
        { key: 'kbLoadedAt', value: at },
        {
          key: 'kbState',
          value: { state: 'ready', version: kb.version, at },
        },
      ]);
      return 'loaded' as const;
    });
  } catch (error) {
    const message = `Could not load the knowledge base${version ? ` (version ${version})` : ''}: ${describeError(error)}`;
    try {
      await putState(db, {
        state: 'error',
        version,
        error: message,
        at: now(),
      });
    } catch (stateError) {
      // Recording failed too (e.g. the disk is full): the rethrow below still reports it.
      console.error('Glossa: could not record the KB load error', stateError);
    }
    throw new KbLoadError(message, { cause: error });
  }
}

const inFlight = new WeakMap<AppDB, { version: string; promise: Promise<LoadOutcome | 'error'> }>();

/**
 * `loadKb` for the background's start-up and `onInstalled`: calls that overlap share one
 * load, and a failure is logged (it is already recorded in `meta.kbState`), never thrown.
 */
export function ensureKbLoaded(db: AppDB, kb: Kb): Promise<LoadOutcome | 'error'> {
  const running = inFlight.get(db);
  if (running && running.version === kb.version) return running.promise;
  const promise = loadKb(db, kb)
    .catch((error: unknown) => {
      console.error('Glossa:', error instanceof Error ? error.message : error, error);
      return 'error' as const;
    })
    .finally(() => {
      if (inFlight.get(db)?.promise === promise) inFlight.delete(db);
    });
  inFlight.set(db, { version: kb.version, promise });
  return promise;
}

async function putState(db: AppDB, value: KbStateValue): Promise<void> {
  await db.meta.put({ key: 'kbState', value });
}

function assertKbShape(kb: Kb): void {
  if (typeof kb !== 'object' || kb === null) throw new TypeError('the bundled KB is not an object');
  if (typeof kb.version !== 'string' || kb.version === '') {
    throw new TypeError('the bundled KB has no version');
  }
  for (const table of KB_TABLES) {
    if (!Array.isArray(kb[table])) throw new TypeError(`the bundled KB has no "${table}" list`);
  }
}
