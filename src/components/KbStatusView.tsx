import type { KbCounts, KbStatus } from '../storage/db/status';

export interface KbStatusViewProps {
  /** Undefined while the first read is pending. */
  status: KbStatus | undefined;
  /** Set when the status itself could not be read (e.g. the database failed to open). */
  readError?: string;
}

export const LOADING_TEXT = 'Loading the knowledge base…';

/**
 * The KB's state and size. Text only (no HTML from data). Meant to sit inside a live
 * region (`role="status"`), so changes are announced politely.
 */
export function KbStatusView({ status, readError }: KbStatusViewProps) {
  if (readError !== undefined) {
    return (
      <p class="kb-error" data-testid="kb-error">
        {readError}
      </p>
    );
  }
  if (status === undefined || status.state === 'loading') {
    return (
      <p class="kb-loading" data-testid="kb-loading">
        {LOADING_TEXT}
      </p>
    );
  }
  if (status.state === 'error') {
    return (
      <>
        <p class="kb-error" data-testid="kb-error">
          {status.error ?? 'The knowledge base could not be loaded.'}
        </p>
        {status.version !== null && (
          <>
            <p class="kb-note">Still using the previously loaded knowledge base:</p>
            <KbCountsList counts={status.counts} />
          </>
        )}
      </>
    );
  }
  return (
    <>
      <KbCountsList counts={status.counts} />
      {status.version !== null && (
        <p class="kb-note" data-testid="kb-version">
          Version <code title={status.version}>{shortVersion(status.version)}</code>
        </p>
      )}
    </>
  );
}

const ROWS: ReadonlyArray<{ key: keyof KbCounts; label: string }> = [
  { key: 'sources', label: 'Sources' },
  { key: 'entities', label: 'Entities' },
  { key: 'claims', label: 'Claims' },
  { key: 'mentions', label: 'Mentions' },
  { key: 'corroboration', label: 'Corroborated groups' },
];

export function KbCountsList({ counts }: { counts: KbCounts }) {
  return (
    <dl class="kb-counts">
      {ROWS.map(({ key, label }) => (
        <div class="kb-count" key={key}>
          <dt>{label}</dt>
          <dd data-testid={`kb-${key}`}>{String(counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

function shortVersion(version: string): string {
  return version.length > 12 ? `${version.slice(0, 12)}…` : version;
}
