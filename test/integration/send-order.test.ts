import type { ServerFrame } from '../../protocol/frames';
import type { WireMessage } from '../../protocol/messages';
import { ServerProcess } from '../helpers/server-process';
import { rawLoginsClosedAfterEach } from '../helpers/raw-logins';
import { wireTextDraft } from '../helpers/wire-message';

/** A burst from one connection is stored in the order it was sent, however its reads before the commit interleave. */
let server: ServerProcess;
const login = rawLoginsClosedAfterEach(() => server);

beforeEach(async () => {
  server = await ServerProcess.start({ settings: { groupMessagesPerSecond: 1000 } });
});

function sequenceOf(answer: ServerFrame): number {
  if (answer.t !== 'res' || answer.code !== 0) throw new Error(`send refused: ${JSON.stringify(answer)}`);
  return (answer.d as WireMessage).sequence;
}

test.each([
  ['C2C', 'C2C', 'bob'],
  ['a group', 'GROUP', 'crowd'],
] as const)('a burst of 80 sends into %s gets sequences in the order sent', async (_name, conversationType, to) => {
  const [alice] = [await login('alice'), await login('bob')];
  if (conversationType === 'GROUP')
    expect(
      await alice.request('createGroup', { name: to, type: 'Public', groupID: to, memberList: [{ userID: 'bob' }] }),
    ).toMatchObject({ code: 0 });
  const ids = alice.burst(
    Array.from({ length: 80 }, (_, i) => ({
      op: 'send',
      d: wireTextDraft({ conversationType, to, payload: { text: `${i}` } }),
    })),
  );
  const answers = await Promise.all(
    ids.map((id) => alice.waitFor((frame: ServerFrame) => frame.t === 'res' && frame.id === id, 20_000)),
  );
  const sequences = answers.map(sequenceOf);
  expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  expect(new Set(sequences).size).toBe(80);
});
