/** What the Chromium and Firefox launchers share: options, prerequisites and the profile directory. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
  /**
   * Launch on this profile directory (made if missing) instead of a fresh temporary one: with
   * the directory of a browser closed with `keepProfile`, this is a browser restart on the
   * same profile.
   */
  profileDir?: string;
  /**
   * Leave the profile directory on disk when the browser closes, to launch again on it
   * (`harness.profileDir`). Default: kept when `profileDir` was given, removed otherwise.
   * Whoever keeps a profile removes it (`removeProfile`, or a last launch without this).
   */
  keepProfile?: boolean;
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

/** A launch's settled options. */
export interface PreparedLaunch {
  extensionDir: string;
  timeout: number;
  profileDir: string;
  /** Whether the profile stays on disk after the browser closes. */
  keepProfile: boolean;
}

/**
 * The start of a launch: the options' defaults, a clear failure when the built extension or
 * the browser is missing, and the profile directory: `options.profileDir`, or a fresh one
 * (`glossa-e2e-<name>-…` in the tmpdir).
 */
export async function prepareLaunch(browser: BrowserToLaunch, options: LaunchOptions): Promise<PreparedLaunch> {
  const extensionDir = options.extensionDir ?? browser.extensionDir;
  const timeout = options.timeout ?? 30_000;
  requireBuiltExtension(extensionDir);
  requireFile(browser.executable, browser.installHint);
  let profileDir: string;
  if (options.profileDir !== undefined) {
    profileDir = options.profileDir;
    await mkdir(profileDir, { recursive: true });
  } else {
    profileDir = await mkdtemp(join(tmpdir(), `glossa-e2e-${browser.name.toLowerCase()}-`));
  }
  const keepProfile = options.keepProfile ?? options.profileDir !== undefined;
  return { extensionDir, timeout, profileDir, keepProfile };
}

/** Removes the profile of a closed browser unless the launch keeps it. */
export async function releaseProfile(launch: PreparedLaunch): Promise<void> {
  if (!launch.keepProfile) await removeProfile(launch.profileDir);
}

/** The browser did not start: removes its profile (unless kept) and returns the error to throw. */
export async function launchFailure(browser: BrowserToLaunch, launch: PreparedLaunch, error: unknown): Promise<Error> {
  if (!launch.keepProfile) await rm(launch.profileDir, { recursive: true, force: true, maxRetries: 3 });
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
