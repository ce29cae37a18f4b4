import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ExtensionDb, puppeteerEvaluate } from './pages';
import { launchFailure, prepareLaunch, releaseProfile, type BrowserToLaunch, type LaunchOptions } from './launch';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH, staleBuildHint } from './paths';
import { LogBuffer, poll, withTimeout } from './util';

/** The gecko id from wxt.config.ts (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'glossa@glossa.invalid';
/** Fixed internal UUID, so that `moz-extension://<uuid>/popup.html` is known before install. */
export const FIREFOX_EXTENSION_UUID = '6b1f2c7e-3f4a-4d8e-9c55-0a1b2c3d4e5f';

/** Preferences that keep Firefox offline and quiet (puppeteer adds its own defaults too). */
const PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({
    [GECKO_ID]: FIREFOX_EXTENSION_UUID,
  }),
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.topsites.contile.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'browser.ping-centre.telemetry': false,
};

/**
 * Preferences for a profile that is launched again (`keepProfile`). The harness installs
 * Glossa as a temporary add-on, and Firefox uninstalls a temporary add-on when it quits
 * (extensions.json no longer lists it afterwards); an uninstall clears the add-on's
 * IndexedDB and storage.local and may forget its internal UUID. A reader's Glossa is a
 * regular add-on that keeps both across restarts. With these, the add-on installed again at
 * the next launch finds what the last session stored, under the same `moz-extension://`
 * origin (the UUID is also pinned by `extensions.webextensions.uuids`). Without them the
 * data happened to survive in Firefox ESR 153 here — the clearing had not finished when
 * Firefox quit — which a test must not rely on.
 */
const KEEP_ACROSS_RESTART: Record<string, unknown> = {
  'extensions.webextensions.keepStorageOnUninstall': true,
  'extensions.webextensions.keepUuidOnUninstall': true,
};

export interface FirefoxHarness {
  browser: Browser;
  extensionId: string;
  /** `moz-extension://<uuid>` */
  origin: string;
  /** The profile directory (kept on close with `keepProfile`, to launch again on it). */
  profileDir: string;
  logs: LogBuffer;
  extensionUrl(path: string): string;
  /**
   * Opens an extension page in a new tab. `moz-extension://` navigations never fire
   * `load` under WebDriver BiDi, so this waits for the document itself instead.
   */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens any (http) URL in a new tab. */
  openPage(url: string): Promise<Page>;
  /**
   * Evaluates `fn(arg)` in an extension page (MV2: same privileges and `browser.*` APIs
   * as the background page). The helper page is opened on first use.
   */
  evaluateInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * `browser.runtime.reload()` (as an update does: the background and every extension page
   * start again, content scripts are cut off), then waits for the new background page.
   */
  reloadExtension(): Promise<void>;
  close(): Promise<void>;
}

const FIREFOX: BrowserToLaunch = {
  name: 'Firefox',
  executable: FIREFOX_PATH,
  installHint: 'install Firefox ESR (`apt-get install firefox-esr`) or set GLOSSA_FIREFOX.',
  extensionDir: FIREFOX_EXTENSION_DIR,
};

export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxHarness> {
  const launch = await prepareLaunch(FIREFOX, options);
  const { extensionDir, timeout, profileDir } = launch;
  const logs = new LogBuffer();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: options.headless ?? true,
      userDataDir: profileDir,
      timeout,
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: launch.keepProfile ? { ...PREFS, ...KEEP_ACROSS_RESTART } : PREFS,
    });
  } catch (error) {
    throw await launchFailure(FIREFOX, launch, error);
  }
  browser.process()?.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) logs.add('firefox stderr', line);
  });

  let helper: Page | undefined;
  const close = async () => {
    try {
      await withTimeout(browser.close(), 15_000, 'Firefox did not close');
    } catch (error) {
      logs.add('harness', `close failed: ${(error as Error).message}`);
      browser.process()?.kill('SIGKILL');
    } finally {
      await releaseProfile(launch);
    }
  };

  let extensionId: string;
  try {
    extensionId = await withTimeout(
      browser.installExtension(extensionDir),
      timeout,
      `Installing ${extensionDir} as a temporary add-on did not finish`,
    );
  } catch (error) {
    const message = `Firefox could not install the extension: ${(error as Error).message}\n${logs.dump()}`;
    await close();
    throw new Error(message, { cause: error });
  }
  if (extensionId !== GECKO_ID) {
    logs.add('harness', `installed add-on id is ${extensionId}, expected ${GECKO_ID}`);
  }
  const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  const extensionUrl = (path: string) => `${origin}/${path.replace(/^\//, '')}`;

  const watchPage = (page: Page) => {
    page.on('console', (m) => logs.add(`page console.${m.type()} ${page.url()}`, m.text()));
    page.on('pageerror', (e) => logs.add(`page error ${page.url()}`, String(e)));
  };

  const openExtensionPage = async (path: string) => {
    const url = extensionUrl(path);
    const page = await browser.newPage();
    watchPage(page);
    // Never resolves on `load` for moz-extension:// pages: start it, then watch the document.
    page.goto(url, { timeout: 2_000 }).catch(() => {});
    await poll(
      async () => {
        const state = await page.evaluate(() => ({
          href: location.href,
          ready: document.readyState,
        }));
        return state.href === url && state.ready !== 'loading'
          ? { done: true as const, value: undefined }
          : { done: false as const, detail: state };
      },
      {
        timeout: 15_000,
        message:
          `${url} to load in Firefox (is the add-on installed, and does ` +
          `extensions.webextensions.uuids map ${GECKO_ID} to ${FIREFOX_EXTENSION_UUID}?)`,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs.dump()}`, { cause: error });
    });
    return page;
  };

  const evaluateInExtension = async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => {
    // The options page, not the popup: the popup's page view, left open in a tab, watches
    // the active tab and subscribes again to whichever tab is active when its port closes,
    // waking that tab's loader (a real popup closes first). That woke a quiet page another
    // test opened later, and made recognition.firefox depend on the order of its tests.
    if (!helper || helper.isClosed()) helper = await openExtensionPage('options.html');
    const page = helper;
    return withTimeout(
      page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
      20_000,
      'evaluate in the Firefox extension page did not return',
    );
  };

  return {
    browser,
    extensionId,
    origin,
    profileDir,
    logs,
    extensionUrl,
    openExtensionPage,
    async openPage(url) {
      const page = await browser.newPage();
      watchPage(page);
      await page.goto(url, { timeout: 15_000, waitUntil: 'load' });
      return page;
    },
    evaluateInExtension,
    async reloadExtension() {
      // A mark on the background page, gone once the add-on has started again.
      const marked = () =>
        evaluateInExtension(async () => {
          const bg = await (globalThis as any).browser.runtime.getBackgroundPage();
          return bg?.__glossaE2eBeforeReload === true;
        }, null);
      await evaluateInExtension(async () => {
        const bg = await (globalThis as any).browser.runtime.getBackgroundPage();
        bg.__glossaE2eBeforeReload = true;
        // On the next tick, so that the evaluate call returns before the page goes away.
        setTimeout(() => (globalThis as any).browser.runtime.reload(), 0);
      }, null);
      // The reload closes every extension page, the helper too: a new one is opened.
      await poll(
        async () => {
          if (helper && !helper.isClosed()) {
            const alive = await withTimeout(
              helper.evaluate(() => true),
              1_000,
              'helper',
            ).catch(() => false);
            if (alive) return { done: false, detail: 'the helper page is still open' };
          }
          helper = undefined;
          return (await marked())
            ? { done: false, detail: 'the old background page' }
            : { done: true, value: undefined };
        },
        { timeout: 20_000, message: 'the add-on to start again after runtime.reload()' },
      );
    },
    close,
  };
}

/** Waits until the background has stored KB `version` in IndexedDB (read from a popup page, then closed). */
export async function waitForKbStored(h: FirefoxHarness, version: string): Promise<void> {
  const probe = await h.openExtensionPage('popup.html');
  await new ExtensionDb(puppeteerEvaluate(probe), { hint: staleBuildHint(FIREFOX_EXTENSION_DIR) }).waitForKbVersion(
    version,
  );
  await probe.close();
}
