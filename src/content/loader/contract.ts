/**
 * What the loader (every page) and the main chunk (loaded only where there is work) share.
 * Both run in the extension's isolated world, where the page's scripts cannot see globals:
 * the loader leaves its handle under `LOADER_KEY`, and the main chunk, injected by the
 * background with `scripting.executeScript` / `tabs.executeScript`, picks it up.
 */
import type { GateInput } from '../../lib/gate';
import type { ActivationReason, ReadingSettings, Settings, SiteSettings } from '../../lib/settings';
import type { RawBrowser } from '../../platform/raw-browser';
import type { TabRouter } from './router';

export const LOADER_KEY = '__glossaLoader';

/**
 * The global `key` as Glossa's own scripts left it in this isolated world: an own property
 * of the global object. A plain read falls through to the window's named properties, which
 * in Chrome's isolated world are the page's elements by id: `<div id="__glossaLoader">`
 * made each loader believe another one ran, so a page could switch Glossa off on itself.
 */
export function ownGlobal(key: string): unknown {
  return Object.getOwnPropertyDescriptor(globalThis, key)?.value;
}

/**
 * Where the quiet loader (quiet.ts, loader.js on every page) leaves its handle for the
 * awake loader (loader-awake.js) to take over from.
 */
export const QUIET_KEY = '__glossaQuiet';

/**
 * Where loader.js leaves the code the awake loader shares with it (`LoaderKit`): every
 * article compiles the awake loader, which would otherwise carry a second copy (2.4 KB
 * minified). Where loader.js has not run in a frame (a tab open before Glossa was
 * installed, woken by a page view), the awake loader has the background inject it first
 * (`content/activate`, chunk `kit`); it then finds the awake loader and stays quiet.
 */
export const KIT_KEY = '__glossaKit';

export interface LoaderKit {
  /** src/lib/dom/gate-input.ts `gateInput`: the gate's input, read from the page. */
  gateInput(doc: Document): GateInput;
}

/** What the reader did while only the quiet loader ran, replayed by the awake one. */
export type Pending = 'selection' | 'shortcut';

/** Why the main chunk was asked for (the first reason it was needed on this page). */
export type Trigger = 'gate' | 'highlights' | 'selection' | 'call';

/**
 * The gate's verdict on the page at `url`, as the background decided it when the quiet
 * loader asked (`content/awake`); `about` resolves to null where it did not decide.
 */
export interface Verdict {
  readonly url: string;
  readonly about: Promise<boolean | null>;
}

export interface QuietHandle {
  /** The reader's selections and shortcuts seen while quiet, oldest first. */
  readonly pending: readonly Pending[];
  /** The verdict of the ask that woke the awake loader, if one did. */
  readonly verdict: Verdict | null;
  /** The awake loader runs: stop listening. */
  stop(): void;
}

/**
 * The loader's decision, as the main chunk receives it: the settings as storage.local
 * holds them (the loader reads only the switch and the site rules, src/lib/settings.ts
 * `parseSiteSettings`; the main chunk parses them whole, `pageDecision`).
 */
export interface LoaderDecision extends Omit<PageDecision, 'settings'> {
  /** The settings as storage.local holds them (undefined where unreadable). */
  storedSettings: unknown;
  /** The switch and the site rules, read from them. */
  siteSettings: SiteSettings;
}

/** What the page's controllers carry out: the decision with the settings parsed. */
export interface PageDecision {
  settings: Settings;
  /** The page's address now (single-page apps change it). */
  url: string;
  /** Entity marks: on or off, and why. */
  marks: { active: boolean; reason: ActivationReason | 'forced' };
  /** The reader's highlights may run here (Glossa on, the site not set to "never"). */
  highlights: boolean;
  /** The relevance gate's verdict (the highlights' entity rules read it). */
  gateAbout: boolean;
}

/** What the main chunk offers the loader once it runs. */
export interface MainApi {
  /** Resolves once the first decision is carried out (the first scan done). */
  readonly ready: Promise<void>;
  /** The decision changed (settings, address, "annotate anyway"); resolves once carried out. */
  update(decision: LoaderDecision): Promise<void>;
  /** The reader made a selection on a page where the main chunk was not loaded yet: show the toolbar. */
  selectionMade(): void;
  /** The reader pressed the highlight shortcut before the main chunk was loaded. */
  highlightShortcut(): void;
  stop(): void;
}

export interface LoaderHandle {
  readonly api: RawBrowser;
  readonly router: TabRouter;
  /**
   * The random prefix of this page's mark names (src/lib/mark-styles.ts), where marks are
   * registered rather than painted (same-origin frames' registries).
   */
  readonly markPrefix: string;
  readonly trigger: Trigger;
  decision(): LoaderDecision;
  attach(main: MainApi): void;
  /** Whether a main chunk already runs on this handle. */
  isAttached(): boolean;
  /**
   * The highlights controller runs and watches the reader's selection and keys itself:
   * the loader stops doing so (until then it passes them to `MainApi`).
   */
  highlightsStarted(): void;
  /**
   * The highlights controller stopped (highlights switched off here, or Glossa off): the
   * loader watches the reader's selection and keys again, where highlights are allowed.
   */
  highlightsStopped(): void;
  /**
   * Whether the page at the decision's address has saved highlights, by the page index
   * (kept current from storage; where there is none yet, the background is asked, and a
   * failed answer is a "no").
   */
  hasHighlights(): Promise<boolean>;
}

/**
 * The loader's decision with the settings whole (in the main chunk): the loader's switch
 * and site rules, and the rest parsed here — what `parseSettings` gives, in two halves.
 */
export function pageDecision(d: LoaderDecision, parse: (stored: unknown) => ReadingSettings): PageDecision {
  const settings: Settings = { version: 1, ...d.siteSettings, ...parse(d.storedSettings) };
  return { settings, url: d.url, marks: d.marks, highlights: d.highlights, gateAbout: d.gateAbout };
}
