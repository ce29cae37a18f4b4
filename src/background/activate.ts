/**
 * The background's side of `content/activate`: where the content loader found work, inject
 * the main chunk into the very frame (and, in Chrome, the very document) that asked.
 * `scripting` in Chrome MV3, `tabs.executeScript` in Firefox MV2; both run the chunk in the extension's isolated world, beside the loader, and neither is
 * subject to the page's Content-Security-Policy.
 */
import { browser } from 'wxt/browser';
import { terms } from '../generated/gate-vocabulary.json';
import { decideRelevance, type GateInput, type GateVocabulary } from '../lib/gate';
import { PAGE_INDEX_KEY } from '../lib/highlights/page-index';
import type { MessageSender } from '../lib/protocol/sender';
import { parseSiteSettings, SETTINGS_KEY, siteRuleFor } from '../lib/settings';
import { mustWake, type WakeAsk } from '../lib/wake-verdict';
import { prewarmRecognition } from './recognize';

const VOCABULARY: GateVocabulary = { terms };

/**
 * The chunks' files in the build (src/entrypoints/content-main.ts, content-ui.ts,
 * loader-awake.ts), and `kit`: loader.js, for the awake loader in a frame where it has not
 * run (src/content/loader/contract.ts, KIT_KEY).
 */
export const CHUNKS = {
  main: 'content-main.js',
  ui: 'content-ui.js',
  loader: 'loader-awake.js',
  kit: 'loader.js',
} as const;

interface Scripting {
  executeScript(options: { target: ScriptTarget; files: string[] }): Promise<unknown>;
}
type ScriptTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

interface TabsMv2 {
  executeScript(tabId: number, details: { file: string; frameId: number }): Promise<unknown>;
}

/** What the quiet loader sends where its prefilter found a name (src/content/loader/quiet.ts). */
export interface GateAsk extends WakeAsk {
  gate: GateInput;
}

/**
 * `content/awake`: the awake loader (loader-awake.js) into the quiet loader's frame —
 * always where the reader asked (no `ask`); with the gate's input, only where the page
 * needs it (src/lib/wake-verdict.ts). The gate runs here: warm after the first page, and
 * off the page's main thread.
 */
export async function awakeContent(
  ask: GateAsk | null,
  sender: MessageSender,
): Promise<{ awake: boolean; about: boolean | null }> {
  if (sender.tab?.id === undefined || sender.tab.id < 0) throw new Error('no tab to start in');
  let about: boolean | null = null;
  if (ask !== null) {
    const stored: Record<string, unknown> = await browser.storage.local
      .get([SETTINGS_KEY, PAGE_INDEX_KEY])
      .catch(() => ({}));
    const settings = parseSiteSettings(stored[SETTINGS_KEY]);
    // Off, or "never" here, the loader runs no gate; otherwise its verdict is wanted even
    // where the page wakes for another reason (its highlights): the awake loader need not
    // run it cold.
    const gated = settings.enabled && siteRuleFor(settings, ask.url)?.rule !== 'never';
    about = gated ? decideRelevance(ask.gate, VOCABULARY).about : null;
    // The page's walk follows (the awake loader, the main chunk): the matcher is made
    // meanwhile, while the loader is injected.
    if (about === true) void prewarmRecognition();
    if (!mustWake(ask, sender.url, settings, stored[PAGE_INDEX_KEY], about === true)) return { awake: false, about };
  }
  await activateContent(sender, 'loader');
  return { awake: true, about };
}

/** `content/gate`: the relevance gate's verdict on a page's input, for the awake loader. */
export function gateVerdict(gate: GateInput): boolean {
  const about = decideRelevance(gate, VOCABULARY).about;
  // As in awakeContent: the page's walk follows, the matcher is made meanwhile.
  if (about) void prewarmRecognition();
  return about;
}

export async function activateContent(sender: MessageSender, chunk: keyof typeof CHUNKS = 'main'): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new Error('no tab to start in');
  // The main chunk walks and sends its text next: the matcher is made while it is injected.
  if (chunk === 'main') void prewarmRecognition();
  const scripting = scriptingApi();
  if (scripting) {
    await scripting.executeScript({ target: targetOf(sender, tabId), files: [CHUNKS[chunk]] });
    return null;
  }
  const tabs = browser.tabs as unknown as TabsMv2;
  await tabs.executeScript(tabId, { file: `/${CHUNKS[chunk]}`, frameId: sender.frameId ?? 0 });
  return null;
}

function scriptingApi(): Scripting | undefined {
  return (browser as unknown as { scripting?: Scripting }).scripting;
}

/** The very document that asked (Chrome), else its frame. */
function targetOf(sender: MessageSender, tabId: number): ScriptTarget {
  return sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
}
