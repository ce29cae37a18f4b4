/**
 * axe-core in the extension's own pages (popup, side panel, reader). Their CSP
 * (`script-src 'self'`) blocks an injected <script> tag, so axe's source is evaluated
 * through the automation protocol instead (not subject to the page's CSP).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './paths';

export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs `source` (a script) in the page: Playwright and Puppeteer both take a string. */
export type EvaluateScript = (source: string) => Promise<unknown>;

/**
 * axe's serious and critical violations on the page as it is now (WCAG 2.x A/AA and best
 * practices). Moderate and minor findings are left out, as the project's bar is "no
 * serious or critical violation".
 */
export async function seriousViolations(
  evaluateScript: EvaluateScript,
  evaluate: <R>(fn: () => Promise<R>) => Promise<R>,
): Promise<AxeViolation[]> {
  const loaded = await evaluate(async () => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await evaluateScript(AXE_SOURCE);
  const violations = await evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: (v.impact ?? null) as string | null,
      help: v.help as string,
      nodes: (v.nodes as { target: unknown; failureSummary?: string }[])
        .slice(0, 5)
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Chromium: no serious or critical axe violation on `page` in the light and in the dark colour
 * scheme; leaves the page in the light scheme.
 */
export async function expectAccessibleLightAndDark(page: PwPage, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await seriousViolations(
      (source) => page.evaluate(source),
      (fn) => page.evaluate(fn),
    );
    expect(violations, `axe: serious/critical violations on ${what} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
