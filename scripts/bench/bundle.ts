/** esbuild bundling of the bench's page code (an IIFE injected into the page's main world). */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Bundles `entry` (a file in scripts/bench/) for the page. Unminified: run.ts maps CPU
 * profiles to source files through esbuild's "// path" module comments.
 */
export async function bundle(entry: string, banner?: string): Promise<string> {
  const out = await build({
    entryPoints: [join(HERE, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    banner: banner ? { js: banner } : undefined,
  });
  return out.outputFiles[0]!.text;
}
