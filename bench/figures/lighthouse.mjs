/**
 * The board's first load (issue 23, item 14):
 * - boardJsGzipBytes: the JavaScript the built board loads before anything else — the entry script and the
 *   chunks it preloads, as listed in client/dist/index.html — gzipped at level 9 (what is sent compressed;
 *   the admin, manager and drawer chunks load on demand and are not counted).
 * - lighthouseMobileScore: Lighthouse 12's performance score for the board (default mobile form factor with
 *   its simulated slow 4G and 4× CPU throttling), signed in by the session cookie, in Debian's Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function boardJsGzipBytes(clientDir) {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(clientDir, f)), { level: 9 }).length, 0);
}

export async function lighthouseRun({ url, token }) {
  const [{ default: lighthouse }, { launch }] = await Promise.all([import('lighthouse'), import('chrome-launcher')]);
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const result = await lighthouse(`${url}/`, {
      port: chrome.port,
      onlyCategories: ['performance'],
      logLevel: 'error',
      output: 'json',
      extraHeaders: { Cookie: `relay_session=${token}` },
    });
    const lhr = result?.lhr;
    const audit = (id) => lhr?.audits[id]?.numericValue ?? null;
    return {
      lighthouseMobileScore: lhr?.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
      extra: {
        lighthouse: {
          fcpMs: audit('first-contentful-paint'),
          lcpMs: audit('largest-contentful-paint'),
          tbtMs: audit('total-blocking-time'),
          cls: audit('cumulative-layout-shift'),
          runtimeError: lhr?.runtimeError?.message ?? null,
        },
      },
    };
  } finally {
    await chrome.kill();
  }
}
