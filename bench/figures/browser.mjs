/**
 * Browser figures with Chromium (playwright-core), signed in by the session cookie:
 * - boardRenderMs: from navigation start to the board being interactive: every lane rendered
 *   (`[data-lane-key]`), their card counts adding up to the whole board, a card (`[data-card-id]`)
 *   on screen, and then one frame and one task later (the main thread is free to take input).
 * - dragFrameMs: the p95 of the main thread's work per frame while a card is dragged with the mouse
 *   across four lanes and back (per frame: from the first input handler of the frame, through
 *   animation-frame callbacks, style, layout and paint, to the first task after the frame, where the
 *   renders React schedules for pointer moves have run).
 */
import { chromium } from 'playwright-core';
import { percentile, mean } from '../lib/stats.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Installed before any page script: records when the board is interactive, and per-frame work during a drag. */
const INSTRUMENT = () => {
  const w = window;
  w.__bench = { readyAt: null, frames: [], recording: false };
  const expected = () => w.__benchExpectedCards;
  const boardReady = () => {
    const lanes = document.querySelectorAll('[data-lane-key]');
    if (lanes.length < w.__benchLanes || !document.querySelector('[data-lane-key] [data-card-id]')) return false;
    let total = 0;
    for (const el of document.querySelectorAll('.lane-count')) total += Number(el.textContent) || 0;
    return total >= expected();
  };
  const poll = () => {
    if (boardReady()) {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (w.__bench.readyAt = performance.now());
        ch.port2.postMessage(0);
      });
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);

  // Per-frame work while recording: first input handler of a frame → the first task after that frame.
  let frameStart = null;
  const onInput = () => {
    if (!w.__bench.recording || frameStart !== null) return;
    frameStart = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        w.__bench.frames.push(performance.now() - frameStart);
        frameStart = null;
      };
      ch.port2.postMessage(0);
    });
  };
  window.addEventListener('pointermove', onInput, { capture: true });
  window.addEventListener('mousemove', onInput, { capture: true });
  // Frame-to-frame intervals too (vsync-paced in Chromium, so about 16.7 ms when every frame is on time).
  w.__bench.intervals = [];
  let last = null;
  const tick = (t) => {
    if (w.__bench.recording && last !== null) w.__bench.intervals.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export async function browserRun({ browser, url, token, expectedCards, lanes, drag = true }) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addCookies([{ name: 'relay_session', value: token, url }]);
  await context.addInitScript(`window.__benchExpectedCards = ${expectedCards}; window.__benchLanes = ${lanes}; (${INSTRUMENT})();`);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${url}/`, { waitUntil: 'commit', timeout: 30_000 });
    await page.waitForFunction(() => window.__bench.readyAt !== null, null, { timeout: 30_000, polling: 50 });
    const boardRenderMs = await page.evaluate(() => window.__bench.readyAt);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const board = performance.getEntriesByType('resource').find((r) => /\/api\/board(\?|$)/.test(r.name));
      return {
        domContentLoaded: n?.domContentLoadedEventEnd ?? null,
        boardFetchEnd: board?.responseEnd ?? null,
        boardFetchMs: board ? board.responseEnd - board.startTime : null,
      };
    });
    const renderedCards = await page.locator('[data-card-id]').count();
    let dragResult = null;
    if (drag) dragResult = await dragAcross(page);
    return {
      boardRenderMs,
      dragFrameMs: dragResult?.p95 ?? null,
      extra: { ...nav, renderedCards, drag: dragResult, pageErrors: errors.slice(0, 3) },
    };
  } finally {
    await context.close();
  }
}

/** Drags the first card of the first lane four lanes to the right and back, then drops it where it was. */
async function dragAcross(page) {
  const laneBoxes = await page.$$eval('[data-lane-key]', (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { key: el.getAttribute('data-lane-key'), x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const card = page.locator(`[data-lane-key="${laneBoxes[0].key}"] [data-card-id]`).first();
  const box = await card.boundingBox();
  if (!box) throw new Error('no card to drag');
  const startX = box.x + box.width / 2;
  const startY = box.y + box.height / 2;
  const far = laneBoxes[Math.min(4, laneBoxes.length - 1)];
  const endX = far.x + far.width / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  // Past dnd-kit's 6 px activation distance.
  for (let i = 1; i <= 4; i++) {
    await page.mouse.move(startX + i * 3, startY + i);
    await page.waitForTimeout(8);
  }
  const activated = (await page.locator('.is-overlay').count()) > 0;
  await page.evaluate(() => {
    window.__bench.frames = [];
    window.__bench.intervals = [];
    window.__bench.recording = true;
  });
  const steps = 120;
  for (let i = 0; i <= steps; i++) {
    const t = i <= steps / 2 ? i / (steps / 2) : (steps - i) / (steps / 2);
    await page.mouse.move(startX + 12 + (endX - startX) * t, startY + 4 + 60 * Math.sin(t * Math.PI));
    await page.waitForTimeout(8);
  }
  await page.waitForTimeout(50);
  const { frames, intervals } = await page.evaluate(() => {
    window.__bench.recording = false;
    return { frames: window.__bench.frames, intervals: window.__bench.intervals };
  });
  await page.mouse.move(startX, startY);
  await page.mouse.up();
  const overlayLeft = await page.locator('.is-overlay').count();
  return {
    activated,
    frames: frames.length,
    p50: percentile(frames, 50),
    p95: percentile(frames, 95),
    max: frames.length ? Math.max(...frames) : null,
    meanIntervalMs: mean(intervals),
    p95IntervalMs: percentile(intervals, 95),
    overlayLeft,
  };
}
