import { getAdapter } from '../../adapters/select';
import { ChatError } from '../../protocol/errors';
import { resolveOptions, socketURLFor } from '../../plugin/options';
import { makeTencentCloudChat } from '../../plugin/namespace';
import { FakePlatform } from './fake-platform';

describe('socketURLFor', () => {
  test.each([
    ['http://localhost:8080', 'ws://localhost:8080/ws'],
    ['http://localhost:8080/', 'ws://localhost:8080/ws'],
    ['https://chat.example.com', 'wss://chat.example.com/ws'],
    ['HTTPS://chat.example.com/base/', 'wss://chat.example.com/base/ws'],
    ['  http://127.0.0.1:1  ', 'ws://127.0.0.1:1/ws'],
  ])('%j → %j', (serverURL, socketURL) => {
    expect(socketURLFor(serverURL)).toBe(socketURL);
  });

  test.each([undefined, '', 'localhost:8080', 'ftp://x', 'ws://x', 'http://', 'http://x/?q=1', 42, {}])(
    '%j → 90003 naming serverURL',
    (serverURL) => {
      try {
        socketURLFor(serverURL);
        throw new Error('expected a throw');
      } catch (error) {
        expect(error).toBeInstanceOf(ChatError);
        expect((error as ChatError).code).toBe(90003);
        expect((error as ChatError).message).toMatch(/serverURL/);
      }
    },
  );
});

describe('resolveOptions', () => {
  test('accepts a positive integer SDKAppID', () => {
    expect(resolveOptions({ SDKAppID: 1400000001, serverURL: 'http://x' })).toEqual({
      SDKAppID: 1400000001,
      socketURL: 'ws://x/ws',
      httpURL: 'http://x',
      sendTimeout: 60_000,
    });
  });

  test.each([undefined, 0, -1, 1.5, '1400000001', NaN, Infinity])('SDKAppID %j → 90003', (SDKAppID) => {
    expect(() => resolveOptions({ SDKAppID, serverURL: 'http://x' })).toThrow(/SDKAppID must be a positive integer/);
  });

  test('sendTimeout: whole milliseconds from 1 s to a day', () => {
    expect(resolveOptions({ SDKAppID: 1, serverURL: 'http://x', sendTimeout: 5000 }).sendTimeout).toBe(5000);
    for (const sendTimeout of [0, 999, 1.5, '60000', 86_400_001])
      expect(() => resolveOptions({ SDKAppID: 1, serverURL: 'http://x', sendTimeout })).toThrow(/sendTimeout must be/);
  });

  test('no options → 90003', () => {
    expect(() => resolveOptions(undefined)).toThrow(ChatError);
  });
});

describe('getAdapter', () => {
  test('picks the first supported platform', () => {
    const unsupported = Object.assign(new FakePlatform(), { name: 'wx', isSupported: () => false });
    const supported = new FakePlatform();
    expect(getAdapter([unsupported, supported])).toBe(supported);
  });

  test('says which were tried when none is supported', () => {
    const wx = Object.assign(new FakePlatform(), { name: 'wx', isSupported: () => false });
    const uni = Object.assign(new FakePlatform(), { name: 'uni', isSupported: () => false });
    expect(() => getAdapter([wx, uni])).toThrow(/tried: wx, uni/);
    try {
      getAdapter([]);
    } catch (error) {
      expect((error as ChatError).code).toBe(90003);
    }
  });
});

describe('create({ platform })', () => {
  test.each([
    ['a string', 'wx'],
    ['null', null],
    ['an object without the methods', { name: 'mine', connectSocket() {} }],
  ])('%s → 90003 naming what is missing', (_name, platform) => {
    let error: unknown;
    try {
      makeTencentCloudChat(() => new FakePlatform()).create({
        SDKAppID: 1,
        serverURL: 'http://x',
        platform: platform as never,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 90003, message: expect.stringMatching(/Platform|lacks/) });
  });

  test('a given platform is used instead of the detected one', async () => {
    const given = new FakePlatform();
    const chat = makeTencentCloudChat(() => {
      throw new Error('detection should not run');
    }).create({ SDKAppID: 1, serverURL: 'http://x', platform: given });
    const login = chat.login({ userID: 'u', userSig: 's' }).catch(() => undefined);
    expect(given.sockets).toHaveLength(1);
    await chat.destroy();
    await login;
  });
});
