/** What the Chromium and Firefox launchers share: options, prerequisites and the temporary profile. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltExtension, requireFile } from './paths';

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  /**
   * Time allowed for the browser to start and the extension to be there (Chromium: its
   * service worker shows up; Firefox: the temporary add-on is installed).
   */
  timeout?: number;
}

export interface BrowserToLaunch {
  /** As in messages: `Chromium`, `Firefox`. */
  name: string;
  executable: string;
  /** How to install the browser, for the message when `executable` is missing. */
  installHint: string;
  /** The built extension to load unless the options name another. */
  extensionDir: string;
}

/**
 * The start of a launch: the options' defaults, a clear failure when the built extension or
 * the browser is missing, and a fresh profile directory (`glossa-e2e-<name>-…` in the tmpdir).
 */
export async function prepareLaunch(
  browser: BrowserToLaunch,
  options: LaunchOptions,
): Promise<{ extensionDir: string; timeout: number; profileDir: string }> {
  const extensionDir = options.extensionDir ?? browser.extensionDir;
  const timeout = options.timeout ?? 30_000;
  requireBuiltExtension(extensionDir);
  requireFile(browser.executable, browser.installHint);
  const profileDir = await mkdtemp(join(tmpdir(), `glossa-e2e-${browser.name.toLowerCase()}-`));
  return { extensionDir, timeout, profileDir };
}

/** The browser did not start: removes its profile and returns the error to throw. */
export async function launchFailure(browser: BrowserToLaunch, profileDir: string, error: unknown): Promise<Error> {
  await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
  return new Error(`${browser.name} failed to launch from ${browser.executable}: ${(error as Error).message}`, {
    cause: error,
  });
}

/** Removes the profile of a closed browser (retrying while its last files are released). */
export async function removeProfile(profileDir: string): Promise<void> {
  await rm(profileDir, {
    recursive: true,
    force: true,
    maxRetries: 5,
    retryDelay: 200,
  });
}
