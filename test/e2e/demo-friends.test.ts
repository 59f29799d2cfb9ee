import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import TencentCloudChat from 'tidings';
import { buildDemo, demoIsStale, demoOutput } from '../../demo/uni-app/build';
import { chromiumPath } from '../helpers/browser-path';
import { destroyAll, readyChat, until, type Chat } from '../helpers/sdk';
import { ServerProcess } from '../helpers/server-process';

/**
 * The uni-app demo's friend request flow: alice in Chromium (the demo's H5 build), bob, carol and dave
 * as SDK clients in Node. She gets a request and accepts it, gets one and refuses it, sends one that is accepted.
 */
const CHROMIUM = chromiumPath();
const BUILD_TIMEOUT = 180_000;
const SLOW = 30_000;
const { EVENT, TYPES } = TencentCloudChat;

describe('the friend request flow in the uni-app demo', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let bob: Chat;
  let carol: Chat;
  let dave: Chat;
  const pageConsole: string[] = [];

  async function step(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- alice's console:\n${pageConsole.slice(-30).join('\n')}`, {
        cause: error,
      });
    }
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: npm test installs it as root, or set CHROMIUM_PATH`);
    if (demoIsStale('h5')) buildDemo('h5');
    server = await ServerProcess.start({ dev: true, staticDir: demoOutput('h5') });
    [bob, carol, dave] = await Promise.all(['bob', 'carol', 'dave'].map((id) => readyChat(server, id)));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 400, height: 720 } });
    page = await context.newPage();
    page.on('console', (message) => pageConsole.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => pageConsole.push(`pageerror: ${error.message}`));
    await page.goto(`${server.url}/`);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await destroyAll();
    await server?.close();
  });

  test(
    'a request to alice shows up with its word; she accepts and both have a friend',
    () =>
      step(async () => {
        await page.locator('.login__user', { hasText: 'alice' }).click();
        await page.locator('.convs__user').waitFor();
        expect((await bob.addFriend({ to: 'alice', wording: 'Bob from the climbing club' })).data.code).toBe(30539);
        await page.locator('.convs__action--friends').click();
        const request = page.locator('.request[data-from="bob"]');
        await request.waitFor();
        expect(await request.locator('.request__wording').textContent()).toBe('Bob from the climbing club');
        const bobFriends: Array<Array<{ userID: string }>> = [];
        bob.on(EVENT.FRIEND_LIST_UPDATED, ({ data }) => bobFriends.push(data as Array<{ userID: string }>));
        await request.locator('.request__accept').click();
        await page.locator('.friend[data-friend="bob"]').waitFor();
        await request.waitFor({ state: 'detached' });
        await until(() => bobFriends.at(-1)?.[0]?.userID === 'alice');
      }),
    SLOW,
  );

  test(
    'a request that arrives while the page is open appears by itself; she refuses it',
    () =>
      step(async () => {
        await carol.addFriend({ to: 'alice', wording: 'hello?' });
        const request = page.locator('.request[data-from="carol"]');
        await request.waitFor();
        await request.locator('.request__refuse').click();
        await request.waitFor({ state: 'detached' });
        expect((await carol.getFriendApplicationList()).data.friendApplicationList).toEqual([]);
        expect((await carol.getFriendList()).data).toEqual([]);
      }),
    SLOW,
  );

  test(
    'she sends a request; it waits until dave accepts it, then dave is her friend',
    () =>
      step(async () => {
        await page.locator('.friends__to input').fill('dave');
        await page.locator('.friends__wording input').fill('Alice here');
        await page.locator('.friends__send').click();
        expect(await page.locator('.friends__notice').textContent()).toBe('Request sent to dave.');
        await page.locator('.request--sent[data-to="dave"]').waitFor();
        const { data } = await dave.getFriendApplicationList();
        expect(data.friendApplicationList).toEqual([
          expect.objectContaining({ userID: 'alice', type: TYPES.SNS_APPLICATION_SENT_TO_ME, wording: 'Alice here' }),
        ]);
        await dave.acceptFriendApplication({ userID: 'alice' });
        await page.locator('.friend[data-friend="dave"]').waitFor();
        await page.locator('.request--sent[data-to="dave"]').waitFor({ state: 'detached' });
      }),
    SLOW,
  );
});
