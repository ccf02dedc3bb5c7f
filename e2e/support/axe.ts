import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * axe-core's violations on the page as it is now, as `id: help (targets)` lines. axe is evaluated through the
 * DevTools protocol rather than added as a script tag: Relay's CSP refuses inline script, as it should.
 */
export async function accessibilityViolations(page: Page, impacts?: string[]): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({
      impact: v.impact,
      line: `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    }));
  });
  return violations.filter((v) => !impacts || impacts.includes(v.impact ?? '')).map((v) => v.line);
}
