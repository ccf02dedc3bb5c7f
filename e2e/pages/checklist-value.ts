import type { Locator, Page, Response } from 'playwright-core';
import { WAIT_MS } from '../support/env.js';

/**
 * What a person enters for a checklist item in the browser. `true` ticks a check item; a string is
 * typed (text, number, date), chosen (choice) or picked by name (person); a file is uploaded.
 */
export type UiValue = true | string | number | { file: string };

/** The item's control (every control is labelled with the item's label) and its kind. */
export async function itemControl(scope: Locator, label: string): Promise<{ control: Locator; kind: string }> {
  const control = scope.getByLabel(label, { exact: true });
  await control.waitFor({ state: 'attached' });
  const kind = await control.evaluate((el) => el.closest<HTMLElement>('[data-kind]')?.dataset.kind ?? '');
  return { control, kind };
}

const isWrite = (res: Response) => {
  const method = res.request().method();
  return (
    (method === 'PUT' && /\/api\/cards\/[^/]+\/checklist\//.test(res.url())) || (method === 'POST' && /\/attachments$/.test(res.url()))
  );
};

/**
 * Resolves once `count` checklist writes (ticks, uploads) have been answered, rejects when one is
 * refused or none comes within WAIT_MS (then with whatever error the page shows in `scope`).
 */
function checklistWrites(page: Page, scope: Locator, label: string, count: number): { done: Promise<void>; stop(): void } {
  let onResponse: (res: Response) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    let seen = 0;
    onResponse = (res) => {
      if (!isWrite(res)) return;
      if (!res.ok()) {
        void res.text().then((t) => reject(new Error(`"${label}" was refused: ${res.status()} ${t}`)));
        return;
      }
      seen += 1;
      if (seen >= count) resolve();
    };
    page.on('response', onResponse);
    timer = setTimeout(() => {
      void scope
        .getByRole('alert')
        .allTextContents()
        .catch(() => [] as string[])
        .then((shown) =>
          reject(new Error(`no answer to "${label}" within ${WAIT_MS} ms${shown.length ? `; the page says: ${shown.join(' | ')}` : ''}`)),
        );
    }, WAIT_MS);
  });
  // Awaited by the caller; this only keeps a late refusal after `stop` from being an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    stop: () => {
      clearTimeout(timer);
      page.off('response', onResponse);
    },
  };
}

/**
 * Enters `value` in the item's control, as a person would, and waits for the server's answer to the
 * write (the tick, or the upload and then the tick). Throws when the server refuses it.
 */
export async function enterValue(page: Page, scope: Locator, label: string, value: UiValue): Promise<void> {
  const { control, kind } = await itemControl(scope, label);
  const writes = checklistWrites(page, scope, label, kind === 'file' ? 2 : 1);
  try {
    switch (kind) {
      case 'check':
        await control.check();
        break;
      case 'text':
      case 'number':
        await control.fill(String(value));
        await scope.getByRole('button', { name: `Save ${label}`, exact: true }).click();
        break;
      case 'date':
        await control.fill(String(value));
        break;
      case 'choice':
        await control.selectOption(String(value));
        break;
      case 'user':
        await control.selectOption({ label: String(value) });
        break;
      case 'file': {
        const name = typeof value === 'object' ? value.file : `${label.toLowerCase().replace(/\W+/g, '-')}.txt`;
        await control.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`${label}\n`) });
        break;
      }
      default:
        throw new Error(`"${label}" has a control of unknown kind "${kind}"`);
    }
    await writes.done;
  } finally {
    writes.stop();
  }
}
