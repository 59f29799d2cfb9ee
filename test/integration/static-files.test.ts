import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../helpers/files';
import { rawGet } from '../helpers/raw-http';
import { ServerProcess } from '../helpers/server-process';

/** TIDINGS_STATIC: the server serves a web app's build next to the API, on the same port. */
describe('static files (TIDINGS_STATIC)', () => {
  const site = tempFolder();
  let server: ServerProcess;

  beforeAll(async () => {
    site.write('index.html', Buffer.from('<!doctype html><title>app</title>'));
    mkdirSync(join(site.dir, 'assets'));
    writeFileSync(join(site.dir, 'assets/app.js'), 'console.log(1)');
    writeFileSync(join(site.dir, 'assets/app.css'), 'body{}');
    writeFileSync(join(site.dir, 'assets/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(site.dir, 'assets/data.bin'), Buffer.from([1, 2, 3]));
    writeFileSync(join(site.dir, 'assets/a b.txt'), 'spaced');
    server = await ServerProcess.start({ staticDir: site.dir });
  });
  afterAll(async () => {
    await server.close();
    site.cleanup();
  });

  test.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/assets/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['/assets/data.bin', 'application/octet-stream', '\u0001\u0002\u0003'],
    ['/assets/a%20b.txt', 'text/plain; charset=utf-8', 'spaced'],
    ['/assets/app.js?v=2', 'text/javascript; charset=utf-8', 'console.log(1)'],
  ])('GET %s is served as %s', async (path, type, body) => {
    const answer = await rawGet(server.url, path);
    expect(answer).toMatchObject({ status: 200, body });
    expect(answer.headers['content-type']).toBe(type);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  test('an image keeps its bytes and type; HEAD has the headers and no body', async () => {
    const response = await fetch(`${server.url}/assets/logo.png`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const head = await rawGet(server.url, '/assets/logo.png', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('4');
  });

  test('an unknown path without an extension gets index.html (the app routes it); a missing asset is a 404', async () => {
    expect(await rawGet(server.url, '/pages/chat/chat')).toMatchObject({
      status: 200,
      body: '<!doctype html><title>app</title>',
    });
    expect((await rawGet(server.url, '/assets/missing.js')).status).toBe(404);
  });

  test('the API keeps its paths: /stats, /files, /dev (404 outside dev mode), /ws', async () => {
    const stats = await rawGet(server.url, '/stats');
    expect(stats.headers['content-type']).toBe('application/json');
    expect((await rawGet(server.url, '/files/no-such-key')).body).not.toMatch(/doctype/);
    for (const path of ['/dev/usersig?userID=alice', '/dev', '/ws', '/healthz/x']) {
      const answer = await rawGet(server.url, path);
      expect([path, answer.status, answer.body.includes('doctype')]).toEqual([path, 404, false]);
    }
  });

  test.each([
    '/../secret-key',
    '/assets/../../secret-key',
    '/%2e%2e/secret-key',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/assets%2f..%2f..%2fsecret-key',
    '/..%2fsecret-key',
    '/..%5csecret-key',
    '/assets\\..\\..\\secret-key',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses the hostile path %s', async (path) => {
    const answer = await rawGet(server.url, path);
    expect(answer.status).toBe(400);
    expect(answer.body).not.toMatch(/doctype|[0-9a-f]{64}/);
  });

  test('only GET and HEAD', async () => {
    expect((await rawGet(server.url, '/index.html', 'POST')).status).toBe(405);
  });
});

describe('static files: a missing folder', () => {
  test('stops the start with a message naming it', async () => {
    await expect(ServerProcess.start({ staticDir: '/no/such/folder' })).rejects.toThrow(
      /staticDir "\/no\/such\/folder" is not a folder/,
    );
  });
});
