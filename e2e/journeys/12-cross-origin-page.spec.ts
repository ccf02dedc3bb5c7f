import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { getCard, newCard } from '../support/api.js';
import { relayUrl } from '../support/env.js';
import { journey } from '../support/journey.js';

/**
 * Opens a raw socket.io (engine.io v4) connection from the page and reports the namespace's answer:
 * `40…` connected, `44…` refused with the server's message.
 */
function socketAnswer(page: Page, relay: string): Promise<string> {
  return page.evaluate(
    (base) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
        ws.onmessage = (m) => {
          const data = String(m.data);
          if (data.startsWith('0')) ws.send('40');
          else if (data.startsWith('4')) {
            resolve(data);
            ws.close();
          }
        };
        ws.onerror = () => resolve('error');
      }),
    relay,
  );
}

journey('a page on another port of the same host can neither act as the signed-in person nor open their live board', async (j) => {
  const { customer, card } = await newCard('Forged Pickup Co');
  const relay = relayUrl();
  const ops = await j.open('ops');

  // The same host, another port: the same site, so the browser sends the SameSite=Lax session cookie along.
  const evil: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><title>Win a prize</title>
      <form id="forge" method="POST" action="${relay}/api/cards/${card.id}/pickup"></form>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, new URL(relay).hostname, resolve));
  const evilUrl = `http://${new URL(relay).hostname}:${(evil.address() as AddressInfo).port}/`;
  try {
    // Its own page can open the live socket (this is how the board does it)...
    expect(await socketAnswer(ops.page, relay)).toMatch(/^40/);

    // ...a page of the other origin is refused, though the browser sent the cookie.
    const page = await ops.tab.context.newPage();
    await page.goto(evilUrl);
    expect(await socketAnswer(page, relay)).toMatch(/^44.*CROSS_ORIGIN/);
    await j.step('socket refused');

    // A plain form POST, which needs no CORS: the pickup would be made in Olive's name.
    const [response] = await Promise.all([page.waitForNavigation(), page.locator('#forge').evaluate((f: HTMLFormElement) => f.submit())]);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('CROSS_ORIGIN');
    expect((await getCard(card.id)).pickedUpBy).toBeNull();
    await j.step('pickup refused');

    // From the board itself, the same pickup works.
    await ops.openCard(card.id, customer);
    await ops.drawer.pickUp();
    await ops.drawer.holder().filter({ hasText: 'Picked up by you' }).waitFor();
    expect((await getCard(card.id)).pickedUpBy?.name).toBe('Olive Ops');
    await page.close();
  } finally {
    await new Promise((resolve) => evil.close(resolve));
  }
});
