import { useState } from 'preact/hooks';
import { browserConnection, type PageConnection } from '@/components/page/connection';
import { PageView } from '@/components/page/PageView';
import type { ProbeTiming } from '@/components/page/usePageProbe';
import type { AppDB } from '@/storage/db/app-db';

export interface SidePanelProps {
  db?: AppDB;
  connection?: PageConnection;
  timing?: ProbeTiming;
}

/**
 * Chrome's side panel / Firefox's sidebar: the popup's page view, kept open while reading.
 * It follows the active tab of its window (switching tabs, navigating, the page changing).
 */
export function SidePanelApp({ db, connection, timing }: SidePanelProps) {
  const [conn] = useState(() => connection ?? browserConnection('sidepanel'));
  return (
    <main class="sidepanel">
      <header class="sidepanel-head">
        <h1>Glossa</h1>
      </header>
      <PageView connection={conn} db={db} timing={timing} idPrefix="sp" highlights />
    </main>
  );
}
