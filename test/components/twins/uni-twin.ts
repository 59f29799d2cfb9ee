import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildGallery } from '../../../components/uni/gallery/build';
import { serveStatic } from '../../uni/static-server';
import { CONVERSATION, SEE_ITEMS, SELF, TAPS, type FixtureMessage, type SeenItem } from './fixture';

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
    });
    // A tap on a link, file or location opens a window: keep them out of the way.
    await page.addInitScript(() => Object.assign(globalThis, { open: () => null }));
    await page.goto(`http://127.0.0.1:${(this.web.address() as AddressInfo).port}/index.html#/pages/twins/twins`);
    await page.waitForSelector('.twins[data-status="history"]', { timeout: 20_000 });
    await page.waitForFunction(`document.querySelectorAll('.td-list__item').length === ${messages.length}`);
    return page;
  }

  /** What the list shows, and the message-tap of each of TAPS. */
  async render(
    messages: FixtureMessage[],
    locale: string,
  ): Promise<{ items: SeenItem[]; taps: Array<Record<string, unknown>> }> {
    const page = await this.open(messages, locale);
    try {
      const items = await page.evaluate<SeenItem[]>(`(${SEE_ITEMS})(document.querySelector('.td-list'))`);
      for (const tap of TAPS) {
        const index = messages.findIndex((message) => message.ID === tap.ID);
        await page.locator('.td-list__item').nth(index).locator(tap.selector).first().dispatchEvent('click');
        await page.waitForTimeout(50);
      }
      const taps = await page.evaluate<Array<Record<string, unknown>>>('window.__TIDINGS_TAPS__');
      return { items, taps };
    } finally {
      await page.context().close();
    }
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((done) => this.web.close(done));
  }
}
