import type { ServerFrame } from '../../protocol/frames';
import { ServerProcess } from '../helpers/server-process';
import { rawLoginsClosedAfterEach, wholeHistory } from '../helpers/raw-logins';
import { wireTextDraft } from '../helpers/wire-message';

/** SIGTERM: sends admitted before it are committed and answered; frames after it are not run. */
let server: ServerProcess;
const login = rawLoginsClosedAfterEach(() => server);

/** A sender whose every send (and its answer, when one comes) is recorded by message ID. */
async function recordingSender(userID: string) {
  const client = await login(userID);
  const answers = new Map<string, ServerFrame>();
  const IDOfRequest = new Map<number, string>();
  client.socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.t === 'res' && IDOfRequest.has(frame.id)) answers.set(IDOfRequest.get(frame.id)!, frame);
  });
  const send = (IDs: string[]) => {
    const requestIDs = client.burst(IDs.map((ID) => ({ op: 'send', d: wireTextDraft({ ID }) })));
    requestIDs.forEach((requestID, i) => IDOfRequest.set(requestID, IDs[i]));
  };
  return { userID, client, answers, send };
}

test('on SIGTERM every send is either answered success and stored, or not answered and not stored', async () => {
  server = await ServerProcess.start();
  const senders = await Promise.all(['alice', 'carol', 'dave', 'erin', 'frank', 'grace'].map(recordingSender));
  // 100 each: under the 128 unanswered requests one connection may have, so none is refused busy.
  for (const sender of senders) sender.send(Array.from({ length: 100 }, (_, i) => `${sender.userID}-before-${i}`));
  await senders[0].client.waitFor((frame) => frame.t === 'res');
  process.kill(server.pid, 'SIGTERM');
  const answeredAtSignal = senders.reduce((sum, { answers }) => sum + answers.size, 0);

  // Frames keep coming until each socket closes: once the server has the signal, none is run.
  let late = 0;
  const lateSends = setInterval(() => {
    for (const sender of senders)
      if (sender.client.closeCode === null) sender.send([`${sender.userID}-after-${late++}`]);
  }, 1);
  const closeCodes = await Promise.all(senders.map(({ client }) => client.waitForClose(15_000)));
  clearInterval(lateSends);
  expect(closeCodes).toEqual(senders.map(() => 1001));

  await server.restart();
  const reader = await login('bob');
  const stored: string[] = [];
  for (const { userID } of senders)
    stored.push(...(await wholeHistory(reader, `C2C${userID}`)).map((message) => message.ID));
  const answers = senders.flatMap(({ answers }) => [...answers]);
  const acknowledged = answers.filter(([, answer]) => answer.t === 'res' && answer.code === 0).map(([ID]) => ID);
  const acknowledgedLate = acknowledged.filter((ID) => ID.includes('-after-')).length;
  process.stdout.write(
    `shutdown: ${answeredAtSignal} of 600 sends answered when SIGTERM was sent, ${acknowledged.length} acknowledged ` +
      `in all (${acknowledgedLate} of the ${late} sent after it, before the server had it), ${stored.length} stored\n`,
  );

  expect(answers.filter(([, answer]) => answer.t === 'res' && answer.code !== 0)).toEqual([]);
  expect(stored.sort()).toEqual(acknowledged.sort());
  // Sends still running at the signal were answered, not only those answered when it was sent (a
  // run where all 600 were answered before the signal left a shutdown nothing to finish).
  if (answeredAtSignal < 600) expect(acknowledged.length).toBeGreaterThan(answeredAtSignal);
});
