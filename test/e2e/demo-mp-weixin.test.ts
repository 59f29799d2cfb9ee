import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemo } from '../../demo/uni-app/build';

/** The same demo sources, compiled by the real uni-app compiler for WeChat. */
describe('the uni-app demo built for mp-weixin', () => {
  let out: string;
  beforeAll(() => {
    out = buildDemo('mp-weixin');
  }, 180_000);

  test('has the eight pages, each compiled', () => {
    const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as { pages: string[] };
    expect(app.pages).toEqual([
      'pages/login/login',
      'pages/conversations/conversations',
      'pages/chat/chat',
      'pages/group/group',
      'pages/profile/profile',
      'pages/search/search',
      'pages/group-info/group-info',
      'pages/friends/friends',
    ]);
    for (const page of app.pages) {
      for (const ext of ['js', 'json', 'wxml', 'wxss'])
        expect([page, ext, existsSync(join(out, `${page}.${ext}`))]).toEqual([page, ext, true]);
    }
  });

  test('the chat page uses the tidings-chat components, compiled in', () => {
    const page = JSON.parse(readFileSync(join(out, 'pages/chat/chat.json'), 'utf8')) as {
      usingComponents: Record<string, string>;
    };
    expect(Object.keys(page.usingComponents).sort()).toEqual(['chat-composer', 'message-list']);
    for (const name of ['message-bubble', 'message-list', 'chat-composer'])
      expect(existsSync(join(out, `uni_modules/tidings-chat/components/${name}/${name}.js`))).toBe(true);
  });

  test('talks to the server named in config.js, not to a page origin it does not have', () => {
    const config = readFileSync(join(out, 'config.js'), 'utf8');
    expect(config).toContain('http://localhost:8080');
    expect(config).not.toMatch(/location/);
    // The H5 branches (sessionStorage, window) are compiled out; a mini-program has neither.
    expect(readFileSync(join(out, 'session.js'), 'utf8')).not.toMatch(/window|sessionStorage/);
  });
});
