import { useState } from 'preact/hooks';
import { KbStatusView } from '@/components/KbStatusView';
import { browserConnection, type PageConnection } from '@/components/page/connection';
import { PageView } from '@/components/page/PageView';
import type { ProbeTiming } from '@/components/page/usePageProbe';
import { useLiveQuery } from '@/components/useLiveQuery';
import { getDb, type AppDB } from '@/storage/db/app-db';
import { describeError } from '@/storage/db/errors';
import { readKbStatus } from '@/storage/db/status';

export interface AppProps {
  /** The database to read; tests pass their own. */
  db?: AppDB;
  /** How to reach the active tab; tests pass a fake (default: `browser.tabs`). */
  connection?: PageConnection;
  timing?: ProbeTiming;
}

/**
 * The toolbar popup: what the page in the active tab is about and what the sources say
 * (`PageView`), then the KB's size, read live from IndexedDB (same origin).
 */
export function App({ db = getDb(), connection, timing }: AppProps) {
  // One connection for the popup's life (a new one would restart the page probe).
  const [conn] = useState(() => connection ?? browserConnection('popup'));
  const status = useLiveQuery(() => readKbStatus(db), [db]);
  return (
    <main class="popup">
      <header class="popup-head">
        <h1>Glossa</h1>
      </header>
      <PageView
        connection={conn}
        db={db}
        timing={timing}
        highlights
        footer={
          <details class="kb-details">
            <summary>
              <h2 id="kb-heading">Knowledge base</h2>
            </summary>
            <section aria-labelledby="kb-heading">
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
          </details>
        }
      />
    </main>
  );
}
