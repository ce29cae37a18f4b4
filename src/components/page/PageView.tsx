/**
 * "Who and what is this page about, and what do my sources say about them?" — the page
 * view of the toolbar popup and the side panel. It asks the tab's content script what it
 * found (`page/state`), reads the KB from IndexedDB, and shows:
 *
 * - the page's entities by kind, most prominent first, with counts (choosing one reveals
 *   it on the page and opens its card);
 * - the KB's claims ranked by how much they bear on the page (`src/lib/ranking.ts`);
 * - or why there is nothing to show: the KB is loading, Glossa is resting on this page
 *   (with "Annotate this page anyway" and the site switch), is switched off, or cannot
 *   run on this page at all.
 *
 * With `highlights`, the reader's own highlights of the page follow (PageHighlights).
 */
import { browser } from 'wxt/browser';
import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { AppDB } from '../../storage/db/app-db';
import { getDb } from '../../storage/db/app-db';
import { describeError } from '../../storage/db/errors';
import type { Claim } from '../../lib/kb/types';
import { MIN_SHARE, orderByProminence, rankClaims } from '../../lib/ranking';
import type { ReaderTarget } from '../../lib/reader-url';
import { saveSettings } from '../../platform/settings';
import { siteKey, withSiteRule, type Settings, type SiteRule } from '../../lib/settings';
import { claimGroupView } from '../claim-view';
import { PageHighlights } from '../highlights/PageHighlights';
import { ClaimList } from '../ClaimList';
import { useKbData, type KbData } from '../kb-data';
import { LOADING_TEXT } from '../KbStatusView';
import type { PageConnection } from './connection';
import { EntityList, type EntityListItem } from './EntityList';
import { SiteSwitch } from './SiteSwitch';
import { usePageProbe, type PageProbe, type ProbeTiming } from './usePageProbe';
import { useSettings } from './useSettings';

export const TEXT = {
  kbLoading: LOADING_TEXT,
  reading: 'Reading this page…',
  noTab: 'There is no page to describe here.',
  restrictedTitle: 'Glossa can’t run on this page',
  restricted:
    'Browsers keep extensions out of their own pages (settings, new tabs, the extension store) and out of some viewers, such as PDFs.',
  restrictedOrOld: 'A page that was already open when Glossa was installed or updated needs a reload first.',
  notLoadedTitle: 'Glossa isn’t running on this page yet',
  notLoaded: 'The page was probably open before Glossa was installed or updated. Reload it to annotate it.',
  restingTitle: 'Glossa is resting on this page',
  resting:
    'This page does not seem to be about Syria and Russia (Glossa reads the headline and the opening), so nothing on it is marked.',
  unreadableTitle: 'Glossa could not read this page',
  unreadable:
    'Finding the names on it failed (the page’s console says why), so nothing is marked. Reloading the page tries again.',
  siteNeverTitle: 'Glossa is off for this site',
  disabledTitle: 'Glossa is switched off',
  disabled: 'It marks nothing on any page until you switch it on.',
  noEntities: 'Glossa found no names from its knowledge base on this page.',
  annotateAnyway: 'Annotate this page anyway',
  switchOn: 'Switch Glossa on',
} as const;

/** Names shown before "Show all N names": the page's most prominent ones. */
export const ENTITY_LIMIT = 12;

export interface PageViewProps {
  connection: PageConnection;
  /** The database to read; tests pass their own. */
  db?: AppDB;
  /** Timing of the page-state polling; tests shorten it. */
  timing?: ProbeTiming;
  /** Also list the reader's highlights on this page (whenever its content script answers). */
  highlights?: boolean;
  /** Prefix for element ids. */
  idPrefix?: string;
  /** Below the links (the popup: the KB's size). */
  footer?: ComponentChildren;
}

type Notice = {
  kind: 'loading' | 'reading' | 'error' | 'unreachable' | 'dormant' | 'empty' | 'none';
  title?: string;
  body?: string;
  reason?: string;
};

function noticeFor(probe: PageProbe, kb: ReturnType<typeof useKbData>, site: string | null): Notice {
  if (kb.status === 'error')
    return { kind: 'error', body: `Could not read the knowledge base: ${describeError(kb.error)}` };
  if (probe.kind === 'no-tab') return { kind: 'unreachable', body: TEXT.noTab };
  if (probe.kind === 'unreachable') {
    const url = probe.tab.url;
    if (url !== null && /^https?:/i.test(url)) {
      return { kind: 'unreachable', title: TEXT.notLoadedTitle, body: TEXT.notLoaded, reason: 'not-loaded' };
    }
    return {
      kind: 'unreachable',
      title: TEXT.restrictedTitle,
      body: url === null ? `${TEXT.restricted} ${TEXT.restrictedOrOld}` : TEXT.restricted,
      reason: 'restricted',
    };
  }
  if (probe.kind === 'ready' && probe.state.state === 'dormant') {
    const reason = probe.state.reason ?? 'unknown';
    if (reason === 'disabled') return { kind: 'dormant', title: TEXT.disabledTitle, body: TEXT.disabled, reason };
    if (reason === 'recognition-failed')
      return { kind: 'error', title: TEXT.unreadableTitle, body: TEXT.unreadable, reason };
    if (reason === 'site-never') {
      return {
        kind: 'dormant',
        title: TEXT.siteNeverTitle,
        body: `You asked Glossa never to annotate pages on ${site ?? 'this site'}.`,
        reason,
      };
    }
    return { kind: 'dormant', title: TEXT.restingTitle, body: TEXT.resting, reason };
  }
  // The first read of IndexedDB takes a moment: not worth a message (it would flash).
  if (kb.status === 'pending') return { kind: 'reading', body: TEXT.reading };
  if (kb.value.status.state === 'loading') return { kind: 'loading', body: TEXT.kbLoading };
  if (kb.value.status.state === 'error' && kb.value.status.version === null) {
    return { kind: 'error', body: kb.value.status.error ?? 'The knowledge base could not be loaded.' };
  }
  if (probe.kind === 'pending' || probe.state.state === 'starting' || probe.state.state === 'scanning') {
    return { kind: 'reading', body: TEXT.reading };
  }
  if (probe.state.entities.length === 0) return { kind: 'empty', body: TEXT.noEntities };
  return { kind: 'none' };
}

function pageEntities(probe: PageProbe, kb: KbData): EntityListItem[] {
  if (probe.kind !== 'ready') return [];
  const out: EntityListItem[] = [];
  for (const e of orderByProminence(probe.state.entities)) {
    const entity = kb.entities.get(e.id);
    if (entity) out.push({ id: e.id, name: entity.name, kind: entity.kind, count: e.count });
  }
  return out;
}

export function PageView({ connection, db = getDb(), timing, highlights, idPrefix = 'pv', footer }: PageViewProps) {
  const { probe, accept } = usePageProbe(connection, timing);
  const kb = useKbData(db);
  const settings = useSettings();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const tab = probe.kind === 'ready' || probe.kind === 'unreachable' ? probe.tab : null;
  const site = tab?.url ? siteKey(tab.url) : null;
  const notice = noticeFor(probe, kb, site);
  const active = probe.kind === 'ready' && probe.state.state === 'active';
  const kbData = kb.status === 'ok' && kb.value.status.version !== null ? kb.value : null;

  const entities = useMemo(() => (kbData ? pageEntities(probe, kbData) : []), [probe, kbData]);
  const claims = useMemo(() => {
    if (!kbData || probe.kind !== 'ready' || probe.state.state !== 'active') return [];
    const onPage = new Set(probe.state.entities.map((e) => e.id));
    return rankClaims<Claim>(
      {
        page: probe.state.entities,
        claims: kbData.claims,
        corroboration: kbData.corroboration,
      },
      { minShare: MIN_SHARE },
    ).map((item) => claimGroupView(item, kbData, onPage));
  }, [probe, kbData]);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await what();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  // The button pressed goes away once it worked, and the keyboard with it: to the view.
  const view = useRef<HTMLDivElement>(null);
  const thenFocusView = () => view.current?.focus();
  const annotate = () =>
    run(async () => {
      if (!tab) return;
      // The content script pushes what follows (the scan); its answer is the state after it.
      accept(await connection.annotate(tab.id));
    }).then(thenFocusView);
  const switchOn = () =>
    run(async () => {
      // Every page's loader follows the settings and pushes its new state.
      await saveSettings({ enabled: true });
    }).then(thenFocusView);
  const setSiteRule = (current: Settings, rule: SiteRule | null) =>
    run(async () => {
      if (!site) return;
      await saveSettings({ siteOverrides: withSiteRule(current, site, rule) });
    });
  const reveal = (entityId: string) =>
    run(async () => {
      if (!tab) return;
      if (await connection.reveal(tab.id, entityId)) {
        connection.done();
        return;
      }
      // Recognized but not marked: its kind is switched off in the settings (or the page changed).
      const entity = kbData?.entities.get(entityId);
      const kindOff = entity && settings && !settings.kinds[entity.kind];
      throw new Error(
        `${entity?.name ?? 'This name'} is not marked on the page${kindOff ? ': names of this kind are switched off in the settings' : ''}.`,
      );
    });
  const openReader = (target: ReaderTarget) => run(() => connection.openReader(target));

  const showContent = active && kbData !== null && notice.kind === 'none';
  // No layout jumps: nothing is drawn below the status until the answer is known (so
  // nothing there moves when it arrives); the page's title comes with the first answer.
  // Settings decide whether the site switch shows: wait for them too, so that it does not
  // appear later and push the links and the KB details down.
  const settled = probe.kind !== 'pending' && notice.kind !== 'reading' && settings !== undefined;
  const totalSources = kbData?.sources.size ?? 0;

  return (
    <div
      class={`page-view mode-${connection.mode}`}
      ref={view}
      tabIndex={-1}
      data-testid="page-view"
      data-notice={notice.kind}
      data-reason={notice.reason ?? (probe.kind === 'ready' ? (probe.state.reason ?? '') : '')}
    >
      {probe.kind !== 'pending' && tab?.title && (
        <p class="pv-page-title" data-testid="page-title">
          <span class="sr-only">Page: </span>
          {tab.title}
        </p>
      )}
      <div class="pv-status" role="status" aria-live="polite" data-testid="page-status">
        {notice.kind !== 'none' && !(notice.kind === 'reading' && probe.kind === 'pending') && (
          <div class={`notice notice-${notice.kind}`} data-testid={`notice-${notice.kind}`}>
            {notice.title && <p class="notice-title">{notice.title}</p>}
            {notice.body && <p class="notice-body">{notice.body}</p>}
          </div>
        )}
        {actionError && (
          <p class="notice notice-error" data-testid="action-error">
            {actionError}
          </p>
        )}
        {active && probe.state.reason === 'page-override' && notice.kind === 'none' && (
          <p class="muted small">Annotated at your request.</p>
        )}
      </div>

      {notice.kind === 'dormant' && notice.reason !== 'disabled' && (
        <p class="pv-actions">
          <button type="button" class="primary" data-testid="annotate-anyway" disabled={busy} onClick={annotate}>
            {TEXT.annotateAnyway}
          </button>
        </p>
      )}
      {notice.kind === 'dormant' && notice.reason === 'disabled' && (
        <p class="pv-actions">
          <button type="button" class="primary" data-testid="switch-on" disabled={busy} onClick={switchOn}>
            {TEXT.switchOn}
          </button>
        </p>
      )}
      {notice.kind === 'loading' || notice.kind === 'reading' ? (
        <div class="pv-placeholder" aria-hidden="true" />
      ) : null}

      {showContent && (
        <>
          <section class="pv-section" aria-labelledby={`${idPrefix}-entities`}>
            <h2 id={`${idPrefix}-entities`}>On this page</h2>
            <EntityList entities={entities} onChoose={reveal} limit={ENTITY_LIMIT} idPrefix={`${idPrefix}-e`} />
          </section>
          <section class="pv-section" aria-labelledby={`${idPrefix}-claims`}>
            <h2 id={`${idPrefix}-claims`}>What the sources say</h2>
            <p class="muted small">Claims from the knowledge base, those bearing most on this page first.</p>
            <ClaimList
              items={claims}
              totalSources={totalSources}
              onOpenClaim={(claimId) => void openReader({ claimId })}
              idPrefix={`${idPrefix}-c`}
              emptyText="No claim in the knowledge base names these entities."
            />
          </section>
        </>
      )}

      {settled && site && tab?.url && settings && probe.kind === 'ready' && (
        <section class="pv-section" aria-labelledby={`${idPrefix}-site`}>
          <h2 id={`${idPrefix}-site`}>This site</h2>
          <SiteSwitch
            site={site}
            url={tab.url}
            settings={settings}
            disabled={busy}
            onChange={(rule) => void setSiteRule(settings, rule)}
            idPrefix={idPrefix}
          />
        </section>
      )}

      {settled && (
        <nav class="pv-links" aria-label="Glossa">
          <ul>
            {connection.openSidePanel && (
              <li>
                <button
                  type="button"
                  class="link-button"
                  data-testid="open-side-panel"
                  disabled={tab === null}
                  onClick={() => connection.openSidePanel?.(tab)}
                >
                  Open in the side panel
                </button>
              </li>
            )}
            <li>
              <button type="button" class="link-button" data-testid="open-index" onClick={() => void openReader({})}>
                Browse the knowledge base
              </button>
            </li>
            <li>
              {/* Here too, not only beside this page's highlights: reachable from any tab. */}
              <button
                type="button"
                class="link-button"
                data-testid="open-library"
                onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}
              >
                All highlights
              </button>
            </li>
            <li>
              <button type="button" class="link-button" onClick={() => void run(() => connection.openOptions())}>
                Settings
              </button>
            </li>
          </ul>
        </nav>
      )}
      {settled && footer}
      {/* Last: the reader's highlights load on their own and grow, so nothing sits below them to be pushed. */}
      {settled && tab && probe.kind === 'ready' && highlights && (
        <section class="pv-section" aria-labelledby={`${idPrefix}-hl-heading`}>
          <h2 id={`${idPrefix}-hl-heading`}>Your highlights on this page</h2>
          {/* One list per page (as its content script names it): the side panel stays open while its tab moves on. */}
          <PageHighlights
            key={`${tab.id} ${probe.state.highlights?.url ?? probe.state.url ?? tab.url}`}
            db={db}
            page={probe.state.highlights}
            tab={connection.highlightsTab(tab.id)}
          />
        </section>
      )}
    </div>
  );
}
