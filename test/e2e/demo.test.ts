import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type WebSocketRoute,
} from 'playwright-core';
import { buildDemo, demoIsStale, demoOutput } from '../../demo/uni-app/build';
import sharp from 'sharp';
import { chromiumPath } from '../helpers/browser-path';
import { tempFolder } from '../helpers/files';
import { destroyAll, inbox, readyChat, until, type Chat } from '../helpers/sdk';
import { ServerProcess } from '../helpers/server-process';

/**
 * The uni-app demo as a newcomer uses it: its H5 build served by the real server in dev mode, two Chromium
 * windows (Debian's chromium) logged in as alice and bob, and carol as an SDK client in Node.
 */
const CHROMIUM = chromiumPath();
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const BUILD_TIMEOUT = 180_000;
const SLOW = 30_000;

/** One browser window, with the page's console kept for failure messages and a switch for its network. */
interface Window {
  name: string;
  context: BrowserContext;
  page: Page;
  console: string[];
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
}

async function openWindow(browser: Browser, name: string, url: string): Promise<Window> {
  const context = await browser.newContext({ viewport: { width: 400, height: 720 } });
  // context.setOffline(true) stops new requests; whether it also ends a WebSocket that is already open is
  // not promised (older Chromium builds kept them, and this one takes seconds). Every socket is routed
  // through here, so going offline closes the open ones at once and refuses new ones, as a dropped network does.
  let offline = false;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(
    (address) => address.pathname === '/ws',
    (socket) => {
      if (offline) return void socket.close({ code: 4000, reason: 'offline' });
      const server = socket.connectToServer();
      sockets.add(socket);
      socket.onClose(() => {
        sockets.delete(socket);
        void server.close();
      });
      server.onClose(() => void socket.close());
    },
  );
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) =>
    console.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on(
    'response',
    (response) => response.status() >= 400 && console.push(`HTTP ${response.status()}: ${response.url()}`),
  );
  await page.goto(url);
  return {
    name,
    context,
    page,
    console,
    async goOffline() {
      offline = true;
      await context.setOffline(true);
      await Promise.all([...sockets].map((socket) => socket.close({ code: 4000, reason: 'offline' })));
    },
    async goOnline() {
      offline = false;
      await context.setOffline(false);
    },
  };
}

/** A small picture (sky, sun, hills), so the screenshots show something a person would send. */
function picture(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6db3f2"/><stop offset="1" stop-color="#d6ecff"/></linearGradient></defs>
    <rect width="240" height="160" fill="url(#sky)"/><circle cx="180" cy="45" r="22" fill="#ffd24d"/>
    <path d="M0 120 Q60 70 120 115 T240 105 V160 H0 Z" fill="#4caf50"/><path d="M0 140 Q80 110 160 140 T240 135 V160 H0 Z" fill="#2e7d32"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const bubbles = (page: Page, text: string): Locator => page.locator('.td-list .td-bubble__text', { hasText: text });
const conversationRow = (page: Page, conversationID: string): Locator =>
  page.locator(`.conv[data-conversation="${conversationID}"]`);
const groupRow = (page: Page): Locator => page.locator('.conv[data-conversation^="GROUP"]');

async function openChatWith(window: Window, userID: string): Promise<void> {
  await window.page.locator('.convs__action--chat').click();
  await window.page.locator('.convs__ask-input input').fill(userID);
  await window.page.locator('.convs__ask-go').click();
  await window.page.locator('.td-composer').waitFor();
}

async function backToList(window: Window): Promise<void> {
  await window.page.goBack();
  await window.page.locator('.convs__user').waitFor();
}

async function send(window: Window, text: string): Promise<void> {
  await window.page.locator('.td-composer__input input').fill(text);
  // The demo's UI is English: its chat page passes locale="en" to the components.
  await window.page.locator('.td-composer__send', { hasText: 'Send' }).click();
}

describe('the uni-app demo in two Chromium windows', () => {
  let server: ServerProcess;
  let browser: Browser;
  let alice: Window;
  let bob: Window;
  let carol: Chat;
  const files = tempFolder();

  /** Runs a step; on failure adds both windows' console output, which is where a page's errors go. */
  async function step(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const consoles = [alice, bob]
        .filter(Boolean)
        .map((window) => `--- ${window.name}'s console:\n${window.console.slice(-30).join('\n')}`);
      throw new Error(`${(error as Error).message}\n${consoles.join('\n')}`, { cause: error });
    }
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: npm test installs it as root, or set CHROMIUM_PATH`);
    if (demoIsStale('h5')) buildDemo('h5');
    server = await ServerProcess.start({ dev: true, staticDir: demoOutput('h5') });
    carol = await readyChat(server, 'carol');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    [alice, bob] = await Promise.all([
      openWindow(browser, 'alice', `${server.url}/`),
      openWindow(browser, 'bob', `${server.url}/`),
    ]);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const window of [alice, bob].filter(Boolean))
      await window.page.screenshot({ path: join(ARTIFACTS, `demo-${window.name}.png`) }).catch(() => undefined);
    await browser?.close();
    await destroyAll();
    await server?.close();
    files.cleanup();
  });

  test(
    'the login page says the userSigs are for development; alice picks her name, bob types his',
    () =>
      step(async () => {
        expect(await alice.page.locator('.login__warning').textContent()).toMatch(/never in production/);
        await alice.page.locator('.login__user', { hasText: 'alice' }).click();
        await bob.page.locator('.login__input input').fill('bob');
        await bob.page.locator('.login__go').click();
        expect(await alice.page.locator('.convs__user').textContent()).toBe('alice');
        expect(await bob.page.locator('.convs__user').textContent()).toBe('bob');
      }),
    SLOW,
  );

  test(
    "a hostile user ID gets the server's message, not a login",
    () =>
      step(async () => {
        const page = await alice.context.newPage();
        try {
          await page.goto(`${server.url}/`);
          await page.locator('.login__input input').fill('<bob>');
          await page.locator('.login__go').click();
          expect(await page.locator('.login__error').textContent()).toMatch(
            /is not valid; userIDs are letters, digits/,
          );
        } finally {
          await page.close();
        }
      }),
    SLOW,
  );

  test(
    'text both ways: the list shows the unread badge and the last message',
    () =>
      step(async () => {
        await openChatWith(alice, 'bob');
        await send(alice, 'Hello bob, typed in a browser');
        const row = conversationRow(bob.page, 'C2Calice');
        await row.locator('.conv__badge', { hasText: '1' }).waitFor();
        expect(await row.locator('.conv__last').textContent()).toBe('Hello bob, typed in a browser');
        await row.click();
        await bubbles(bob.page, 'Hello bob, typed in a browser').waitFor();
        await send(bob, 'Hi alice!');
        await bubbles(alice.page, 'Hi alice!').waitFor();
        await alice.page.locator('.td-list .td-bubble--out', { hasText: 'Hello bob' }).waitFor();
      }),
    SLOW,
  );

  test(
    'an image and a file sent through the real file inputs arrive on the other side',
    () =>
      step(async () => {
        const photo = files.write('hills.png', await picture());
        const notes = files.write('notes.txt', Buffer.from('meeting notes\n'));
        for (const [action, path] of [
          ['image', photo],
          ['file', notes],
        ] as const) {
          await alice.page.locator('.td-composer__toggle[aria-label="+"]').click();
          const [chooser] = await Promise.all([
            alice.page.waitForEvent('filechooser'),
            alice.page.locator(`.td-composer__action--${action}`).click(),
          ]);
          await chooser.setFiles(path);
        }
        await bob.page.locator('.td-list .td-bubble--in .td-bubble__image').waitFor({ timeout: 15_000 });
        await bob.page
          .locator('.td-list .td-bubble--in .td-bubble__file-name', { hasText: 'notes.txt' })
          .waitFor({ timeout: 15_000 });
        const imageLoaded = await bob.page
          .locator('.td-list .td-bubble__image img')
          .first()
          .evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);
        expect(imageLoaded).toBeGreaterThan(0);
        mkdirSync(ARTIFACTS, { recursive: true });
        await bob.page.screenshot({ path: join(ARTIFACTS, 'demo-chat.png') });
      }),
    SLOW,
  );

  test(
    "alice makes a group with bob and carol and @s bob: bob's list marks it, carol gets it",
    () =>
      step(async () => {
        const received = inbox(carol);
        await backToList(bob);
        await backToList(alice);
        await alice.page.locator('.convs__action--group').click();
        await alice.page.locator('.group__name input').fill('Trip');
        await alice.page.locator('.group__member', { hasText: 'bob' }).click();
        await alice.page.locator('.group__other input').fill('carol');
        await alice.page.locator('.group__add').click();
        await alice.page.locator('.group__create', { hasText: '(3)' }).click();
        await alice.page.locator('.td-composer').waitFor();
        await alice.page.locator('.td-composer__input input').fill('@');
        await alice.page.locator('.td-composer__member', { hasText: '@bob' }).click();
        await send(alice, '@bob see the plan');
        const row = groupRow(bob.page);
        await row.locator('.conv__at').waitFor({ timeout: 10_000 });
        expect(await row.locator('.conv__name').textContent()).toBe('Trip');
        expect(await row.locator('.conv__badge').textContent()).toBe('1');
        await until(() => received.some((message) => message.payload.text === '@bob see the plan'), 10_000);
        const mention = received.find((message) => message.payload.text === '@bob see the plan') as unknown as {
          atUserList: string[];
        };
        expect(mention.atUserList).toEqual(['bob']);
        await Promise.all([
          alice.page.screenshot({ path: join(ARTIFACTS, 'demo-group-alice.png') }),
          bob.page.screenshot({ path: join(ARTIFACTS, 'demo-list-bob.png') }),
        ]);
      }),
    SLOW,
  );

  test(
    'after a reload bob still has his unread counts, the @ mark and the history',
    () =>
      step(async () => {
        const before = await bob.page.locator('.conv').allTextContents();
        await bob.page.reload();
        await groupRow(bob.page).waitFor();
        expect(await bob.page.locator('.conv').allTextContents()).toEqual(before);
        await groupRow(bob.page).click();
        await bubbles(bob.page, '@bob see the plan').waitFor();
        await backToList(bob);
        await groupRow(bob.page).locator('.conv__badge').waitFor({ state: 'detached' });
        expect(await groupRow(bob.page).locator('.conv__at').count()).toBe(0);
        await conversationRow(bob.page, 'C2Calice').click();
        await bubbles(bob.page, 'Hello bob, typed in a browser').waitFor();
        await bob.page.locator('.td-list .td-bubble__file-name', { hasText: 'notes.txt' }).waitFor();
      }),
    SLOW,
  );

  test(
    "sent while offline: waits in the SDK's outbox (no app code), goes out on reconnect, delivered exactly once",
    () =>
      step(async () => {
        await backToList(alice);
        await conversationRow(alice.page, 'C2Cbob').click();
        await alice.page.locator('.td-composer').waitFor();
        await alice.goOffline();
        await alice.page.locator('.chat__offline').waitFor();
        await send(alice, 'written on the train');
        const waiting = alice.page.locator('.td-list .td-bubble--out', { hasText: 'written on the train' });
        // Shown at once by MESSAGE_STATUS_CHANGED as sending (unSend), not failed.
        await waiting.locator('.td-bubble__sending').waitFor();
        await alice.page.waitForTimeout(500);
        expect(await waiting.locator('.td-bubble__resend').count()).toBe(0);
        expect(await bubbles(bob.page, 'written on the train').count()).toBe(0);

        await alice.goOnline();
        await bubbles(bob.page, 'written on the train').waitFor({ timeout: 20_000 });
        await alice.page.locator('.chat__offline').waitFor({ state: 'detached' });
        await alice.page.locator('.td-list .td-bubble--out', { hasText: 'written on the train' }).waitFor();
        expect(await alice.page.locator('.td-list .td-bubble__resend').count()).toBe(0);
        await waiting.locator('.td-bubble__sending').waitFor({ state: 'detached' });
        await bob.page.waitForTimeout(500);
        expect(await bubbles(bob.page, 'written on the train').count()).toBe(1);
        expect(await bubbles(alice.page, 'written on the train').count()).toBe(1);
        await bob.page.reload();
        await bubbles(bob.page, 'Hi alice!').waitFor();
        expect(await bubbles(bob.page, 'written on the train').count()).toBe(1);
      }),
    SLOW,
  );
});
