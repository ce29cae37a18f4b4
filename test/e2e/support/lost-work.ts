/**
 * Helpers for the lost-work journeys (test/e2e/lost-work.*.e2e.test.ts), the same for
 * Playwright (Chromium) and Puppeteer (Firefox) through `Evaluate`: the note editor as the
 * reader sees it (in the note frame, the library), the drafts and settings in
 * storage.local, the library's buttons, and re-attaching an orphan from a tab. Functions
 * passed to `evaluate` run in the browser and are self-contained.
 *
 * The same tests also run against builds from before the note frame (eb506f1, with
 * GLOSSA_E2E_CHROME_DIR / GLOSSA_E2E_FIREFOX_DIR), to show that they fail there: those
 * edit notes in the page's closed shadow root, which no test can read, so what such an
 * editor shows is unknown (`null`) and the tests decide by what gets stored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DRAFT_KEY_PREFIX } from '../../../src/lib/highlights/drafts';
import { ArticlePage, type SnapshotReader } from './highlights';
import type { Evaluate } from './pages';
import { poll } from './util';

/**
 * True for a build without the note frame (note.html): notes are typed into an editor in
 * the page's closed shadow root, and re-attach is the tab message `page/highlight-reattach`.
 */
export function isLegacyBuild(extensionDir: string): boolean {
  return !existsSync(join(extensionDir, 'note.html'));
}

/**
 * The article page for either build: a legacy build paints its marks and highlights in the
 * page's own CSS highlight registry (`glossa-<kind>`, `glossa-hl-<color>`, `glossa-hl-note`)
 * and has no `page/state` snapshot, so that is where they are read.
 */
export class AnyBuildArticle extends ArticlePage {
  constructor(
    private readonly run: Evaluate,
    snapshot: SnapshotReader,
    private readonly legacy: boolean,
  ) {
    super(run, snapshot);
  }

  override async waitForGlossa(): Promise<void> {
    if (!this.legacy) return super.waitForGlossa();
    await poll(
      async () => {
        const n = await this.run(() => {
          let marks = 0;
          (globalThis as any).CSS?.highlights?.forEach((_v: unknown, k: string) => {
            if (k.startsWith('glossa-') && !k.startsWith('glossa-hl-')) marks++;
          });
          return marks;
        }, null);
        return n > 0 ? { done: true, value: undefined } : { done: false, detail: { entityHighlights: n } };
      },
      { timeout: 15_000, message: 'Glossa’s content script (legacy build) to mark the page' },
    );
  }

  override async highlightTexts(): Promise<Record<string, string[]>> {
    if (!this.legacy) return super.highlightTexts();
    return this.run(() => {
      const out: Record<string, string[]> = {};
      (globalThis as any).CSS?.highlights?.forEach((h: Iterable<AbstractRange>, name: string) => {
        if (!name.startsWith('glossa-hl-')) return;
        out[name] = [...h].map((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return range.toString().replace(/\s+/g, ' ').trim();
        });
      });
      return out;
    }, null);
  }
}

/** The note editor as the reader sees it (testids of src/components/notes/NoteEditor.tsx). */
export interface EditorView {
  /** The editor has looked for a draft and can be typed in. */
  ready: boolean;
  /** The note field's text (null when the editor shows no field: a conflict, a deletion). */
  text: string | null;
  /** The note field has the keyboard focus (keys typed now go into it). */
  focused: boolean;
  /** "Restored what you were writing …" */
  restored: string | null;
  /** The error of the last write. */
  error: string | null;
  /** The draft could not be kept. */
  draftError: string | null;
  status: string | null;
  /** Both texts of a conflict, as shown. */
  conflict: { theirs: string | null; mine: string | null } | null;
}

/**
 * In page: the note editor inside `scope` (a selector; the whole document when null), or
 * null when there is none. The library's older inline editor (a bare textarea) reads as
 * ready with its text.
 */
export function readEditor(scope: string | null): EditorView | null {
  const root: ParentNode | null = scope === null ? document : document.querySelector(scope);
  if (!root) return null;
  const editor = root.querySelector('[data-testid="note-editor"]');
  const area = root.querySelector('textarea');
  if (!editor && !area) return null;
  const text = (id: string) => {
    const el = root.querySelector(`[data-testid="${id}"]`);
    return el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
  };
  const conflict = root.querySelector('[data-testid="note-conflict"]');
  return {
    ready: editor ? editor.getAttribute('data-ready') === 'true' : true,
    text: area ? area.value : null,
    focused: !!area && document.activeElement === area,
    restored: text('note-draft-restored'),
    error: text('note-error'),
    draftError: text('note-draft-error'),
    status: text('note-status'),
    conflict: conflict ? { theirs: text('note-theirs'), mine: text('note-mine') } : null,
  };
}

/** Waits until the editor in `scope` satisfies `check`; returns what it showed. */
export function waitForEditor(
  evaluate: Evaluate,
  scope: string | null,
  check: (view: EditorView) => boolean,
  message: string,
  timeout = 10_000,
): Promise<EditorView> {
  return poll(
    async () => {
      const view = await evaluate(readEditor, scope);
      return view && check(view) ? { done: true, value: view } : { done: false, detail: view };
    },
    { timeout, message },
  );
}

/** The note drafts in storage.local (read from an extension page): highlight id → text. */
export function readDrafts(evaluate: Evaluate): Promise<Record<string, string>> {
  return evaluate(async (prefix: string) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const all: Record<string, { note?: unknown }> = await api.storage.local.get(null);
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(prefix)) out[key.slice(prefix.length)] = String(value?.note);
    }
    return out;
  }, DRAFT_KEY_PREFIX);
}

/** Waits until the drafts satisfy `check`. */
export function waitForDrafts(
  evaluate: Evaluate,
  check: (drafts: Record<string, string>) => boolean,
  message: string,
  timeout = 10_000,
): Promise<Record<string, string>> {
  return poll(
    async () => {
      const drafts = await readDrafts(evaluate);
      return check(drafts) ? { done: true, value: drafts } : { done: false, detail: drafts };
    },
    { timeout, message },
  );
}

/** A library item by highlight id. */
export const libraryItem = (id: string) => `[data-testid="library-item"][data-id="${id}"]`;

/**
 * In page: clicks the first button inside `scope` whose text (white space collapsed) is one
 * of `names`. Resolves to the text clicked, or null when there is no such button.
 */
export function clickButton({ scope, names }: { scope: string; names: string[] }): string | null {
  const root = document.querySelector(scope);
  if (!root) return null;
  for (const b of root.querySelectorAll('button')) {
    const label = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (names.includes(label) && !(b as HTMLButtonElement).disabled) {
      (b as HTMLButtonElement).click();
      return label;
    }
  }
  return null;
}

/** Clicks a button in `scope`, waiting for it to be there. */
export function click(evaluate: Evaluate, scope: string, names: string[], timeout = 10_000): Promise<string> {
  return poll<string>(
    async () => {
      const clicked = await evaluate(clickButton, { scope, names });
      return clicked ? { done: true, value: clicked } : { done: false };
    },
    { timeout, message: `a button ${JSON.stringify(names)} in ${scope}` },
  );
}

/**
 * Re-attaches orphan `id` to the selection of the tab showing `tabUrl`, as the popup's
 * "Re-attach to the selection" does (run from an extension page). Resolves to the tab's
 * answer: `{ ok: true }` or `{ ok: false, error }` (the reason the reader is told). With a
 * legacy build, the tab must be the active one.
 */
export function reattachFromTab(
  evaluate: Evaluate,
  tabUrl: string,
  id: string,
  legacy: boolean,
): Promise<{ ok: boolean; error?: string }> {
  return evaluate(
    async ({ tabUrl, id, legacy }) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      // A legacy build has no host permissions, so it is not told tabs' addresses: it is
      // asked about the active tab (the caller brings it to the front).
      const tabs: { id: number; url?: string }[] = legacy
        ? await api.tabs.query({ active: true, lastFocusedWindow: true })
        : await api.tabs.query({});
      const tab = legacy ? tabs[0] : tabs.find((t) => t.url === tabUrl);
      if (!tab) return { ok: false, error: `no tab at ${tabUrl}` };
      const message = legacy
        ? { type: 'page/highlight-reattach', id }
        : { to: 'glossa-tab', type: 'highlights/reattach', payload: { id } };
      try {
        const answer = await api.tabs.sendMessage(tab.id, message);
        return answer && typeof answer === 'object' && 'ok' in answer
          ? { ok: Boolean(answer.ok), error: answer.error }
          : { ok: false, error: `unexpected answer ${JSON.stringify(answer)}` };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
    { tabUrl, id, legacy },
  );
}

/** The reader's settings the restart test changes, as stored (storage.local `settings`). */
export function readSettings(
  evaluate: Evaluate,
): Promise<{ hoverDelayMs?: number; siteOverrides?: Record<string, string> } | null> {
  return evaluate(async () => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const got = await api.storage.local.get('settings');
    return got.settings ?? null;
  }, null);
}

/** The site rule and hover delay the restart test sets. */
export const SETTINGS_CHANGE = { site: 'example.org', rule: 'never', hoverDelayMs: 750 } as const;

/**
 * In the options page: sets the hover delay in its number field and adds a site rule with
 * the form, as a reader would (the fields' own input/change events), then waits for both
 * to show.
 */
export async function changeSettingsInOptions(evaluate: Evaluate): Promise<void> {
  await poll(
    async () =>
      (await evaluate(
        () => document.querySelector('#delay-number') !== null && document.querySelector('#new-site') !== null,
        null,
      ))
        ? { done: true, value: undefined }
        : { done: false },
    { timeout: 10_000, message: 'the options page’s fields' },
  );
  await evaluate(({ site, rule, hoverDelayMs }) => {
    const delay = document.querySelector('#delay-number') as HTMLInputElement;
    delay.value = String(hoverDelayMs);
    delay.dispatchEvent(new Event('input', { bubbles: true }));
    delay.dispatchEvent(new Event('change', { bubbles: true }));
  }, SETTINGS_CHANGE);
  await poll(
    async () => {
      const s = await readSettings(evaluate);
      return s?.hoverDelayMs === SETTINGS_CHANGE.hoverDelayMs
        ? { done: true, value: undefined }
        : { done: false, detail: s };
    },
    { timeout: 10_000, message: 'the hover delay to be stored' },
  );
  await evaluate(({ site, rule }) => {
    const input = document.querySelector('#new-site') as HTMLInputElement;
    input.value = site;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const select = document.querySelector('#new-rule') as HTMLSelectElement;
    select.value = rule;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    (input.form as HTMLFormElement).requestSubmit();
  }, SETTINGS_CHANGE);
  await poll(
    async () => {
      const s = await readSettings(evaluate);
      return s?.siteOverrides?.[SETTINGS_CHANGE.site] === SETTINGS_CHANGE.rule
        ? { done: true, value: undefined }
        : { done: false, detail: s };
    },
    { timeout: 10_000, message: 'the site rule to be stored' },
  );
}

/** In the options page: what it shows for the settings the restart test changed. */
export function settingsShownInOptions(
  evaluate: Evaluate,
): Promise<{ hoverDelay: string | null; rule: string | null }> {
  return poll(
    async () => {
      const shown = await evaluate(
        (site: string) => ({
          hoverDelay: (document.querySelector('#delay-number') as HTMLInputElement | null)?.value ?? null,
          rule: (document.querySelector(`[data-site="${site}"] select`) as HTMLSelectElement | null)?.value ?? null,
        }),
        SETTINGS_CHANGE.site,
      );
      return shown.hoverDelay !== null && shown.rule !== null
        ? { done: true, value: shown }
        : { done: false, detail: shown };
    },
    { timeout: 10_000, message: 'the options page to show the settings' },
  );
}
