import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import { launchFailure, prepareLaunch, releaseProfile, type BrowserToLaunch, type LaunchOptions } from './launch';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH } from './paths';
import { LogBuffer, poll, withTimeout } from './util';

/** Flags that keep Chromium quiet and offline apart from what a test asks for. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--metrics-recording-only',
];

export interface ChromiumHarness {
  context: BrowserContext;
  extensionId: string;
  /** `chrome-extension://<id>` */
  origin: string;
  /** The profile directory (kept on close with `keepProfile`, to launch again on it). */
  profileDir: string;
  /** The extension's current MV3 service worker (replaced after a reload). */
  worker: Worker;
  logs: LogBuffer;
  /** Every request any page or worker of the context made, since launch. */
  requests: { url: string; resourceType: string; from: string }[];
  extensionUrl(path: string): string;
  /** Opens an extension page (e.g. `popup.html`) in a new tab and waits for it to load. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens any URL in a new tab. */
  openPage(url: string): Promise<Page>;
  /** Evaluates `fn(arg)` in the service worker. */
  evaluateInWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** `chrome.runtime.reload()`, then waits for the new service worker and re-attaches to it. */
  reloadExtension(timeout?: number): Promise<Worker>;
  close(): Promise<void>;
}

export type { LaunchOptions };

function isExtensionWorker(worker: Worker, origin?: string): boolean {
  return worker.url().startsWith(origin ?? 'chrome-extension://');
}

const CHROMIUM: BrowserToLaunch = {
  name: 'Chromium',
  executable: CHROMIUM_PATH,
  installHint: 'install Chromium (`apt-get install chromium`) or set GLOSSA_CHROMIUM.',
  extensionDir: CHROME_EXTENSION_DIR,
};

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumHarness> {
  const launch = await prepareLaunch(CHROMIUM, options);
  const { extensionDir, timeout, profileDir } = launch;
  // Developer mode on: without it, Chromium (>= ~136) disables an unpacked extension that
  // calls chrome.runtime.reload() ("unsupportedDeveloperExtension") instead of reloading it.
  // A reused profile keeps the rest of its preferences.
  await mkdir(join(profileDir, 'Default'), { recursive: true });
  const preferencesFile = join(profileDir, 'Default', 'Preferences');
  const preferences = await readFile(preferencesFile, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, any>,
    () => ({}) as Record<string, any>,
  );
  preferences['extensions'] = {
    ...preferences['extensions'],
    ui: { ...preferences['extensions']?.ui, developer_mode: true },
  };
  await writeFile(preferencesFile, JSON.stringify(preferences));
  const logs = new LogBuffer();
  const requests: ChromiumHarness['requests'] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      timeout,
      args: [...QUIET_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    });
  } catch (error) {
    throw await launchFailure(CHROMIUM, launch, error);
  }

  const closedWorkers = new WeakSet<Worker>();
  const watchWorker = (w: Worker) => {
    logs.add('worker', `started ${w.url()}`);
    w.on('console', (m) => logs.add(`worker console.${m.type()}`, m.text()));
    w.on('close', () => {
      closedWorkers.add(w);
      logs.add('worker', `closed ${w.url()}`);
    });
  };
  const watchPage = (p: Page) => {
    p.on('console', (m) => logs.add(`page console.${m.type()} ${p.url()}`, m.text()));
    p.on('pageerror', (e) => logs.add(`page error ${p.url()}`, e.stack ?? e.message));
    p.on('crash', () => logs.add('page', `crashed ${p.url()}`));
  };
  const onRequest = (r: Request) => {
    const from = r.serviceWorker()?.url() ?? safeFrameUrl(r);
    requests.push({ url: r.url(), resourceType: r.resourceType(), from });
  };
  context.on('serviceworker', watchWorker);
  context.on('page', watchPage);
  context.on('request', onRequest);
  context.on('requestfailed', (r) => logs.add('request failed', `${r.url()} ${r.failure()?.errorText ?? ''}`));
  context.on('response', (r) => {
    if (r.status() >= 400) logs.add('http', `${r.status()} ${r.url()}`);
  });
  context.on('weberror', (e) => logs.add('web error', e.error().stack ?? e.error().message));
  context.serviceWorkers().forEach(watchWorker);
  context.pages().forEach(watchPage);

  const close = async () => {
    try {
      await withTimeout(context.close(), 15_000, 'Chromium did not close');
    } catch (error) {
      logs.add('harness', `close failed: ${(error as Error).message}`);
      await context
        .browser()
        ?.close()
        .catch(() => {});
    } finally {
      await releaseProfile(launch);
    }
  };

  let worker: Worker;
  try {
    worker =
      context.serviceWorkers().find((w) => isExtensionWorker(w)) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => isExtensionWorker(w),
        timeout,
      }));
  } catch (error) {
    const message =
      `The extension's service worker did not start within ${timeout} ms ` +
      `(extension dir ${extensionDir}). ${(error as Error).message}\n${logs.dump()}`;
    await close();
    throw new Error(message, { cause: error });
  }
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  const extensionUrl = (path: string) => `${origin}/${path.replace(/^\//, '')}`;

  const openPage = async (url: string) => {
    const page = await context.newPage();
    try {
      await page.goto(url, { timeout: 15_000, waitUntil: 'load' });
    } catch (error) {
      throw new Error(`Could not open ${url}: ${(error as Error).message}\n${logs.dump()}`, {
        cause: error,
      });
    }
    return page;
  };

  const harness: ChromiumHarness = {
    context,
    extensionId,
    origin,
    profileDir,
    worker,
    logs,
    requests,
    extensionUrl,
    openExtensionPage: (path) => openPage(extensionUrl(path)),
    openPage,
    async evaluateInWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A) {
      const worker = await liveWorker();
      return withTimeout(
        worker.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
        20_000,
        'evaluate in the service worker did not return',
      );
    },
    async reloadExtension(reloadTimeout = 20_000) {
      const old = await liveWorker();
      const next = context.waitForEvent('serviceworker', {
        predicate: (w) => isExtensionWorker(w, origin) && w !== old,
        timeout: reloadTimeout,
      });
      // Reload on the next tick so that the evaluate call returns before the worker dies.
      await old.evaluate(() => {
        setTimeout(() => (globalThis as any).chrome.runtime.reload(), 0);
      });
      try {
        harness.worker = await next;
      } catch (error) {
        throw new Error(
          `No new service worker within ${reloadTimeout} ms after chrome.runtime.reload(): ` +
            `${(error as Error).message}\n${logs.dump()}`,
          { cause: error },
        );
      }
      return harness.worker;
    },
    close,
  };

  // Chromium stops an idle MV3 worker (~30 s without events). Playwright may then keep the
  // same Worker object, whose evaluate hangs until the worker runs again: probe it, and wake
  // it with a message from an extension page when it does not answer.
  context.on('serviceworker', (w) => {
    if (isExtensionWorker(w, origin)) harness.worker = w;
  });
  const answers = (w: Worker) =>
    closedWorkers.has(w)
      ? Promise.resolve(false)
      : withTimeout(
          w.evaluate(() => true),
          3_000,
          'probe',
        ).catch(() => false);
  const liveWorker = async (): Promise<Worker> => {
    if (await answers(harness.worker)) return harness.worker;
    logs.add('harness', 'service worker does not answer; waking it with a runtime message');
    const page = await openPage(extensionUrl('popup.html'));
    try {
      await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'e2e/wake' }).catch(() => {}));
      await poll(async () => ((await answers(harness.worker)) ? { done: true, value: undefined } : { done: false }), {
        timeout: 15_000,
        interval: 250,
        message: 'the stopped service worker to run again',
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${logs.dump()}`, { cause: error });
    } finally {
      await page.close();
    }
    return harness.worker;
  };
  return harness;
}

function safeFrameUrl(r: Request): string {
  try {
    return r.frame().url();
  } catch {
    return '(no frame)';
  }
}

/**
 * Opens an extension page (`path`, with its query) in a new tab of the given size, and puts it
 * in front: a background tab gets no animation frames (and Playwright's waits use them).
 */
export async function openExtensionView(
  h: ChromiumHarness,
  path: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(h.extensionUrl(path));
  await page.bringToFront();
  return page;
}

/** Waits until a popup shows the KB's numbers: the KB is in IndexedDB, so pages can be ranked. */
export async function waitForKbInPopup(h: ChromiumHarness): Promise<void> {
  const probe = await h.openExtensionPage('popup.html');
  await probe.waitForSelector('[data-testid="kb-sources"]', { state: 'attached', timeout: 30_000 });
  await probe.close();
}
