import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildGallery } from '../../components/uni/gallery/build';
import { chromiumPath } from '../helpers/browser-path';
import { makeImage, tempFolder } from '../helpers/files';
import { destroyAll, inbox, readyChat, until, type Chat } from '../helpers/sdk';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { serveStatic } from './static-server';

/**
 * The uni-app components, compiled by the real uni-app compiler: the gallery page's H5 build in
 * Chromium (Debian's, `.ci/run` installs it) against the real server, and its mp-weixin build.
 */
const CHROMIUM = chromiumPath();
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const ME = 'gallery-me';
const PEER = 'gallery-peer';
const BUILD_TIMEOUT = 180_000;

/** One message of every type the server stores, from the peer to the gallery's user. */
async function sendOneOfEachType(peer: Chat, files: ReturnType<typeof tempFolder>): Promise<void> {
  const to = { to: ME, conversationType: 'C2C' as const };
  const voice = Buffer.alloc(20_000, 1);
  const video = Buffer.alloc(60_000, 2);
  const photo = await makeImage(120, 80);
  const messages = [
    peer.createTextMessage({ ...to, payload: { text: 'Hello from the peer, see https://example.com' } }),
    peer.createImageMessage({
      ...to,
      payload: { file: { tempFiles: [{ path: files.write('photo.png', photo), size: photo.length }] } },
    }),
    peer.createAudioMessage({
      ...to,
      payload: { file: { tempFilePath: files.write('voice.aac', voice), duration: 3200, fileSize: voice.length } },
    }),
    peer.createVideoMessage({
      ...to,
      payload: {
        file: {
          tempFilePath: files.write('clip.mp4', video),
          duration: 7,
          size: video.length,
          thumbTempFilePath: files.write('clip.jpg', await makeImage(160, 90, 'jpeg')),
        },
      },
    }),
    peer.createFileMessage({
      ...to,
      payload: {
        file: { tempFiles: [{ path: files.write('notes.txt', Buffer.from('notes')), size: 5, name: 'notes.txt' }] },
      },
    }),
    peer.createFaceMessage({ ...to, payload: { index: 3, data: '😎' } }),
    peer.createLocationMessage({ ...to, payload: { description: 'Shenzhen Bay', longitude: 113.95, latitude: 22.51 } }),
    peer.createCustomMessage({
      ...to,
      payload: { data: '{"kind":"order"}', description: 'An order card', extension: '' },
    }),
  ];
  for (const message of messages) await peer.sendMessage(message);
  const merger = peer.createMergerMessage({
    ...to,
    payload: {
      messageList: messages.slice(0, 2),
      title: 'Peer chat history',
      abstractList: ['peer: Hello', 'peer: [image]'],
      compatibleText: 'upgrade',
    },
  });
  await peer.sendMessage(merger);
}

describe('uni-app gallery (H5 build in Chromium)', () => {
  let server: ServerProcess;
  let web: Server;
  let browser: Browser;
  let page: Page;
  let peer: Chat;
  const files = tempFolder();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: npm test installs it as root, or set CHROMIUM_PATH`);
    const h5 = buildGallery('h5');
    server = await ServerProcess.start();
    peer = await readyChat(server, PEER);
    await sendOneOfEachType(peer, files);
    web = await serveStatic(h5);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    ({ page } = await openGallery(ME));
  }, BUILD_TIMEOUT);

  /** A gallery page signed in as `userID`, its history loaded; `locale` goes to every component. `console` collects its console. */
  async function openGallery(userID: string, locale?: string): Promise<{ page: Page; console: string[] }> {
    const opened = await browser.newPage({ viewport: { width: 420, height: 1800 } });
    const query = new URLSearchParams({
      server: server.url,
      userID,
      userSig: server.userSig(userID),
      peer: PEER,
      SDKAppID: String(TEST_SDKAPPID),
      ...(locale ? { locale } : {}),
    });
    const console: string[] = [];
    opened.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    opened.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
    await opened.goto(
      `http://127.0.0.1:${(web.address() as AddressInfo).port}/index.html#/pages/gallery/gallery?${query.toString()}`,
    );
    await opened
      .waitForSelector('.gallery__status[data-status="history"]', { timeout: 20_000 })
      .catch(async (error: Error) => {
        const status = await opened
          .locator('.gallery__status')
          .textContent()
          .catch(() => '(no status element)');
        throw new Error(
          `the gallery did not load its history: status ${status}\n${console.join('\n')}\n${error.message}`,
        );
      });
    return { page: opened, console };
  }

  /** The built-in texts a gallery page shows. */
  async function builtInTexts(shown: Page) {
    const textOf = async (selector: string) => ((await shown.locator(selector).first().textContent()) ?? '').trim();
    return {
      send: await textOf('.td-composer__send'),
      placeholder: await shown.locator('.td-composer__input').first().getAttribute('aria-label'),
      noMore: await textOf('.td-list .td-list__more'),
      tip: await textOf('.gallery__fixtures .td-bubble--tip .td-bubble__notice'),
      revoked: await textOf('.gallery__fixtures .td-bubble--revoked .td-bubble__notice'),
      failed: await textOf('.gallery__fixtures .td-bubble__failed'),
    };
  }

  afterAll(async () => {
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'uni-gallery.png'), fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    await new Promise((done) => (web ? web.close(done) : done(undefined)));
    await destroyAll();
    await server?.close();
    files.cleanup();
  });

  test.each([
    ['text with a link', '.td-list .td-bubble__segment--link'],
    ['image', '.td-list .td-bubble__image'],
    ['audio', '.td-list .td-bubble__audio'],
    ['video', '.td-list .td-bubble__video'],
    ['file', '.td-list .td-bubble__file'],
    ['face', '.td-list .td-bubble__face'],
    ['location', '.td-list .td-bubble__location'],
    ['custom (description as fallback)', '.td-list .td-bubble__custom'],
    ['merger', '.td-list .td-bubble__merger'],
    ['group tip', '.gallery__fixtures .td-bubble--tip .td-bubble__notice'],
    ['@ mention of the viewer', '.gallery__fixtures .td-bubble__segment--at-me'],
    ['revoked', '.gallery__fixtures .td-bubble--revoked'],
    ['sending with upload progress', '.gallery__fixtures .td-bubble__progress'],
    ['failed with a resend action', '.gallery__fixtures .td-bubble__resend'],
  ])('shows a %s bubble', async (_name, selector) => {
    expect(await page.locator(selector).first().isVisible()).toBe(true);
  });

  test('bubbles show what the messages hold, in and out flows', async () => {
    expect(await page.locator('.td-list .td-bubble__file-name').first().textContent()).toBe('notes.txt');
    expect(await page.locator('.td-list .td-bubble__custom').first().textContent()).toContain('An order card');
    expect(await page.locator('.td-list .td-bubble__merger-title').first().textContent()).toBe('Peer chat history');
    expect(await page.locator('.td-list .td-bubble__location-description').first().textContent()).toContain(
      'Shenzhen Bay',
    );
    expect(await page.locator('.td-list .td-bubble__progress').count()).toBe(0);
    expect(await page.locator('.gallery__fixtures .td-bubble__progress').first().textContent()).toBe('42%');
    expect(await page.locator('.td-list .td-bubble--in').count()).toBe(9);
    expect(await page.locator('.td-list .td-list__time').count()).toBeGreaterThan(0);
  });

  test('a message the peer sends while the page is open is appended', async () => {
    await peer.sendMessage(
      peer.createTextMessage({ to: ME, conversationType: 'C2C', payload: { text: 'arrived live' } }),
    );
    await page.locator('.td-list .td-bubble__text', { hasText: 'arrived live' }).waitFor({ timeout: 5000 });
  });

  test('the composer sends a text that the peer receives, and the list shows it as sent', async () => {
    const received = inbox(peer);
    await page.locator('.td-composer__input input').fill('typed in the gallery');
    await page.locator('.td-composer__send').click();
    await until(() => received.some((message) => message.payload.text === 'typed in the gallery'), 10_000);
    const bubble = page.locator('.td-list .td-bubble--out.td-bubble--success', { hasText: 'typed in the gallery' });
    await bubble.waitFor({ timeout: 5000 });
    expect(await page.locator('.gallery__log').textContent()).toContain('sent TIMTextElem');
  });

  test('a send tapped right after typing sends the whole text (uni H5 reports typing only every 100 ms)', async () => {
    const received = inbox(peer);
    const input = page.locator('.td-composer__input input');
    // Two keystrokes' input events and the tap in one task, as a fast typist on a phone produces them
    // (a string, since the tests' TypeScript has no DOM types).
    await page.evaluate(`(() => {
      const field = document.querySelector('.td-composer__input input');
      for (const value of ['typed fast', 'typed fast and sent at once']) {
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      document.querySelector('.td-composer__send').click();
    })()`);
    await until(() => received.some((message) => message.payload.text?.startsWith('typed fast')), 10_000);
    expect(
      received
        .filter((message) => message.payload.text?.startsWith('typed fast'))
        .map((message) => message.payload.text),
    ).toEqual(['typed fast and sent at once']);
    await page.waitForTimeout(300);
    expect(await input.inputValue()).toBe('');
  });

  test('built-in texts are Chinese by default', async () => {
    expect(await builtInTexts(page)).toEqual({
      send: '发送',
      placeholder: '输入消息',
      noMore: '没有更多了',
      tip: 'dave 加入了群组',
      revoked: 'Carol 撤回了一条消息',
      failed: '发送失败',
    });
  });

  test("locale 'en' shows them in English: composer, list (no more) and bubbles", async () => {
    const { page: english, console } = await openGallery('gallery-en', 'en');
    try {
      expect(await builtInTexts(english)).toEqual({
        send: 'Send',
        placeholder: 'Type a message',
        noMore: 'No more messages',
        tip: 'dave joined the group',
        revoked: 'Carol recalled a message',
        failed: 'Not sent',
      });
      expect(console.filter((line) => line.includes('unknown locale'))).toEqual([]);
    } finally {
      await english.close();
    }
  });

  test("an unknown locale falls back to 'zh' with one console warning per component, none from the list's bubbles", async () => {
    await peer.sendMessage(
      peer.createTextMessage({ to: 'gallery-xx', conversationType: 'C2C', payload: { text: 'a bubble in the list' } }),
    );
    const { page: unknown, console } = await openGallery('gallery-xx', 'fr');
    try {
      expect(await unknown.locator('.td-list .td-bubble').count()).toBe(1);
      expect(await builtInTexts(unknown)).toMatchObject({ send: '发送', noMore: '没有更多了', tip: 'dave 加入了群组' });
      const warnings = console.filter((line) => line.includes('unknown locale'));
      const count = (component: string) =>
        warnings.filter((line) =>
          line.startsWith(`warning: [tidings] ${component}: unknown locale "fr"; use one of 'zh', 'en'`),
        ).length;
      expect([count('message-list'), count('chat-composer'), count('message-bubble')]).toEqual([
        1,
        1,
        await unknown.locator('.gallery__fixtures .td-bubble').count(),
      ]);
      expect(warnings).toHaveLength(2 + count('message-bubble'));
    } finally {
      await unknown.close();
    }
  });

  test('the face panel sends a face message', async () => {
    const received = inbox(peer);
    await page.locator('.td-composer__toggle[aria-label="表情"]').click();
    await page.locator('.td-composer__face').first().click();
    await until(() => received.some((message) => (message as { type?: string }).type === 'TIMFaceElem'), 10_000);
  });
});

describe('uni-app gallery (mp-weixin build)', () => {
  test(
    'compiles without errors to a mini-program with the three components',
    () => {
      const out = buildGallery('mp-weixin');
      const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as { pages: string[] };
      expect(app.pages).toEqual(['pages/gallery/gallery', 'pages/twins/twins']);
      for (const name of ['message-bubble', 'message-list', 'chat-composer']) {
        for (const ext of ['js', 'json', 'wxml', 'wxss'])
          expect(existsSync(join(out, `uni_modules/tidings-chat/components/${name}/${name}.${ext}`))).toBe(true);
      }
      // The stylesheet the twins share (<style src>) is compiled into the component's wxss.
      expect(
        readFileSync(join(out, 'uni_modules/tidings-chat/components/message-bubble/message-bubble.wxss'), 'utf8'),
      ).toMatch(/\.td-bubble__content\s*\{/);
      const pageJSON = JSON.parse(readFileSync(join(out, 'pages/gallery/gallery.json'), 'utf8')) as {
        usingComponents: Record<string, string>;
      };
      expect(Object.keys(pageJSON.usingComponents).sort()).toEqual(['chat-composer', 'message-bubble', 'message-list']);
      // uni.getRecorderManager exists there, so the voice action is compiled in; H5's build has none.
      expect(
        readFileSync(join(out, 'uni_modules/tidings-chat/components/chat-composer/chat-composer.js'), 'utf8'),
      ).toMatch(/getRecorderManager/);
    },
    BUILD_TIMEOUT,
  );
});
