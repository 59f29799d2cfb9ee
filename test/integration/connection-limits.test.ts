import { readFileSync, writeFileSync } from 'node:fs';
import { ErrorCode } from '../../protocol/errors';
import { CLOSE_LOGIN_TIMEOUT, CLOSE_NOT_READING, type ServerFrame } from '../../protocol/frames';
import { DEFAULT_SETTINGS } from '../../server/settings';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * One connection's memory is bounded whatever its client does: it cannot have more than
 * `maxUnansweredRequests` requests waiting, nor leave more than `maxBufferedOutputBytes` unread,
 * nor send a frame over 256 KB, nor stay without a login. The defaults are what is tested.
 */
const MB = 1024 * 1024;
const { maxUnansweredRequests, maxBufferedOutputBytes } = DEFAULT_SETTINGS;
const LOGIN_TIMEOUT_MS = 1000;
/** How close to its size before the reader the server must come back: collector and allocator slack. */
const RETURNED_WITHIN = 24 * MB;

let server: ServerProcess;

beforeAll(async () => {
  server = await ServerProcess.start({ settings: { loginTimeoutMs: LOGIN_TIMEOUT_MS } });
});

afterAll(async () => {
  await server?.close();
});

const login = (userID: string) => RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID));

const textDraft = (to: string, ID: string, text: string) => wireTextDraft({ to, ID, payload: { text } });

/** Resident and peak resident memory of the server process, in bytes. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/** Starts the peak (VmHWM) again from the current resident size. */
function resetPeak(): void {
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const answerCode = (frame: ServerFrame) => (frame.t === 'res' ? frame.code : null);

/** `from` sends `count` messages to `to`, one after another; resolves with their IDs once all are answered. */
async function converse(from: RawClient, to: string, count: number): Promise<string[]> {
  const IDs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ID = `calm-${i}`;
    expect(answerCode(await from.request('send', textDraft(to, ID, `hello ${i}`)))).toBe(0);
    IDs.push(ID);
  }
  return IDs;
}

const pushedIDs = (client: RawClient) =>
  client.frames.flatMap((frame) =>
    frame.t === 'push' && frame.ev === 'message' ? [(frame.d as { ID: string }).ID] : [],
  );

describe('a client that never reads its answers', () => {
  test('is closed with 4002, the server stays small, gives the memory back, and serves others meanwhile', async () => {
    // History worth reading: two full pages of ~12 KB messages, so one answer is ~180 KB.
    const alice = await login('alice');
    for (let i = 0; i < 30; i++)
      expect(answerCode(await alice.request('send', textDraft('bob', `big-${i}`, `${i}`.padEnd(12_000, 'x'))))).toBe(0);
    for (let i = 0; i < 20; i++) await alice.request('getMessageList', { conversationID: 'C2Cbob' });
    const before = memory().rss;
    resetPeak();

    const [carol, dave, reader] = await Promise.all([login('carol'), login('dave'), login('alice')]);
    reader.tcp.pause();
    reader.burst(Array.from({ length: 1000 }, () => ({ op: 'getMessageList', d: { conversationID: 'C2Cbob' } })));
    const calm = converse(carol, 'dave', 100);

    await until(async () => (await server.stats()).closedNotReading === 1, 'the server closed the reader');
    const { peak } = memory();
    reader.tcp.resume();
    expect(await reader.waitForClose(15_000)).toBe(CLOSE_NOT_READING);
    expect(reader.frames.filter((frame) => answerCode(frame) === ErrorCode.SERVER_BUSY).length).toBeGreaterThan(0);

    const sent = await calm;
    await until(async () => pushedIDs(dave).length >= sent.length, 'dave has every message');
    expect(await dave.request('ping', {})).toMatchObject({ code: 0 });
    expect(pushedIDs(dave)).toEqual(sent);

    // V8 hands heap back when it is idle after work: a little work every two seconds, then quiet.
    let after = memory().rss;
    await until(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        for (let i = 0; i < 5; i++) await alice.request('getMessageList', { conversationID: 'C2Cbob' });
        after = memory().rss;
        return after - before < RETURNED_WITHIN;
      },
      'the server gave its memory back',
      90_000,
    ).catch(() => undefined);
    console.log(
      `server RSS: before ${Math.round(before / MB)} MB, peak ${Math.round(peak / MB)} MB, after ${Math.round(after / MB)} MB`,
    );
    // Unbounded, the 1000 answers (~180 MB of JSON) grew the server by 300–450 MB.
    const pageBytes = 15 * 12 * 1024;
    expect(peak - before).toBeLessThan(maxBufferedOutputBytes + maxUnansweredRequests * pageBytes + 64 * MB);
    expect(after - before).toBeLessThan(RETURNED_WITHIN);
    for (const client of [alice, carol, dave]) client.close();
  }, 120_000);
});

describe('too many unanswered requests', () => {
  test('the excess are answered busy at once and not run; the rest normally; the connection stays usable', async () => {
    const [erin, frank] = await Promise.all([login('erin'), login('frank')]);
    const ids = erin.burst(
      Array.from({ length: 300 }, (_, i) => ({ op: 'send', d: textDraft('frank', `b-${i}`, 'hi') })),
    );
    const answers = await Promise.all(ids.map((id) => erin.waitFor((f) => f.t === 'res' && f.id === id, 30_000)));
    const codes = answers.map(answerCode);
    // Nothing is waiting before the burst, so the first ones always get in.
    expect(codes.slice(0, maxUnansweredRequests).every((code) => code === 0)).toBe(true);
    const busy = answers.filter((answer) => answerCode(answer) === ErrorCode.SERVER_BUSY);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + codes.filter((code) => code === 0).length).toBe(300);
    expect((busy[0] as { msg: string }).msg).toMatch(/requests waiting/);

    // A busy send stored and delivered nothing: the stored ones are exactly those answered 0.
    const stored = codes.filter((code) => code === 0).length;
    await until(async () => pushedIDs(frank).length >= stored, 'frank has every stored message');
    const history = await erin.request('getMessageList', { conversationID: 'C2Cfrank', count: 1 });
    expect(history).toMatchObject({ code: 0, d: { messageList: [{ sequence: stored }] } });
    expect(await erin.request('ping', {})).toMatchObject({ code: 0 });
    expect(pushedIDs(frank)).toHaveLength(stored);
    erin.close();
    frank.close();
  }, 60_000);
});

describe('frames and logins', () => {
  test('a frame over 256 KB closes that socket with 1009; the server and other sockets live on', async () => {
    const [grace, heidi] = await Promise.all([login('grace'), login('heidi')]);
    grace.sendRaw(JSON.stringify({ t: 'req', id: 99, op: 'ping', d: { pad: 'x'.repeat(300 * 1024) } }));
    expect(await grace.waitForClose()).toBe(1009);
    expect(await heidi.request('ping', {})).toMatchObject({ code: 0 });
    const again = await login('grace');
    expect(await again.request('ping', {})).toMatchObject({ code: 0 });
    heidi.close();
    again.close();
  });

  test('a socket that does not log in is closed with 4003 after the login timeout', async () => {
    const idle = await RawClient.connect(server.socketURL);
    expect(await idle.waitForClose(LOGIN_TIMEOUT_MS + 10_000)).toBe(CLOSE_LOGIN_TIMEOUT);
    expect((await server.stats()).closedWithoutLogin).toBe(1);
  });
});
