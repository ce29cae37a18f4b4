import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ExtensionDb, puppeteerEvaluate } from './pages';
import { launchFailure, prepareLaunch, removeProfile, type BrowserToLaunch, type LaunchOptions } from './launch';
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

export interface FirefoxHarness {
  browser: Browser;
  extensionId: string;
  /** `moz-extension://<uuid>` */
  origin: string;
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
  close(): Promise<void>;
}

const FIREFOX: BrowserToLaunch = {
  name: 'Firefox',
  executable: FIREFOX_PATH,
  installHint: 'install Firefox ESR (`apt-get install firefox-esr`) or set GLOSSA_FIREFOX.',
  extensionDir: FIREFOX_EXTENSION_DIR,
};

export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxHarness> {
  const { extensionDir, timeout, profileDir } = await prepareLaunch(FIREFOX, options);
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
      extraPrefsFirefox: PREFS,
    });
  } catch (error) {
    throw await launchFailure(FIREFOX, profileDir, error);
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
      await removeProfile(profileDir);
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

  return {
    browser,
    extensionId,
    origin,
    logs,
    extensionUrl,
    openExtensionPage,
    async openPage(url) {
      const page = await browser.newPage();
      watchPage(page);
      await page.goto(url, { timeout: 15_000, waitUntil: 'load' });
      return page;
    },
    async evaluateInExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A) {
      if (!helper || helper.isClosed()) helper = await openExtensionPage('popup.html');
      const page = helper;
      return withTimeout(
        page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown) as Promise<R>,
        20_000,
        'evaluate in the Firefox extension page did not return',
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
