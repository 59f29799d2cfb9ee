/**
 * @jest-environment ./test/helpers/jsdom-environment.js
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { until } from '../helpers/sdk';
import { ServerProcess } from '../helpers/server-process';
import { text, type SimComponent } from '../components/wechat/load';
import { appRootOf, builtDemoApp, componentFile, DEMO_PROJECT, projectConfig, readJson } from './demo-app';
import { installRuntime, openPage, type DemoApp } from './page-runtime';

/**
 * demo/miniprogram: its DevTools project layout, and its pages rendered with miniprogram-simulate as WeChat
 * runs them after Build npm: `require('tidings')` is the package's miniprogram_dist (the wx build), the
 * components come from miniprogram_npm, and the SDK talks to the real server (in dev mode, so the login
 * page gets its userSigs from GET /dev/usersig) through a simulated wx.
 */
jest.mock('tidings', () =>
  jest.requireActual(
    `${jest.requireActual<typeof import('./demo-app')>('./demo-app').builtDemoApp()}/miniprogram_npm/tidings/index.js`,
  ),
);
jest.mock(
  'tidings/components/wechat/provide-chat',
  () =>
    jest.requireActual(
      `${jest.requireActual<typeof import('./demo-app')>('./demo-app').builtDemoApp()}/miniprogram_npm/tidings/components/wechat/provide-chat.js`,
    ),
  { virtual: true },
);
jest.mock(
  'tidings/components/shared/summary',
  () =>
    jest.requireActual(
      `${jest.requireActual<typeof import('./demo-app')>('./demo-app').builtDemoApp()}/miniprogram_npm/tidings/components/shared/summary.js`,
    ),
  { virtual: true },
);
const mockBuiltApp = builtDemoApp();

const PAGE_FILES = ['js', 'json', 'wxml', 'wxss'];

describe('layout', () => {
  const appRoot = appRootOf();
  const appJson = readJson<{ pages: string[] }>(join(appRoot, 'app.json'));

  test('project.config.json: a tourist-appid mini-program whose npm package.json sits outside miniprogramRoot and builds into it', () => {
    const config = projectConfig();
    expect(config).toMatchObject({
      appid: 'touristappid',
      compileType: 'miniprogram',
      miniprogramRoot: 'miniprogram/',
    });
    expect(config.setting.packNpmManually).toBe(true);
    const [relation] = config.setting.packNpmRelationList;
    const npmPackage = readJson<{ dependencies: Record<string, string> }>(join(DEMO_PROJECT, relation.packageJsonPath));
    expect(npmPackage.dependencies.tidings).toBe('file:../../dist/packages/npm/tidings');
    expect(join(DEMO_PROJECT, relation.miniprogramNpmDistDir)).toBe(appRoot);
    for (const file of ['app.js', 'app.json', 'app.wxss', 'config.js', 'sitemap.json'])
      expect(existsSync(join(appRoot, file))).toBe(true);
  });

  test('app.json lists the seven pages, each with its .js, .json, .wxml and .wxss', () => {
    expect(appJson.pages).toEqual([
      'pages/login/login',
      'pages/conversations/conversations',
      'pages/chat/chat',
      'pages/group-create/group-create',
      'pages/profile/profile',
      'pages/search/search',
      'pages/group-info/group-info',
    ]);
    for (const page of appJson.pages)
      for (const extension of PAGE_FILES) expect(existsSync(join(appRoot, `${page}.${extension}`))).toBe(true);
  });

  test('every usingComponents path resolves to a whole component once tidings is built into miniprogram_npm', () => {
    const used: string[] = [];
    for (const page of appJson.pages) {
      const { usingComponents = {} } = readJson<{ usingComponents?: Record<string, string> }>(
        join(mockBuiltApp, `${page}.json`),
      );
      for (const value of Object.values(usingComponents)) {
        const file = componentFile(mockBuiltApp, dirname(join(mockBuiltApp, page)), value);
        for (const extension of PAGE_FILES) expect(existsSync(`${file}.${extension}`)).toBe(true);
        used.push(value);
      }
    }
    expect(used.sort()).toEqual([
      'tidings/components/wechat/chat-composer/chat-composer',
      'tidings/components/wechat/message-list/message-list',
    ]);
  });

  test('serverURL is set in config.js alone, http://localhost:8080 by default', () => {
    expect(require(join(appRoot, 'config.js'))).toEqual({ serverURL: 'http://localhost:8080' });
    const sources = readdirSync(appRoot, { recursive: true, encoding: 'utf8' }).filter(
      (path) => /\.(js|wxml)$/.test(path) && !path.endsWith('config.js'),
    );
    const mentions = sources.filter((path) => readFileSync(join(appRoot, path), 'utf8').includes('localhost'));
    expect(mentions).toEqual([]);
  });

  test('the pages reach the platform through wx alone: no DOM, no browser globals', () => {
    const scripts = readdirSync(appRoot, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(7);
    for (const path of scripts)
      expect(readFileSync(join(appRoot, path), 'utf8')).not.toMatch(
        /\b(document|window|localStorage|fetch|XMLHttpRequest|WebSocket)\b/,
      );
  });
});

describe('pages against the real server', () => {
  let server: ServerProcess;
  let runtime: ReturnType<typeof installRuntime>;
  const apps: DemoApp[] = [];
  let config: { serverURL: string };

  beforeAll(async () => {
    server = await ServerProcess.start({ dev: true });
    runtime = installRuntime();

    require(join(mockBuiltApp, 'app.js'));

    config = require(join(mockBuiltApp, 'config.js')) as { serverURL: string };
    config.serverURL = server.url;
  });
  afterAll(async () => {
    await Promise.all(
      apps.map(
        (app) => (app.globalData.chat as { destroy(): Promise<unknown> } | null)?.destroy() ?? Promise.resolve(),
      ),
    );
    runtime.uninstall();
    await server.close();
    rmSync(mockBuiltApp, { recursive: true, force: true });
  });

  const open = (app: DemoApp, url: string) => {
    runtime.use(app);
    return openPage(mockBuiltApp, url);
  };
  /** Runs `act` and waits for the navigation it makes; returns its url. */
  async function navigation(act: () => Promise<void>, pattern: RegExp, api = 'navigateTo'): Promise<string> {
    const before = runtime.navigations.length;
    await act();
    await until(() => runtime.navigations.length > before);
    const made = runtime.navigations[before];
    expect(made.api).toBe(api);
    expect(made.url).toMatch(pattern);
    return made.url;
  }
  async function tap(page: SimComponent, selector: string, index = 0) {
    const target = page.querySelectorAll(selector)[index];
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.dispatchEvent('tap');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  async function type(page: SimComponent, selector: string, value: string) {
    page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  /** Signs a user in on a new "phone" through the login page; typed, or picked from the suggestions. */
  async function signIn(userID: string, how: 'type' | 'pick'): Promise<DemoApp> {
    const app = runtime.newApp();
    apps.push(app);
    const login = open(app, '/pages/login/login');
    expect(text(login.querySelector('.login__warning'))).toMatch(/切勿用于生产.*never for production/);
    const submit = async () => {
      if (how === 'type') {
        await type(login, '.login__input', userID);
        await tap(login, '.login__submit');
      } else {
        await tap(login, '.login__pick', (login.data.suggestions as string[]).indexOf(userID));
      }
    };
    await navigation(submit, /^\/pages\/conversations\/conversations$/, 'redirectTo');
    expect(app.globalData.userID).toBe(userID);
    return app;
  }
  const rows = (page: SimComponent) =>
    page.data.rows as Array<{ conversationID: string; title: string; lastText: string; badge: string; atMe: boolean }>;
  /** The chat page's components (a page's querySelector stops at a component's boundary). */
  const composerOf = (chatPage: SimComponent) => chatPage.querySelector('.chat__composer')!;
  const bubbles = (chatPage: SimComponent) =>
    (chatPage.querySelector('.chat__list')?.querySelectorAll('.td-list__bubble') ?? []).map((bubble) =>
      text(bubble.querySelector('.td-bubble__text')),
    );

  test('two users sign in and exchange texts through the conversation list and chat pages; unread badges come and go', async () => {
    const alice = await signIn('d-alice', 'type');
    const bobApp = await signIn('d-bob', 'type');

    const bobList = open(bobApp, '/pages/conversations/conversations');
    expect(runtime.titles).toContain('会话 · d-bob');
    expect(text(bobList.querySelector('.conversations__empty'))).toContain('No conversations yet');

    const aliceList = open(alice, '/pages/conversations/conversations');
    await type(aliceList, '.conversations__peer', 'd-bob');
    const aliceChat = open(
      alice,
      await navigation(
        () => tap(aliceList, '.conversations__go'),
        /^\/pages\/chat\/chat\?conversationID=C2Cd-bob&title=d-bob$/,
      ),
    );
    await type(composerOf(aliceChat), '.td-composer__input', 'hello bob');
    // The chat page passes locale="en": the components' texts are English.
    expect(text(composerOf(aliceChat).querySelector('.td-composer__send'))).toBe('Send');
    await tap(composerOf(aliceChat), '.td-composer__send');
    await until(() => bubbles(aliceChat).includes('hello bob'));

    // Bob's list shows the new conversation live, with the last message and an unread badge.
    await until(() => rows(bobList).length === 1 && rows(bobList)[0].badge === '1');
    expect(rows(bobList)[0]).toMatchObject({ conversationID: 'C2Cd-alice', title: 'd-alice', lastText: 'hello bob' });
    expect(text(bobList.querySelector('.conversations__badge'))).toBe('1');

    const bobChat = open(
      bobApp,
      await navigation(
        () => tap(bobList, '.conversations__row'),
        /^\/pages\/chat\/chat\?conversationID=C2Cd-alice&title=d-alice$/,
      ),
    );
    await until(() => bubbles(bobChat).includes('hello bob'));
    // Reading the conversation clears the badge.
    await until(() => rows(bobList)[0].badge === '');
    expect(bobList.querySelector('.conversations__badge')).toBeUndefined();

    await type(composerOf(bobChat), '.td-composer__input', 'hi alice');
    await tap(composerOf(bobChat), '.td-composer__send');
    await until(() => bubbles(aliceChat).includes('hi alice'));
    await until(() => rows(aliceList)[0]?.lastText === 'hi alice');

    // A last message that is not a text reads in the demo's language (English), not the SDK's Chinese messageForShow.
    const bobSDK = bobApp.globalData.chat as {
      createFaceMessage(options: Record<string, unknown>): unknown;
      sendMessage(message: unknown): Promise<unknown>;
    };
    await bobSDK.sendMessage(
      bobSDK.createFaceMessage({ to: 'd-alice', conversationType: 'C2C', payload: { index: 3, data: '😎' } }),
    );
    await until(() => rows(aliceList)[0]?.lastText === '[Sticker]');
  });

  test('a picked suggestion signs in; the group page creates a group, whose chat offers the members for @', async () => {
    const carol = await signIn('carol', 'pick');
    const dave = await signIn('dave', 'pick');
    const daveList = open(dave, '/pages/conversations/conversations');

    const carolList = open(carol, '/pages/conversations/conversations');
    const create = open(
      carol,
      await navigation(() => tap(carolList, '.conversations__create-group'), /^\/pages\/group-create\/group-create$/),
    );
    await tap(create, '.group-create__submit');
    expect(text(create.querySelector('.group-create__error'))).toContain('A group needs a name');

    await type(create, '.group-create__name', 'demo team');
    await type(create, '.group-create__members', 'dave, carol');
    const url = await navigation(
      () => tap(create, '.group-create__submit'),
      /^\/pages\/chat\/chat\?conversationID=GROUP[^&]+&title=demo%20team$/,
      'redirectTo',
    );
    const groupID = decodeURIComponent(/conversationID=([^&]+)/.exec(url)![1]).slice('GROUP'.length);
    const { data } = await (
      carol.globalData.chat as {
        getGroupProfile(options: {
          groupID: string;
        }): Promise<{ data: { group: { name: string; memberCount: number } } }>;
      }
    ).getGroupProfile({ groupID });
    expect(data.group).toMatchObject({ name: 'demo team', memberCount: 2 });

    const groupChat = open(carol, url);
    expect(runtime.titles[runtime.titles.length - 1]).toBe('demo team');
    await until(() => Array.isArray(groupChat.data.members));
    expect(groupChat.data.members).toEqual([{ userID: 'dave', nick: '' }]);

    await type(composerOf(groupChat), '.td-composer__input', 'hi @');
    await tap(composerOf(groupChat), '.td-composer__member');
    await tap(composerOf(groupChat), '.td-composer__send');
    await until(() => bubbles(groupChat).some((bubble) => bubble.includes('hi @dave')));

    await until(() => rows(daveList).some((row) => row.conversationID === `GROUP${groupID}` && row.atMe));
    expect(rows(daveList).find((row) => row.atMe)).toMatchObject({
      title: 'demo team',
      lastText: 'carol: hi @dave ',
      badge: '1',
    });
    expect(text(daveList.querySelector('.conversations__at'))).toBe('[有人@我]');
  });

  test('the group info page: the owner makes an admin, mutes, renames, approves a join request and removes; a member leaves', async () => {
    type GroupChat = {
      createGroup(o: object): Promise<unknown>;
      joinGroup(o: object): Promise<{ data: { status: string } }>;
    };
    const frank = await signIn('frank', 'type');
    const gina = await signIn('gina', 'type');
    const hank = await signIn('hank', 'type');
    await (frank.globalData.chat as GroupChat).createGroup({
      name: 'book club',
      type: 'Public',
      groupID: 'club',
      memberList: [{ userID: 'gina' }],
    });
    const chatPage = open(frank, '/pages/chat/chat?conversationID=GROUPclub&title=book%20club');
    const infoURL = await navigation(
      () => tap(chatPage, '.chat__group-info'),
      /^\/pages\/group-info\/group-info\?groupID=club$/,
    );
    const info = open(frank, infoURL);
    const members = () => info.data.members as Array<{ userID: string; roleText: string; muted: boolean }>;
    await until(() => members().length === 2);
    expect(members().map((m) => [m.userID, m.roleText])).toEqual([
      ['frank', '群主 Owner'],
      ['gina', '成员 Member'],
    ]);
    await tap(info, '.group-info__admin');
    await until(() => members()[1]?.roleText === '管理员 Admin');
    await tap(info, '.group-info__mute');
    await until(() => members()[1]?.muted === true);
    expect(text(info.querySelector('.group-info__muted'))).toBe('禁言中 Muted');

    await type(info, '.group-info__new-name', 'readers');
    await tap(info, '.group-info__rename');
    await until(() => info.data.name === 'readers');

    expect(
      (await (hank.globalData.chat as GroupChat).joinGroup({ groupID: 'club', applyMessage: 'me too' })).data.status,
    ).toBe('WaitAdminApproval');
    const again = open(frank, infoURL);
    await until(() => (again.data.applications as unknown[]).length === 1);
    expect(text(again.querySelector('.group-info__applicant'))).toBe('hank: me too');
    await tap(again, '.group-info__agree');
    await until(() => (again.data.members as unknown[]).length === 3);
    await tap(again, '.group-info__remove', 1);
    await until(() => (again.data.members as Array<{ userID: string }>).every((m) => m.userID !== 'hank'));

    const ginaInfo = open(gina, infoURL);
    await until(() => (ginaInfo.data.members as unknown[]).length === 2);
    expect(ginaInfo.querySelectorAll('.group-info__admin')).toHaveLength(0);
    expect(text(ginaInfo.querySelector('.group-info__leave'))).toBe('退出群聊 Leave');
    await navigation(() => tap(ginaInfo, '.group-info__leave'), /^\/pages\/conversations\/conversations$/, 'reLaunch');
    const afterLeaving = open(frank, infoURL);
    await until(() => (afterLeaving.data.members as unknown[]).length === 1);
  });

  test('sign-in errors show on the login page: a bad user ID, and a server not in dev mode (404 from /dev/usersig)', async () => {
    const app = runtime.newApp();
    const login = open(app, '/pages/login/login');
    expect(text(login)).toContain(server.url);
    await type(login, '.login__input', 'no spaces please');
    await tap(login, '.login__submit');
    await until(() => login.data.busy === false && login.data.error !== '');
    expect(text(login.querySelector('.login__error'))).toContain('1 to 32 letters, digits, _ or -');

    const production = await ServerProcess.start();
    config.serverURL = production.url;
    const before = runtime.navigations.length;
    try {
      await type(login, '.login__input', 'eve');
      await tap(login, '.login__submit');
      await until(() => /not in dev mode/.test(login.data.error as string));
    } finally {
      config.serverURL = server.url;
      await production.close();
    }
    expect(runtime.navigations.length).toBe(before);
    expect(app.globalData.chat).toBeNull();
  });

  test("the pages run the package's mini-program build (miniprogram_npm/tidings), not the Node SDK", () => {
    const session = require(join(mockBuiltApp, 'services/session.js')) as { TencentCloudChat: unknown };

    expect(session.TencentCloudChat).toBe(
      (require(join(mockBuiltApp, 'miniprogram_npm/tidings/index.js')) as { default: unknown }).default,
    );
  });
});
