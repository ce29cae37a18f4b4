import type { Page as PwPage } from 'playwright-core';
import type { Page as PptrPage } from 'puppeteer-core';
import { DB_NAME, META_KB_VERSION, TABLES } from './contract';
import { idbGet, idbSnapshot, idbTamper, type DbSnapshot, type TamperArgs } from './idb';
import { poll } from './util';

/** Runs `fn(arg)` in a browser page; the same shape for Playwright and Puppeteer pages. */
export type Evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

export function playwrightEvaluate(page: PwPage): Evaluate {
  return <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) =>
    page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>;
}

export function puppeteerEvaluate(page: PptrPage): Evaluate {
  return <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) =>
    page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>;
}

export interface KbCounts {
  sources: number;
  entities: number;
  claims: number;
}

interface PopupState {
  loading: boolean;
  error: string | null;
  sources: string | null;
  entities: string | null;
  claims: string | null;
  title: string;
  body: string;
}

/** The popup (popup.html) as the tests see it: `data-testid` hooks only. */
export class PopupPage {
  constructor(private readonly evaluate: Evaluate) {}

  async title(): Promise<string> {
    return this.evaluate(() => document.title, null);
  }

  async state(): Promise<PopupState> {
    return this.evaluate(() => {
      const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null;
      return {
        loading: document.querySelector('[data-testid="kb-loading"]') !== null,
        error: text('kb-error'),
        sources: text('kb-sources'),
        entities: text('kb-entities'),
        claims: text('kb-claims'),
        title: document.title,
        body: (document.body?.innerText ?? '').slice(0, 500),
      };
    }, null);
  }

  /**
   * The three KB numbers once the popup has them: no `kb-loading`, no `kb-error`, and each of
   * `kb-sources`, `kb-entities`, `kb-claims` exactly a number. Throws at once on `kb-error`.
   * With `expected`, keeps polling until the numbers equal it (a popup may show interim values).
   */
  async kbCounts(options: { timeout?: number; expected?: KbCounts } = {}): Promise<KbCounts> {
    const { timeout = 20_000, expected } = options;
    let failure: string | null = null;
    const counts = await poll<KbCounts>(
      async () => {
        const s = await this.state();
        if (s.error !== null) {
          failure = `popup shows [data-testid="kb-error"]: ${JSON.stringify(s.error)}`;
          return {
            done: true,
            value: { sources: NaN, entities: NaN, claims: NaN },
          };
        }
        const numbers = [s.sources, s.entities, s.claims];
        if (s.loading || !numbers.every((n) => n !== null && /^\d+$/.test(n))) return { done: false, detail: s };
        const value = {
          sources: Number(s.sources),
          entities: Number(s.entities),
          claims: Number(s.claims),
        };
        if (
          expected &&
          (value.sources !== expected.sources ||
            value.entities !== expected.entities ||
            value.claims !== expected.claims)
        ) {
          return { done: false, detail: { shown: value, expected, state: s } };
        }
        return { done: true, value };
      },
      {
        timeout,
        message: expected ? `the popup to show KB counts ${JSON.stringify(expected)}` : 'the popup KB counts',
      },
    );
    if (failure) throw new Error(failure);
    return counts;
  }
}

/** The extension's IndexedDB, read and written with the raw API from an extension page. */
export class ExtensionDb {
  readonly name: string;
  /** Appended to timeout messages, e.g. `staleBuildHint(dir)`. */
  private readonly hint: string;

  constructor(
    private readonly evaluate: Evaluate,
    options: { name?: string; hint?: string } = {},
  ) {
    this.name = options.name ?? DB_NAME;
    this.hint = options.hint ?? '';
  }

  snapshot(keysOf: string[] = [TABLES.sources, TABLES.entities, TABLES.claims]): Promise<DbSnapshot> {
    return this.evaluate(idbSnapshot, {
      dbName: this.name,
      keysOf,
      metaStore: TABLES.meta,
      metaKey: META_KB_VERSION,
    });
  }

  /** Waits until the meta kbVersion equals `version`; returns the snapshot that showed it. */
  async waitForKbVersion(
    version: string,
    { timeout = 30_000, hint = this.hint }: { timeout?: number; hint?: string } = {},
  ): Promise<Extract<DbSnapshot, { exists: true }>> {
    return poll(
      async () => {
        const snap = await this.snapshot();
        if (snap.exists && snap.metaValue === version) return { done: true, value: snap };
        return {
          done: false,
          detail: snap.exists
            ? {
                [META_KB_VERSION]: snap.metaValue,
                stores: Object.fromEntries(Object.entries(snap.stores).map(([k, v]) => [k, v.count])),
              }
            : snap,
        };
      },
      {
        timeout,
        interval: 200,
        message: `IndexedDB "${this.name}" meta ${META_KB_VERSION} to equal ${version}${hint}`,
      },
    );
  }

  tamper(args: Omit<TamperArgs, 'dbName' | 'metaStore' | 'metaKey'>): Promise<unknown[]> {
    return this.evaluate(idbTamper, {
      ...args,
      dbName: this.name,
      metaStore: TABLES.meta,
      metaKey: META_KB_VERSION,
    });
  }

  get(store: string, key: unknown): Promise<unknown> {
    return this.evaluate(idbGet, { dbName: this.name, store, key });
  }
}
