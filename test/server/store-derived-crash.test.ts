import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WireMessageDraft } from '../../protocol/messages';
import { SqliteStore } from '../../server/store/sqlite';
import type { SendIntent, Store } from '../../server/store/store';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * Sends leave their conversation heads and per-user rows in memory and in a log table
 * (server/store/sqlite-derived.ts) until a flush. A process killed with -9 in between must come
 * back with exactly what a store that never waited holds: every message once, gapless sequences,
 * the same unread counts, last messages and order of the conversation list.
 */
const APP = 1400000001;
const DIST_SQLITE = resolve(__dirname, '../../dist/node/server/store/sqlite.js');
const USERS = ['alice', 'bob', 'carol', 'dave'];
const TEAM = { groupID: 'team', name: 'team', type: 'Public' as const, ownerID: 'alice', createTime: 1 };

/** Two batches of sends: C2C between everyone, and a group with everyone in it, some messages that do not count as unread. */
function batches(): SendIntent[][] {
  let n = 0;
  const intent = (sender: string, draft: Partial<WireMessageDraft>, extra: Partial<SendIntent> = {}): SendIntent => ({
    app: APP,
    sender,
    draft: wireTextDraft({ ID: `m${++n}`, ...draft }),
    ...extra,
  });
  const round = (): SendIntent[] => [
    ...USERS.flatMap((from) => USERS.filter((to) => to !== from).map((to) => intent(from, { to }))),
    intent(USERS[1], { to: 'team', conversationType: 'GROUP' }),
    intent(
      USERS[2],
      { to: 'team', conversationType: 'GROUP' },
      { messageControlInfo: { excludedFromUnreadCount: true } },
    ),
    intent(USERS[3], { to: USERS[0] }, { messageControlInfo: { excludedFromLastMessage: true } }),
  ];
  return [round(), round().slice(0, 9), round()];
}

async function commitAll(store: Store, intents: SendIntent[]): Promise<void> {
  for (let i = 0; i < intents.length; i += 5) {
    for (const outcome of await store.commitMessages(intents.slice(i, i + 5)))
      if (!outcome.ok) throw outcome.error as Error;
  }
}

/** What a user sees that derived rows decide, in list order. */
async function views(store: Store) {
  const result: Record<string, unknown[]> = {};
  for (const user of USERS)
    result[user] = (await store.getConversationList(APP, user)).map((c) => ({
      conversationID: c.conversationID,
      unreadCount: c.unreadCount,
      lastSequence: c.lastSequence,
      lastMessageID: c.lastMessage?.ID ?? null,
    }));
  return result;
}

/** Runs the batches in a child process on the built store, flushing (by a read) after the first, then kills it with -9. */
async function commitThenKill(dir: string, work: SendIntent[][]): Promise<void> {
  const workFile = join(dir, 'work.json');
  writeFileSync(workFile, JSON.stringify(work));
  const script = `
    const { SqliteStore } = require(${JSON.stringify(DIST_SQLITE)});
    const work = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(workFile)}, 'utf8'));
    const store = new SqliteStore(${JSON.stringify(dir)});
    (async () => {
      await store.createGroup(${APP}, ${JSON.stringify(TEAM)}, ${JSON.stringify(USERS)});
      for (const [i, batch] of work.entries()) {
        for (let k = 0; k < batch.length; k += 5) await store.commitMessages(batch.slice(k, k + 5));
        if (i === 0) await store.getConversationList(${APP}, 'alice');
      }
      process.stdout.write('committed\\n');
      setInterval(() => undefined, 1000);
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && done());
    child.once('exit', (code) => fail(new Error(`the child exited (${code}) before committing`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

describe('derived conversation rows after kill -9', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidings-derived-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('a restart rebuilds exactly what a store that wrote them at once holds', async () => {
    const work = batches();
    const reference = new SqliteStore(freshDir());
    await reference.createGroup(APP, TEAM, USERS);
    for (const batch of work) await commitAll(reference, batch);

    const dir = freshDir();
    await commitThenKill(dir, work);
    const raw = new Database(join(dir, 'tidings.sqlite'));
    const logged = raw.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM pending_conversation_writes').get()!.n;
    raw.close();
    // The first batch was flushed by the read; the other two were still only in the log.
    expect(logged).toBeGreaterThan(0);

    const restarted = new SqliteStore(dir);
    expect(await views(restarted)).toEqual(await views(reference));

    // Every message once, sequences gapless per conversation.
    const db = new Database(join(dir, 'tidings.sqlite'), { readonly: true });
    const total = work.flat().length;
    expect(db.prepare<[], { n: number }>('SELECT COUNT(DISTINCT id) AS n FROM messages').get()!.n).toBe(total);
    const gaps = db
      .prepare<[], { conv: string }>('SELECT conv FROM messages GROUP BY conv HAVING MAX(seq) <> COUNT(*)')
      .all();
    db.close();
    expect(gaps).toEqual([]);

    // The next send continues each conversation where the log left it.
    const [next] = await restarted.commitMessages([
      { app: APP, sender: 'alice', draft: wireTextDraft({ ID: 'after', to: 'bob' }) },
    ]);
    const [expected] = await reference.commitMessages([
      { app: APP, sender: 'alice', draft: wireTextDraft({ ID: 'after', to: 'bob' }) },
    ]);
    expect(next.ok && next.message.sequence).toBe(expected.ok && expected.message.sequence);
    expect(await views(restarted)).toEqual(await views(reference));
    await Promise.all([restarted.close(), reference.close()]);
  });

  test('a read right after an acknowledged send sees its conversation rows, and a clean close leaves no log', async () => {
    const dir = freshDir();
    const store = new SqliteStore(dir);
    await commitAll(store, [{ app: APP, sender: 'alice', draft: wireTextDraft({ ID: 'x1', to: 'bob' }) }]);
    expect(await views(store)).toMatchObject({
      bob: [{ conversationID: 'C2Calice', unreadCount: 1, lastSequence: 1, lastMessageID: 'x1' }],
    });
    await commitAll(store, [{ app: APP, sender: 'bob', draft: wireTextDraft({ ID: 'x2', to: 'alice' }) }]);
    await store.close();
    const raw = new Database(join(dir, 'tidings.sqlite'), { readonly: true });
    expect(raw.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM pending_conversation_writes').get()!.n).toBe(0);
    raw.close();
  });
});
