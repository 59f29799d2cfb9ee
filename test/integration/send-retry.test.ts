import type { ServerFrame } from '../../protocol/frames';
import type { WireMessage, WireMessageDraft } from '../../protocol/messages';
import type { RawClient } from '../helpers/raw-client';
import { ServerProcess } from '../helpers/server-process';
import { rawLoginsClosedAfterEach } from '../helpers/raw-logins';
import { wireTextDraft } from '../helpers/wire-message';

/** A retry of a stored message is answered with its first result, whatever changed since it was stored. */
let server: ServerProcess;
const login = rawLoginsClosedAfterEach(() => server);

function stored(answer: ServerFrame): WireMessage {
  if (answer.t !== 'res' || answer.code !== 0) throw new Error(`send refused: ${JSON.stringify(answer)}`);
  return answer.d as WireMessage;
}

function groupDraft(text: string): WireMessageDraft {
  return wireTextDraft({ conversationType: 'GROUP', to: 'club', payload: { text } });
}

/** alice owns the Public group `club`; bob is in it from the start (so no join tip comes before what the test sends). */
async function clubWithBob(): Promise<{ alice: RawClient; bob: RawClient }> {
  const [alice, bob] = [await login('alice'), await login('bob')];
  expect(
    await alice.request('createGroup', {
      name: 'club',
      type: 'Public',
      groupID: 'club',
      memberList: [{ userID: 'bob' }],
    }),
  ).toMatchObject({ code: 0 });
  return { alice, bob };
}

async function answersOf(client: RawClient, ids: number[]): Promise<ServerFrame[]> {
  return Promise.all(ids.map((id) => client.waitFor((frame) => frame.t === 'res' && frame.id === id)));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a retry after a burst spent the group budget gets the first sequence and time; it takes none of the budget', async () => {
  server = await ServerProcess.start({ settings: { groupMessagesPerSecond: 3, groupSendGatherMs: 50 } });
  const { bob } = await clubWithBob();
  const first = stored(await bob.request('send', groupDraft('the original')));
  expect(first.sequence).toBe(1);
  await pause(1100); // a later second: a new store would give a new time

  const burst = await answersOf(
    bob,
    bob.burst(Array.from({ length: 6 }, (_, i) => ({ op: 'send', d: groupDraft(`burst ${i}`) }))),
  );
  expect(burst.map((answer) => stored(answer).sequence).filter((sequence) => sequence === 0)).toHaveLength(3);
  expect(stored(await bob.request('send', { ...groupDraft('the original'), ID: first.ID }))).toEqual(first);

  await pause(1100); // a fresh window: the retry first, then as many new messages as the budget allows
  const [retry, ...fresh] = await answersOf(
    bob,
    bob.burst([
      { op: 'send', d: { ...groupDraft('the original'), ID: first.ID } },
      ...Array.from({ length: 3 }, (_, i) => ({ op: 'send', d: groupDraft(`fresh ${i}`) })),
    ]),
  );
  expect(stored(retry)).toEqual(first);
  expect(fresh.map((answer) => stored(answer).sequence)).toEqual([5, 6, 7]);
  expect((await server.stats()).droppedGroupMessages).toBe(3);
});

test('a retry after the sender quit the group gets the first result', async () => {
  server = await ServerProcess.start();
  const { bob } = await clubWithBob();
  const draft = groupDraft('before I go');
  const first = stored(await bob.request('send', draft));
  expect(await bob.request('quitGroup', { groupID: 'club' })).toMatchObject({ code: 0 });
  await pause(1100);

  expect(stored(await bob.request('send', draft))).toEqual(first);
  // A new message from bob is refused: he is no longer a member.
  expect(await bob.request('send', groupDraft('after'))).toMatchObject({ code: 10007 });
});

test('a retry after moderation settings changed gets the first result, in C2C and in a group', async () => {
  server = await ServerProcess.start({ settings: { moderationWords: [] } });
  const { bob } = await clubWithBob();
  const groupMessage = groupDraft('forbidden fruit');
  const c2cMessage = wireTextDraft({ to: 'alice', payload: { text: 'forbidden fruit' } });
  const firstGroup = stored(await bob.request('send', groupMessage));
  const firstC2C = stored(await bob.request('send', c2cMessage));

  await server.restart({ settings: { moderationWords: ['forbidden'] } });
  const again = await login('bob');
  expect(stored(await again.request('send', groupMessage))).toEqual(firstGroup);
  expect(stored(await again.request('send', c2cMessage))).toEqual(firstC2C);
  expect(await again.request('send', groupDraft('forbidden again'))).toMatchObject({ code: 80001 });
});

test("an ID another sender stored in the conversation is still refused with 90005, not answered with that sender's message", async () => {
  server = await ServerProcess.start();
  const { alice, bob } = await clubWithBob();
  const draft = groupDraft('mine');
  stored(await alice.request('send', draft));
  expect(await bob.request('send', draft)).toMatchObject({ code: 90005 });
});
