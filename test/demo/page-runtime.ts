import { simulate, type SimComponent } from '../components/wechat/load';
import { simulateWxUI } from '../components/wechat/simulated-wx-ui';
import { readJson, simulatePathOf } from './demo-app';

/**
 * What WeChat gives the demo's pages besides the components: App() and getApp(), and wx with navigation
 * (navigateTo / redirectTo / reLaunch `{ url }`), setNavigationBarTitle `{ title }` and showToast `{ title, icon }`
 * recorded (https://developers.weixin.qq.com/miniprogram/dev/api/route/wx.navigateTo.html), on top of the
 * components' simulated wx (real sockets and requests). Two apps can run side by side: `use(app)` picks
 * which one getApp() returns, as if the test were holding that user's phone.
 */
export interface DemoApp {
  globalData: { chat: unknown; chatHandle: unknown; userID: string };
}

export function installRuntime() {
  const globals = globalThis as Record<string, unknown>;
  const ui = simulateWxUI();
  const navigations: Array<{ api: string; url: string }> = [];
  const titles: string[] = [];
  const toasts: string[] = [];
  const navigate = (api: string) => (options: { url: string }) => void navigations.push({ api, url: options.url });

  globals.wx = {
    ...ui.api,
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    setNavigationBarTitle: (options: { title: string }) => void titles.push(options.title),
    showToast: (options: { title: string }) => void toasts.push(options.title),
  };

  let definition: DemoApp | null = null;
  let current: DemoApp | null = null;
  globals.App = (options: DemoApp) => void (definition = options);
  globals.getApp = () => current;

  return {
    navigations,
    titles,
    toasts,
    /** A fresh app instance from app.js's App() definition (WeChat copies the definition into its app). */
    newApp(): DemoApp {
      if (!definition) throw new Error('app.js has not called App()');
      return { ...definition, globalData: { ...definition.globalData } };
    },
    use(app: DemoApp) {
      current = app;
    },
    uninstall() {
      for (const name of ['wx', 'App', 'getApp']) delete globals[name];
    },
  };
}

const loaded = new Map<string, string>();

/** Loads a page once per test file (its Component() runs only on the first require), resolving npm components. */
function loadPage(appRoot: string, page: string): string {
  if (!loaded.has(page)) {
    const json = readJson<{ usingComponents?: Record<string, string> }>(`${appRoot}/${page}.json`);
    const usingComponents = Object.fromEntries(
      Object.entries(json.usingComponents ?? {}).map(([tag, value]) => [tag, simulatePathOf(value)]),
    );
    loaded.set(page, simulate.load(`${appRoot}/${page}`, { rootPath: appRoot, usingComponents }));
  }
  return loaded.get(page)!;
}

/** Opens a page as WeChat does: render, attach, then onLoad with the query as it stood in the url (not decoded). */
export function openPage(appRoot: string, url: string): SimComponent {
  const [path, search = ''] = url.replace(/^\//, '').split('?');
  const query = Object.fromEntries(
    search
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  const page = simulate.render(loadPage(appRoot, path));
  page.attach(
    (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document.createElement(
      'page-wrapper',
    ),
  );
  (page.instance.onLoad as (query: Record<string, string>) => void)(query);
  return page;
}
