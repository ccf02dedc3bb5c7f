import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { AccountView } from '../pages/AccountView.js';
import { AdminView } from '../pages/AdminView.js';
import { Bell } from '../pages/Bell.js';
import { BoardPage } from '../pages/BoardPage.js';
import { CardDrawer } from '../pages/CardDrawer.js';
import { CardsView } from '../pages/CardsView.js';
import { ConflictDialog } from '../pages/ConflictDialog.js';
import { ManagerView } from '../pages/ManagerView.js';
import { MissingItemsPanel } from '../pages/MissingItemsPanel.js';
import { NewCardForm } from '../pages/NewCardForm.js';
import { SendBackDialog } from '../pages/SendBackDialog.js';
import { SignInPage } from '../pages/SignInPage.js';
import { DEMO_PASSWORD, emailOf, type Person } from './api.js';
import { disconnectBrowser, newTab, type BrowserTab } from './browser.js';
import { serverLogFile } from './env.js';

const artifactsRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** One person at their own browser, signed in, with the page objects of what they see. */
export class Actor {
  readonly page: Page;
  readonly board: BoardPage;
  readonly drawer: CardDrawer;
  readonly bell: Bell;
  readonly missing: MissingItemsPanel;
  readonly newCard: NewCardForm;
  readonly sendBack: SendBackDialog;
  readonly conflict: ConflictDialog;
  readonly manager: ManagerView;
  readonly cards: CardsView;
  readonly admin: AdminView;
  readonly account: AccountView;

  constructor(
    readonly name: string,
    readonly person: Person,
    readonly tab: BrowserTab,
  ) {
    this.page = tab.page;
    this.board = new BoardPage(this.page);
    this.drawer = new CardDrawer(this.page);
    this.bell = new Bell(this.page);
    this.missing = new MissingItemsPanel(this.page);
    this.newCard = new NewCardForm(this.page);
    this.sendBack = new SendBackDialog(this.page);
    this.conflict = new ConflictDialog(this.page);
    this.manager = new ManagerView(this.page);
    this.cards = new CardsView(this.page);
    this.admin = new AdminView(this.page);
    this.account = new AccountView(this.page);
  }

  /** Opens a card from the board and waits for the drawer to show it. */
  async openCard(id: string, title: string): Promise<CardDrawer> {
    await this.board.openCard(id);
    await this.drawer.waitOpen(title);
    return this.drawer;
  }
}

/** The people and browsers of one journey; closes them all at the end and keeps evidence of a failure. */
export class Journey {
  private readonly actors: Actor[] = [];

  constructor(readonly slug: string) {}

  /** A new browser (context) for `person`, signed in through the sign-in page, on the live board. */
  async open(person: Person, name: string = person): Promise<Actor> {
    return this.openAs(emailOf(person), DEMO_PASSWORD, name, person);
  }

  /** A new browser for someone who is not a demo person (or not with the demo password); `role` as in PEOPLE. */
  async openAs(email: string, password: string, name: string, person: Person = 'ops'): Promise<Actor> {
    const tab = await newTab();
    const actor = new Actor(name, person, tab);
    this.actors.push(actor);
    const signIn = new SignInPage(tab.page);
    await signIn.open();
    await signIn.signIn(email, password);
    await actor.board.waitReady();
    return actor;
  }

  private steps = 0;
  private readonly started = Date.now();

  /**
   * A named step. With RELAY_E2E_STEPS=1 every open page is screenshotted to
   * artifacts/<journey>/steps/, to look at what the browsers showed along the way.
   */
  async step(name: string): Promise<void> {
    this.steps += 1;
    if (process.env.RELAY_E2E_STEPS !== '1') return;
    process.stderr.write(`  ${((Date.now() - this.started) / 1000).toFixed(1)}s ${this.slug.slice(0, 30)}: ${name}\n`);
    const dir = join(artifactsRoot, this.slug, 'steps');
    await mkdir(dir, { recursive: true });
    const prefix = `${String(this.steps).padStart(2, '0')}-${slugOf(name)}`;
    for (const a of this.actors) await a.page.screenshot({ path: join(dir, `${prefix}-${a.name}.png`) });
  }

  /** Screenshots every open page to artifacts/<journey>/<person>.png, its console log beside it, and the server's log. */
  async saveArtifacts(error: unknown): Promise<void> {
    const dir = join(artifactsRoot, this.slug);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'error.txt'), error instanceof Error ? (error.stack ?? error.message) : String(error));
    for (const a of this.actors) {
      await a.page.screenshot({ path: join(dir, `${a.name}.png`), timeout: 5_000 }).catch(() => undefined);
      await writeFile(join(dir, `${a.name}.console.log`), `${a.tab.log.join('\n')}\n`);
    }
    const log = serverLogFile();
    if (log) await copyFile(log, join(dir, 'server.log')).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.actors.map((a) => a.tab.context.close().catch(() => undefined)));
  }
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** A little under jest's testTimeout, so a stuck journey still leaves its screenshots behind. */
const JOURNEY_LIMIT_MS = 80_000;

/**
 * One journey = one jest test. Every browser it opens is screenshotted (with its console log) when it
 * fails, and closed when it ends.
 */
export function journey(name: string, body: (j: Journey) => Promise<void>, limitMs = JOURNEY_LIMIT_MS): void {
  test(
    name,
    async () => {
      const j = new Journey(
        slugOf(
          `${
            expect
              .getState()
              .testPath?.split('/')
              .pop()
              ?.replace(/\.spec\.ts$/, '') ?? ''
          } ${name}`,
        ),
      );
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the journey took longer than ${limitMs / 1000} s`)), limitMs);
      });
      try {
        await Promise.race([body(j), limit]);
      } catch (err) {
        await j.saveArtifacts(err);
        throw err;
      } finally {
        clearTimeout(timer);
        await j.close();
      }
    },
    limitMs + 10_000,
  );
}

// Each spec file connects to the run's browser once; let go of it when the file is done.
afterAll(() => disconnectBrowser());
