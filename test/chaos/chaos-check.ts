import type { WireMessage } from '../../protocol/messages';
import type { WireConversation } from '../../protocol/operations';
import { RawClient } from '../helpers/raw-client';
import { wholeHistory } from '../helpers/raw-logins';
import { TEST_SDKAPPID } from '../helpers/server-process';
import { GROUP_ID, type ChaosRecords, type SentMessage } from './chaos-run';

/** What a chaos run measured. Every list is a problem; a clean run has them all empty. */
export interface ChaosFigures {
  sent: number;
  acknowledged: number;
  /** Answered success with sequence 0: the group limit dropped them (the outbox paces group sends to avoid it). */
  acknowledgedUnstored: number;
  /** sendMessage rejected, by code; the app did not resend. */
  failedByCode: Record<string, number>;
  stored: number;
  /** Sent but never stored. */
  lost: string[];
  /** Acknowledged with a sequence but not stored: a broken durability promise, whatever the outbox does. */
  acknowledgedButLost: string[];
  /** Stored more than once. */
  storedTwice: string[];
  /** `<recipient> <ID>`: a stored message that never reached a recipient. */
  undelivered: string[];
  /** `<recipient> <ID> ×n`: reached a recipient more than once. */
  deliveredTwice: string[];
  /** `<conversation>: …`: sequences that are not 1..n. */
  sequenceProblems: string[];
  /** `<user> <conversation>: server n, SDK n, delivered n`. */
  unreadMismatches: string[];
  /** Per kill: ms from the kill until every client had a send acknowledged after the restart (null: not before the next kill or the end). */
  recoveryMs: Array<number | null>;
  seconds: number;
}

function sequenceProblem(messages: WireMessage[]): string | null {
  const sequences = messages.map((message) => message.sequence).sort((a, b) => a - b);
  const wrong = sequences.findIndex((sequence, index) => sequence !== index + 1);
  return wrong === -1 ? null : `expected ${wrong + 1} at position ${wrong + 1}, found ${sequences[wrong]}`;
}

function recipientsOf(message: SentMessage, users: string[]): string[] {
  return message.isGroup ? users.filter((userID) => userID !== message.from) : [message.to];
}

function recoveryTimes(records: ChaosRecords): Array<number | null> {
  return records.kills.map(({ killedAt, restartedAt }, index) => {
    const until = records.kills[index + 1]?.killedAt ?? Infinity;
    const firstAckPerClient = records.users.map((userID) => {
      const acks = records.sent
        .filter(
          (m) => m.from === userID && m.acknowledged && m.acknowledged.at >= restartedAt && m.acknowledged.at < until,
        )
        .map((m) => m.acknowledged!.at);
      return acks.length ? Math.min(...acks) : null;
    });
    return firstAckPerClient.includes(null) ? null : Math.max(...(firstAckPerClient as number[])) - killedAt;
  });
}

/** Reads what the server stored (straight, not through the proxy) and compares it with what was sent and received. */
export async function checkChaos(records: ChaosRecords): Promise<ChaosFigures> {
  const { server, users, sent, received } = records;
  const readers = new Map<string, RawClient>();
  for (const userID of users)
    readers.set(userID, await RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID)));
  try {
    const conversations = new Map<string, WireMessage[]>([
      [`GROUP${GROUP_ID}`, await wholeHistory(readers.get(users[0])!, `GROUP${GROUP_ID}`)],
    ]);
    for (const [i, userID] of users.entries())
      for (const peer of users.slice(i + 1))
        conversations.set(`C2C ${userID} ${peer}`, await wholeHistory(readers.get(userID)!, `C2C${peer}`));
    const storedCount = new Map<string, number>();
    const storedFrom = new Map<string, WireMessage>();
    for (const messages of conversations.values())
      for (const message of messages) {
        storedCount.set(message.ID, (storedCount.get(message.ID) ?? 0) + 1);
        storedFrom.set(message.ID, message);
      }

    const figures: ChaosFigures = {
      sent: sent.length,
      acknowledged: sent.filter((m) => m.acknowledged).length,
      acknowledgedUnstored: sent.filter((m) => m.acknowledged?.sequence === 0).length,
      failedByCode: {},
      stored: storedCount.size,
      lost: sent.filter((m) => !storedCount.has(m.ID)).map((m) => m.ID),
      acknowledgedButLost: sent.filter((m) => m.acknowledged?.sequence && !storedCount.has(m.ID)).map((m) => m.ID),
      storedTwice: [...storedCount].filter(([, count]) => count > 1).map(([ID]) => ID),
      undelivered: [],
      deliveredTwice: [],
      sequenceProblems: [],
      unreadMismatches: [],
      recoveryMs: recoveryTimes(records),
      seconds: records.seconds,
    };
    for (const m of sent)
      if (m.failedCode !== undefined)
        figures.failedByCode[m.failedCode] = (figures.failedByCode[m.failedCode] ?? 0) + 1;
    for (const m of sent) {
      if (!storedCount.has(m.ID)) continue;
      for (const recipient of recipientsOf(m, users)) {
        const times = received.get(recipient)!.get(m.ID) ?? 0;
        if (times === 0) figures.undelivered.push(`${recipient} ${m.ID}`);
        if (times > 1) figures.deliveredTwice.push(`${recipient} ${m.ID} ×${times}`);
      }
    }
    for (const [conversation, messages] of conversations) {
      const problem = sequenceProblem(messages);
      if (problem) figures.sequenceProblems.push(`${conversation}: ${problem}`);
    }
    for (const userID of users)
      figures.unreadMismatches.push(...(await unreadMismatches(records, userID, readers.get(userID)!, storedFrom)));
    return figures;
  } finally {
    for (const reader of readers.values()) reader.close();
  }
}

/** Nothing is ever read in a run: each conversation's unread count is what reached the user from others there. */
async function unreadMismatches(
  records: ChaosRecords,
  userID: string,
  reader: RawClient,
  stored: Map<string, WireMessage>,
): Promise<string[]> {
  const delivered = new Map<string, number>();
  for (const ID of records.received.get(userID)!.keys()) {
    const message = stored.get(ID);
    if (!message || message.from === userID) continue;
    const conversationID = message.conversationType === 'GROUP' ? `GROUP${message.to}` : `C2C${message.from}`;
    delivered.set(conversationID, (delivered.get(conversationID) ?? 0) + 1);
  }
  const answer = await reader.request('getConversationList', {});
  const onServer = answer.t === 'res' ? (answer.d as { conversationList: WireConversation[] }).conversationList : [];
  const inSDK = (await records.chats.get(userID)!.getConversationList()).data.conversationList;
  const conversationIDs = new Set([...delivered.keys(), ...onServer.map((c) => c.conversationID)]);
  const mismatches: string[] = [];
  for (const conversationID of conversationIDs) {
    const server = onServer.find((c) => c.conversationID === conversationID)?.unreadCount ?? 0;
    const sdk = inSDK.find((c) => c.conversationID === conversationID)?.unreadCount ?? 0;
    const expected = delivered.get(conversationID) ?? 0;
    if (server !== expected || sdk !== expected)
      mismatches.push(`${userID} ${conversationID}: server ${server}, SDK ${sdk}, delivered ${expected}`);
  }
  return mismatches;
}

/** The figures as lines for a person. */
export function describeFigures(figures: ChaosFigures, kills: number, cuts: number): string[] {
  const recovered = figures.recoveryMs.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  const failed = Object.entries(figures.failedByCode).map(([code, count]) => `${count} × ${code}`);
  return [
    `run:                   ${figures.seconds.toFixed(0)} s, ${kills} kill -9 restarts, ${cuts} connection cuts`,
    `sent:                  ${figures.sent}`,
    `acknowledged:          ${figures.acknowledged} (${figures.acknowledgedUnstored} of them with sequence 0: dropped by the group limit)`,
    `failed (no resend):    ${failed.length ? failed.join(', ') : 'none'}`,
    `stored:                ${figures.stored}`,
    `lost (never stored):   ${figures.lost.length} (acknowledged with a sequence but not stored: ${figures.acknowledgedButLost.length})`,
    `doubled:               ${figures.storedTwice.length} stored twice, ${figures.deliveredTwice.length} delivered twice`,
    `undelivered:           ${figures.undelivered.length} (recipient, stored message) pairs`,
    `sequence gaps/repeats: ${figures.sequenceProblems.length} conversations`,
    `unread mismatches:     ${figures.unreadMismatches.length} (user, conversation) pairs`,
    `recovery after a kill: ${recovered.length ? `min ${recovered[0]} ms, median ${recovered[Math.floor(recovered.length / 2)]} ms, max ${recovered.at(-1)} ms` : 'n/a'}${figures.recoveryMs.length > recovered.length ? ` (${figures.recoveryMs.length - recovered.length} kills with a client that had no acknowledged send before the next kill)` : ''}`,
    `  each (ms):           ${figures.recoveryMs.map((ms) => ms ?? '-').join(' ')}`,
  ];
}

export function isClean(figures: ChaosFigures): boolean {
  return (
    figures.lost.length === 0 &&
    figures.storedTwice.length === 0 &&
    figures.undelivered.length === 0 &&
    figures.deliveredTwice.length === 0 &&
    figures.sequenceProblems.length === 0 &&
    figures.unreadMismatches.length === 0
  );
}
