import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { buildDemo, demoIsStale, demoOutput } from '../../demo/uni-app/build';
import { chromiumPath } from '../helpers/browser-path';
import { destroyAll, readyChat, sendText, type Chat } from '../helpers/sdk';
import { ServerProcess } from '../helpers/server-process';

/**
 * Issue 15 in the uni-app demo (H5 in Chromium, the real server): conversation pin / mute / delete, the profile
 * page, search, and the bubbles' long-press menu. The SDK methods these call (pinConversation,
 * setMessageRemindType, deleteConversation, getMyProfile, updateMyProfile, searchCloudMessages, revokeMessage,
 * addMessageReaction) run against the real server.
 */
const CHROMIUM = chromiumPath();
const BUILD_TIMEOUT = 180_000;
const SLOW = 30_000;

let server: ServerProcess;
let browser: Browser;
let page: Page;
let carol: Chat;
let erin: Chat;

/** Polls an async condition for up to 10 s. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 10_000; !(await condition()); await new Promise((done) => setTimeout(done, 100)))
    if (Date.now() > end) throw new Error(`still false after 10 s: ${condition.toString()}`);
}
const firstRow = () => page.locator('.conv').first().getAttribute('data-conversation');
const row = (conversationID: string) => page.locator(`.conv[data-conversation="${conversationID}"]`);

/** dave logs in through the login page; carol and erin write to him from Node. */
async function start(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: npm test installs it as root, or set CHROMIUM_PATH`);
  if (demoIsStale('h5')) buildDemo('h5');
  server = await ServerProcess.start({ dev: true, staticDir: demoOutput('h5') });
  [carol, erin] = await Promise.all([readyChat(server, 'carol'), readyChat(server, 'erin')]);
  await sendText(carol, 'dave', 'hello from carol');
  await sendText(erin, 'dave', 'hello from erin');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  page = await (await browser.newContext({ viewport: { width: 400, height: 720 } })).newPage();
  await page.goto(`${server.url}/`);
  await page.locator('.login__input input').fill('dave');
  await page.locator('.login__go').click();
  await row('C2Ccarol').waitFor();
}

async function stop(): Promise<void> {
  await browser?.close();
  await destroyAll();
  await server?.close();
}

/** What a long press does in uni-h5: a bubbling `longpress` CustomEvent with the touches. */
async function longPress(selector: string): Promise<void> {
  await page.locator(selector).first().waitFor();
  await page.evaluate(`(() => {
    const event = Object.assign(new CustomEvent('longpress', { bubbles: true, cancelable: true }), { touches: [], changedTouches: [] });
    document.querySelector(${JSON.stringify(selector)}).dispatchEvent(event);
  })()`);
}

describe('pinConversation, setMessageRemindType, deleteConversation', () => {
  beforeAll(start, BUILD_TIMEOUT);
  afterAll(stop);

  test(
    'a long press pins a conversation: it goes first, with a mark; unpin puts it back in time order',
    async () => {
      // erin wrote last, so she is first until carol is pinned.
      await eventually(async () => (await firstRow()) === 'C2Cerin');
      await longPress('.conv[data-conversation="C2Ccarol"]');
      await row('C2Ccarol').locator('.conv__menu-item--pin').click();
      await eventually(async () => (await firstRow()) === 'C2Ccarol');
      expect(await row('C2Ccarol').locator('.conv__pin').count()).toBe(1);
      await longPress('.conv[data-conversation="C2Ccarol"]');
      await row('C2Ccarol').locator('.conv__menu-item--pin', { hasText: 'Unpin' }).click();
      await eventually(async () => (await firstRow()) === 'C2Cerin');
    },
    SLOW,
  );

  test(
    'mute shows the muted icon and a dot for unread instead of a count',
    async () => {
      await longPress('.conv[data-conversation="C2Cerin"]');
      await row('C2Cerin').locator('.conv__menu-item--mute').click();
      await row('C2Cerin').locator('.conv__mute').waitFor();
      await sendText(erin, 'dave', 'one more');
      await row('C2Cerin').locator('.conv__dot').waitFor();
      expect(await row('C2Cerin').locator('.conv__badge').count()).toBe(0);
    },
    SLOW,
  );

  test(
    'delete removes the conversation from the list, and it stays gone after a reload',
    async () => {
      await longPress('.conv[data-conversation="C2Cerin"]');
      await row('C2Cerin').locator('.conv__menu-item--delete').click();
      await eventually(async () => (await row('C2Cerin').count()) === 0);
      await page.reload();
      await row('C2Ccarol').waitFor();
      expect(await row('C2Cerin').count()).toBe(0);
    },
    SLOW,
  );
});

describe('getMyProfile, updateMyProfile and nick/avatar on messages', () => {
  beforeAll(start, BUILD_TIMEOUT);
  afterAll(stop);

  test(
    "the profile page sets a nick and an uploaded avatar; carol's copy of dave's messages carries both",
    async () => {
      await page.locator('.convs__action--profile').click();
      await page.locator('.profile__nick input').fill('Dave D.');
      await page.locator('.profile__save').click();
      await page.locator('.profile__status', { hasText: 'Saved' }).waitFor();
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff9f2e' } })
        .png()
        .toBuffer();
      const chooser = page.waitForEvent('filechooser');
      await page.locator('.profile__avatar').click();
      await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
      await page.locator('.profile__status', { hasText: 'Avatar changed' }).waitFor();
      const { data } = await carol.getUserProfile({ userIDList: ['dave'] });
      expect(data[0]).toMatchObject({ nick: 'Dave D.', avatar: expect.stringMatching(/^https?:/) });
    },
    SLOW,
  );
});

describe('searchCloudMessages', () => {
  beforeAll(start, BUILD_TIMEOUT);
  afterAll(stop);

  test(
    'search finds the messages with a word, by conversation, and a result opens the chat',
    async () => {
      await page.locator('.convs__action--search').click();
      await page.locator('.search__input input').fill('carol');
      await page.locator('.search__go').click();
      await page.locator('.search__result[data-conversation="C2Ccarol"]').waitFor();
      expect(await page.locator('.search__line').first().textContent()).toContain('hello from carol');
      await page.locator('.search__result').first().click();
      await page.locator('.td-composer').waitFor();
    },
    SLOW,
  );
});

describe('revokeMessage and addMessageReaction', () => {
  beforeAll(start, BUILD_TIMEOUT);
  afterAll(stop);

  test(
    "the bubble menu recalls one's own message (carol sees the notice) and reacts to carol's",
    async () => {
      await row('C2Ccarol').click();
      await page.locator('.td-composer__input input').fill('to be recalled');
      await page.locator('.td-composer__send').click();
      await page.locator('.td-bubble__text', { hasText: 'to be recalled' }).waitFor();
      await longPress('.td-bubble--out .td-bubble__content');
      await page.locator('.td-bubble__menu-item--revoke').click();
      await page.locator('.td-bubble__re-edit').waitFor();
      await longPress('.td-bubble--in .td-bubble__content');
      await page.locator('.td-bubble__menu-face').first().click();
      await page.locator('.td-bubble__reaction--mine').waitFor();
      await eventually(async () => {
        const { data } = await carol.getMessageList({ conversationID: 'C2Cdave' });
        return data.messageList.some((message) => message.isRevoked);
      });
    },
    SLOW,
  );
});
