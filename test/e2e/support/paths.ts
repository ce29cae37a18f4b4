import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kb } from '../../../src/lib/kb/types';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built extensions; GLOSSA_E2E_CHROME_DIR / GLOSSA_E2E_FIREFOX_DIR test another build. */
export const CHROME_EXTENSION_DIR = resolve(process.env.GLOSSA_E2E_CHROME_DIR ?? join(ROOT, '.output/chrome-mv3'));
export const FIREFOX_EXTENSION_DIR = resolve(process.env.GLOSSA_E2E_FIREFOX_DIR ?? join(ROOT, '.output/firefox-mv2'));
export const FIXTURES_DIR = join(ROOT, 'test/e2e/fixtures');
export const KB_PATH = resolve(process.env.GLOSSA_E2E_KB ?? join(ROOT, 'src/generated/kb.json'));

export const CHROMIUM_PATH = process.env.GLOSSA_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.GLOSSA_FIREFOX ?? '/usr/bin/firefox-esr';

/** Fails with a message that says what to do when a prerequisite is absent. */
export function requireFile(path: string, hint: string): void {
  if (!existsSync(path)) throw new Error(`Missing ${path}: ${hint}`);
}

export function requireBuiltExtension(dir: string): void {
  requireFile(
    join(dir, 'manifest.json'),
    'build the extension first (`npm run build`, or `npx wxt build && npx wxt build -b firefox`).',
  );
}

/** The KB the build emitted, as the extension bundles it. */
export function loadKb(): Kb {
  requireFile(KB_PATH, 'run `npm run kb` (or `npm run build`) to generate the knowledge base.');
  return JSON.parse(readFileSync(KB_PATH, 'utf8')) as Kb;
}

export function kbCounts(kb: Kb): {
  sources: number;
  entities: number;
  claims: number;
} {
  return {
    sources: kb.sources.length,
    entities: kb.entities.length,
    claims: kb.claims.length,
  };
}

/**
 * A hint when the built extension predates src/generated/kb.json: the extension then bundles
 * an older KB than the one the tests compare against. Empty when the build looks fresh.
 */
export function staleBuildHint(extensionDir: string): string {
  try {
    const built = statSync(join(extensionDir, 'manifest.json')).mtimeMs;
    const kb = statSync(KB_PATH).mtimeMs;
    return kb > built
      ? `\nHint: ${KB_PATH} is newer than the build in ${extensionDir}; rebuild (\`npm run build\`)`
      : '';
  } catch {
    return '';
  }
}
