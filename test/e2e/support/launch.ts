/** What the Chromium and Firefox launchers share: options, prerequisites and the profile directory. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltExtension, requireFile } from './paths';

/**
 * The time allowed a test that launches a browser itself (a restart on the same profile, a
 * fresh profile): above a launch's 60 s and the extension's own wait, so that a slow start
 * fails with the launch's message rather than the runner's generic timeout.
 */
export const TEST_WITH_LAUNCH_MS = 180_000;

export interface LaunchOptions {
  extensionDir?: string;
  headless?: boolean;
  /**
   * Time allowed for the browser to start and the extension to be there (Chromium: its
   * service worker shows up; Firefox: the temporary add-on is installed). Default 60 s: the
   * first Chromium start on a fresh CI machine once took over 30 s (the old default), with
   * nothing wrong but a cold disk; `.ci/run` now warms both browsers before the tests.
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
  /** `Date.now()` when the launch began, for the failure message. */
  startedAt: number;
}

/**
 * The start of a launch: the options' defaults, a clear failure when the built extension or
 * the browser is missing, and the profile directory: `options.profileDir`, or a fresh one
 * (`glossa-e2e-<name>-…` in the tmpdir).
 */
export async function prepareLaunch(browser: BrowserToLaunch, options: LaunchOptions): Promise<PreparedLaunch> {
  const extensionDir = options.extensionDir ?? browser.extensionDir;
  const timeout = options.timeout ?? 60_000;
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
  return { extensionDir, timeout, profileDir, keepProfile, startedAt: Date.now() };
}

/** Removes the profile of a closed browser unless the launch keeps it. */
export async function releaseProfile(launch: PreparedLaunch): Promise<void> {
  if (!launch.keepProfile) await removeProfile(launch.profileDir);
}

/**
 * The browser did not start: removes its profile (unless kept) and returns the error to throw.
 * Its message leads with how long the launch took against the time allowed, then the
 * launcher's own message without the lines every start prints (D-Bus, the Debian wrapper's
 * shell warning). It carries no `cause`: the test runner printed the cause's whole launch log
 * after the message, and CI keeps only an output's tail, so the reason was cut off.
 */
export async function launchFailure(browser: BrowserToLaunch, launch: PreparedLaunch, error: unknown): Promise<Error> {
  if (!launch.keepProfile) await rm(launch.profileDir, { recursive: true, force: true, maxRetries: 3 });
  return new Error(launchFailureMessage(browser, launch, error, Date.now()));
}

const NOISE = [/dbus\/bus\.cc/, /unexpected operator/];
const MAX_LINES = 25;

/** The message of `launchFailure`, at time `now`. */
export function launchFailureMessage(
  browser: BrowserToLaunch,
  launch: PreparedLaunch,
  error: unknown,
  now: number,
): string {
  const raw = error instanceof Error ? error.message : String(error);
  const lines = raw.split('\n').filter((line) => !NOISE.some((noise) => noise.test(line)));
  const kept =
    lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `  … ${lines.length - MAX_LINES} more lines`] : lines;
  return (
    `${browser.name} failed to launch from ${browser.executable} after ${now - launch.startedAt} ms ` +
    `(allowed ${launch.timeout} ms):\n${kept.join('\n')}`
  );
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
