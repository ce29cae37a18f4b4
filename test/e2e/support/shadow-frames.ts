/**
 * What the shadow-root and frame e2e tests (test/e2e/shadow-frames.*.e2e.test.ts) read:
 * Glossa's entity marks — painted over the top document and its open shadow roots (read
 * as a reader sees them, ./painted-marks.ts), registered in each same-origin frame's
 * registry (with whether their styles reach the frame's tree) — and the expectations
 * shared by both browsers for recognition/shadow-frames.html.
 *
 * Functions marked "in page" are passed to `page.evaluate` and must stay self-contained.
 */
import {
  MARK_KINDS,
  normaliseMarkText,
  paintedMarkReadings,
  paintedMarkReadingsWholePage,
  type AnyPage,
} from './painted-marks';
import { poll } from './util';

export const SHADOW_FRAMES = 'recognition/shadow-frames.html';

/** One marked range: its text, the tree it is in, the computed background of its highlight there. */
export interface TreeMark {
  text: string;
  /** `light`, `shadow`, or the id of the iframe (in the top document) it is in. */
  tree: string;
  /**
   * getComputedStyle(parent, '::highlight(name)').backgroundColor in a frame: transparent when
   * no rule reaches; `painted` for a mark painted as a box over the top document.
   */
  background: string;
}

/**
 * In page: Glossa's entity marks (names `g…-kind`) in the top window's registry and in
 * those of its same-origin iframes, by canonical name (`glossa-<kind>`), in registration
 * order (the walk's order; not sorted: ranges in different trees cannot be compared).
 */
export function allTreeMarks(): Record<string, TreeMark[]> {
  const NAME = /^g[a-z0-9]{8,16}-(person|organization|state|place|other|focus)$/;
  const out: Record<string, TreeMark[]> = {};
  const read = (win: Window, tree: (node: Node) => string) => {
    const reg = (win as any).CSS?.highlights as Map<string, Iterable<AbstractRange>> | undefined;
    if (!reg) return;
    reg.forEach((highlight, name) => {
      const m = NAME.exec(name);
      if (!m) return;
      const list = (out[`glossa-${m[1]}`] ??= []);
      for (const r of highlight) {
        const doc = r.startContainer.ownerDocument!;
        const live = doc.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        const el = r.startContainer.parentElement!;
        const background = doc.defaultView!.getComputedStyle(el, `::highlight(${name})`).backgroundColor;
        list.push({ text: live.toString(), tree: tree(r.startContainer), background });
      }
    });
  };
  read(window, (n) => (n.getRootNode() === document ? 'light' : 'shadow'));
  for (const frame of document.querySelectorAll('iframe')) {
    let win: Window | null = null;
    try {
      win = frame.contentDocument ? frame.contentWindow : null;
    } catch {
      win = null;
    }
    if (win) read(win, () => frame.id);
  }
  return out;
}

/**
 * Every mark of the page: those painted over the top document and its shadow roots (the
 * whole page, read a screen at a time, top to bottom; `screen`: only those on screen, the
 * page left where it is), then each same-origin frame's registered ones.
 */
export async function pageTreeMarks(page: AnyPage & TreePage, screen = false): Promise<Record<string, TreeMark[]>> {
  const out: Record<string, TreeMark[]> = {};
  for (const k of MARK_KINDS) out[`glossa-${k}`] = [];
  for (const r of await (screen ? paintedMarkReadings(page) : paintedMarkReadingsWholePage(page))) {
    if (r.text === null || r.hidden) continue;
    const mark = { text: normaliseMarkText(r.text), tree: r.tree ?? '', background: 'painted' };
    (out[`glossa-${r.kind}`] ??= []).push(mark);
    if (r.focus) (out['glossa-focus'] ??= []).push(mark);
  }
  for (const [name, list] of Object.entries(await page.evaluate(allTreeMarks))) (out[name] ??= []).push(...list);
  return out;
}

interface TreePage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R>(fn: (arg: number) => R, arg: number): Promise<R>;
}

/** In page: the client box of `text` inside the tree `where` (`shadow:<host id>` or `frame:<iframe id>`), in the top page's coordinates. */
export function treeWordRect(arg: { where: string; text: string }) {
  const [kind, id] = arg.where.split(':') as [string, string];
  const host = document.getElementById(id)!;
  host.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  let root: Node;
  let dx = 0;
  let dy = 0;
  if (kind === 'shadow') root = host.shadowRoot!;
  else {
    const frame = host as HTMLIFrameElement;
    root = frame.contentDocument!.body;
    const b = frame.getBoundingClientRect();
    const cs = getComputedStyle(frame);
    dx = b.left + frame.clientLeft + parseFloat(cs.paddingLeft);
    dy = b.top + frame.clientTop + parseFloat(cs.paddingTop);
  }
  const doc = (root.ownerDocument ?? root) as Document;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const at = n.data.indexOf(arg.text);
    if (at < 0) continue;
    const range = doc.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + arg.text.length);
    const r = range.getClientRects()[0]!;
    return {
      left: r.left + dx,
      top: r.top + dy,
      right: r.right + dx,
      bottom: r.bottom + dy,
      width: r.width,
      height: r.height,
    };
  }
  return null;
}

/** The marks on recognition/shadow-frames.html, as text@tree per canonical highlight name. */
export const SHADOW_FRAMES_MARKS: Record<string, string[]> = {
  'glossa-person': ['Sergei Lavrov@light', 'Ahmed al-Sharaa@shadow'],
  'glossa-organization': ['Kremlin@light'],
  'glossa-state': ['Syria@light', 'Russia@light'],
  // The marks painted over the page (document order), then each frame's registered ones.
  'glossa-place': [
    'Moscow@light',
    'Damascus@light',
    'Moscow@light',
    'Tartous@same',
    'Hmeimim Air Base@file',
    'Lattakia@file',
  ],
  'glossa-other': [],
};

/** TreeMark lists as `text@tree` strings. */
export function summarize(marks: Record<string, TreeMark[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(marks)
      .filter(([name]) => name !== 'glossa-focus')
      .map(([name, list]) => [name, list.map((m) => `${m.text}@${m.tree}`)]),
  );
}

/** Alt+Shift+, from no focus: the last name first, then back through the frames into the shadow root. */
export const KEYBOARD_BACKWARDS = [
  'Moscow@light',
  'Lattakia@file',
  'Hmeimim Air Base@file',
  'Tartous@same',
  'Ahmed al-Sharaa@shadow',
];

/** What the frame-navigation test needs of a page (Playwright's and Puppeteer's both fit). */
interface NavigatedPage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R>(fn: (arg: string) => R, arg: string): Promise<R>;
}

/** In page: the `#file` frame navigates to `src`; its document's URL once it is there, else null. */
function navigateFileFrame(src: string): void {
  (document.getElementById('file') as HTMLIFrameElement).src = src;
}
function fileFrameUrl(): string | null {
  return (document.getElementById('file') as HTMLIFrameElement).contentDocument?.URL ?? null;
}

/**
 * SHADOW_FRAMES, marked: its same-origin `#file` frame navigates twice, and each new
 * document is read and marked (the frame's load starts a rescan); the rest stays marked.
 */
export async function expectNavigatedFrameMarked(page: NavigatedPage & AnyPage): Promise<void> {
  for (const i of [1, 2]) {
    await page.evaluate(navigateFileFrame, `shadow-frames-inner.html?${i}`);
    await poll(
      async () => {
        const url = await page.evaluate(fileFrameUrl);
        const marks = summarize(await pageTreeMarks(page));
        return url?.endsWith(`?${i}`) && JSON.stringify(marks) === JSON.stringify(SHADOW_FRAMES_MARKS)
          ? { done: true, value: undefined }
          : { done: false, detail: { url, marks } };
      },
      { timeout: 10_000, interval: 50, message: `the frame's document ${i} marked` },
    );
  }
}
