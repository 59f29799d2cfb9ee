import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildGallery } from '../../../components/uni/gallery/build';
import { serveStatic } from '../../uni/static-server';
import {
  CONVERSATION,
  FIXTURE_REACTIONS,
  SEE_ITEMS,
  SELF,
  TAPS,
  TWIN_REVOKE_SECONDS,
  type FixtureMessage,
  type SeenItem,
} from './fixture';
import type { TwinRun } from './wechat-twin';

const CHROMIUM = '/usr/bin/chromium';

/** The uni twin: the gallery's H5 build (the real uni-app compiler) in Chromium, on the same clock zone as this test. */
export class UniTwin {
  private constructor(
    private readonly browser: Browser,
    private readonly web: Server,
  ) {}

  static async start(): Promise<UniTwin> {
    const web = await serveStatic(buildGallery('h5'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    return new UniTwin(browser, web);
  }

  /** The twins page showing `messages` in a message-list of `width` px. */
  async open(messages: FixtureMessage[], locale: string, width = 420): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width, height: 1200 },
      timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const page = await context.newPage();
    await page.addInitScript((twin) => Object.assign(globalThis, { __TIDINGS_TWIN__: twin }), {
      messages,
      locale,
      selfUserID: SELF,
      conversationID: CONVERSATION,
      reactions: FIXTURE_REACTIONS,
      revokeSeconds: TWIN_REVOKE_SECONDS,
    });
    // A tap on a link, file or location opens a window: keep them out of the way.
    await page.addInitScript(() => Object.assign(globalThis, { open: () => null }));
    await page.goto(`http://127.0.0.1:${(this.web.address() as AddressInfo).port}/index.html#/pages/twins/twins`);
    await page.waitForSelector('.twins[data-status="history"]', { timeout: 20_000 });
    await page.waitForFunction(`document.querySelectorAll('.td-list__item').length === ${messages.length}`);
    return page;
  }

  /** What the list shows, the message-tap of each of TAPS, the chat calls they made, and what it shows after them. */
  async render(messages: FixtureMessage[], locale: string): Promise<TwinRun> {
    const page = await this.open(messages, locale);
    const see = () => page.evaluate<SeenItem[]>(`(${SEE_ITEMS})(document.querySelector('.td-list'))`);
    try {
      // Reactions arrive after the page.
      await page.waitForTimeout(100);
      const items = await see();
      for (const tap of TAPS) {
        const row = page.locator('.td-list__item').nth(messages.findIndex((message) => message.ID === tap.ID));
        if (tap.longPress) {
          // What uni-h5 dispatches after a 350 ms touch: a bubbling CustomEvent carrying the touches.
          await row
            .locator('.td-bubble__content')
            .first()
            .evaluate((element) => {
              const event = Object.assign(new CustomEvent('longpress', { bubbles: true, cancelable: true }), {
                touches: [],
                changedTouches: [],
              });
              element.dispatchEvent(event);
            });
          await page.waitForTimeout(50);
        }
        await row.locator(tap.selector).first().dispatchEvent('click');
        await page.waitForTimeout(50);
      }
      const taps = await page.evaluate<Array<Record<string, unknown>>>('window.__TIDINGS_TAPS__');
      const calls = await page.evaluate<unknown[][]>('window.__TIDINGS_CALLS__');
      return { items, taps, calls, after: await see() };
    } finally {
      await page.context().close();
    }
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((done) => this.web.close(done));
  }
}
