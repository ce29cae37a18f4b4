/** Reads seeds/ from disk (the parsing itself is pure, in src/lib/kb/seeds.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle, parseCatalog, parseNotEntities } from '../src/lib/kb/seeds';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function loadSeeds(seedsDir = join(repoRoot, 'seeds')) {
  const articlesDir = join(seedsDir, 'articles');
  const files = readdirSync(articlesDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const articles = files.map((f) => parseArticle(f, readFileSync(join(articlesDir, f), 'utf8')));
  const catalog = parseCatalog(readFileSync(join(seedsDir, 'entities.yaml'), 'utf8'));
  const notEntities = parseNotEntities(readFileSync(join(seedsDir, 'not-entities.yaml'), 'utf8'));
  return { articles, catalog, notEntities };
}
