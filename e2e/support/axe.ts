import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

export interface AxeOptions {
  /** Only this part of the page (a CSS selector); the whole document by default. */
  selector?: string;
  /** axe's rule tags to run (e.g. `wcag2a`, `wcag2aa`); every rule by default. */
  runOnly?: string[];
  /** Only violations of these impacts (e.g. `serious`, `critical`); all by default. */
  impacts?: string[];
}

/**
 * axe-core's violations on the page as it is now, as `id: help (targets)` lines. axe is evaluated through the
 * DevTools protocol rather than added as a script tag: Relay's CSP refuses inline script, as it should.
 */
export async function accessibilityViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async ({ selector, runOnly }) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe;
    const context = selector ? document.querySelector(selector) : document;
    const result = await axe.run(context, runOnly ? { runOnly } : {});
    return result.violations.map((v) => ({
      impact: v.impact,
      line: `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    }));
  }, options);
  return violations.filter((v) => !options.impacts || options.impacts.includes(v.impact ?? '')).map((v) => v.line);
}

/** The serious and critical violations only: what the journeys allow none of on any screen. */
export const seriousViolations = (page: Page): Promise<string[]> => accessibilityViolations(page, { impacts: ['serious', 'critical'] });
