import { KbStatusView } from '@/components/KbStatusView';
import { useLiveQuery } from '@/components/useLiveQuery';
import { getDb, type AppDB } from '@/lib/db/app-db';
import { describeError } from '@/lib/db/errors';
import { readKbStatus } from '@/lib/db/status';

export interface AppProps {
  /** The database to read; tests pass their own. */
  db?: AppDB;
}

/** The toolbar popup: what Glossa knows, read live from IndexedDB (same origin). */
export function App({ db = getDb() }: AppProps) {
  const status = useLiveQuery(() => readKbStatus(db), [db]);
  return (
    <main class="popup">
      <header>
        <h1>Glossa</h1>
        <p class="tagline">Annotated reading of news about Syria and Russia.</p>
      </header>
      <section aria-labelledby="kb-heading">
        <h2 id="kb-heading">Knowledge base</h2>
        <div role="status" aria-live="polite">
          <KbStatusView
            status={status.status === 'ok' ? status.value : undefined}
            readError={
              status.status === 'error'
                ? `Could not read the knowledge base: ${describeError(status.error)}`
                : undefined
            }
          />
        </div>
      </section>
    </main>
  );
}
