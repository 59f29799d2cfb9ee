import { TYPES } from '../../../protocol/constants';
import { communityOfTopic } from '../../../protocol/topics';
import type { C2CRelation } from '../../c2c-rules';
import type { AudienceLookups } from '../audience';
import type { SendIntent } from '../store';
import type { Queryable } from './pg-database';

/*
 * decideAudience (audience.ts) reads membership and relations synchronously; on PostgreSQL every
 * read is a round trip. So what a batch of sends will ask is read first, in a few statements over
 * all of them, and answered from memory. The tables are the groups' and relations' parts
 * (group_members, groups, topics, friends, blacklist), read by their SQLite names.
 */

const key = (...parts: Array<string | number>) => parts.join('\u0000');

/** The lookups decideAudience will make for these sends, read now: relations per C2C pair, members per group. */
export async function readAudienceLookups(q: Queryable, intents: readonly SendIntent[]): Promise<AudienceLookups> {
  const pairs = new Map<string, { app: number; sender: string; to: string }>();
  const groups = new Map<string, { app: number; groupID: string }>();
  for (const { app, sender, draft } of intents) {
    if (draft.conversationType === TYPES.CONV_GROUP) groups.set(key(app, draft.to), { app, groupID: draft.to });
    else if (draft.conversationType === TYPES.CONV_C2C && draft.to !== sender)
      pairs.set(key(app, sender, draft.to), { app, sender, to: draft.to });
  }
  const [relations, members] = await Promise.all([
    readRelations(q, [...pairs.values()]),
    readConversationMembers(q, [...groups.values()]),
  ]);
  return {
    c2cRelation: (app, sender, to) => relations.get(key(app, sender, to)) ?? { blocked: false, friends: false },
    groupMemberIDs: (app, groupID) => members.get(key(app, groupID)) ?? null,
  };
}

/** For each pair: is the sender in the receiver's blacklist, and are they friends both ways. */
async function readRelations(
  q: Queryable,
  pairs: ReadonlyArray<{ app: number; sender: string; to: string }>,
): Promise<Map<string, C2CRelation>> {
  const relations = new Map<string, C2CRelation>();
  if (pairs.length === 0) return relations;
  const apps = pairs.map((p) => p.app);
  const senders = pairs.map((p) => p.sender);
  const receivers = pairs.map((p) => p.to);
  const [blocked, friends] = await Promise.all([
    q.query<{ app: number; user_id: string; blocked_id: string }>(
      `SELECT b.app, b.user_id, b.blocked_id FROM blacklist b
       JOIN unnest($1::bigint[], $2::text[], $3::text[]) AS p(app, sender, receiver)
         ON b.app = p.app AND b.user_id = p.receiver AND b.blocked_id = p.sender`,
      [apps, senders, receivers],
    ),
    q.query<{ app: number; sender: string; receiver: string }>(
      `SELECT p.app, p.sender, p.receiver FROM unnest($1::bigint[], $2::text[], $3::text[]) AS p(app, sender, receiver)
       WHERE EXISTS (SELECT 1 FROM friends f WHERE f.app = p.app AND f.user_id = p.sender AND f.friend_id = p.receiver)
         AND EXISTS (SELECT 1 FROM friends f WHERE f.app = p.app AND f.user_id = p.receiver AND f.friend_id = p.sender)`,
      [apps, senders, receivers],
    ),
  ]);
  for (const pair of pairs) relations.set(key(pair.app, pair.sender, pair.to), { blocked: false, friends: false });
  for (const row of blocked.rows) relations.get(key(row.app, row.blocked_id, row.user_id))!.blocked = true;
  for (const row of friends.rows) relations.get(key(row.app, row.sender, row.receiver))!.friends = true;
  return relations;
}

/**
 * Who is in each group conversation: the group's members in join order, or for a topic
 * (GROUP<topicID>) its community's; no entry when there is neither (as SqliteGroups.conversationMemberIDs).
 */
async function readConversationMembers(
  q: Queryable,
  groups: ReadonlyArray<{ app: number; groupID: string }>,
): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (groups.length === 0) return members;
  const topics = groups.filter((g) => communityOfTopic(g.groupID));
  const communities = new Map<string, string>();
  if (topics.length > 0) {
    const { rows } = await q.query<{ app: number; topic_id: string; group_id: string }>(
      `SELECT t.app, t.topic_id, t.group_id FROM topics t
       JOIN unnest($1::bigint[], $2::text[]) AS w(app, topic_id) ON t.app = w.app AND t.topic_id = w.topic_id`,
      [topics.map((t) => t.app), topics.map((t) => t.groupID)],
    );
    for (const row of rows) communities.set(key(row.app, row.topic_id), row.group_id);
  }
  const owners = new Map<string, { app: number; groupID: string }>();
  for (const g of groups) {
    const owner = communityOfTopic(g.groupID) ? communities.get(key(g.app, g.groupID)) : g.groupID;
    if (owner !== undefined) owners.set(key(g.app, g.groupID), { app: g.app, groupID: owner });
  }
  const wanted = [...owners.values()];
  if (wanted.length === 0) return members;
  const params = [wanted.map((w) => w.app), wanted.map((w) => w.groupID)];
  const [existing, rows] = await Promise.all([
    q.query<{ app: number; group_id: string }>(
      `SELECT g.app, g.group_id FROM groups g
       JOIN unnest($1::bigint[], $2::text[]) AS w(app, group_id) ON g.app = w.app AND g.group_id = w.group_id`,
      params,
    ),
    q.query<{ app: number; group_id: string; user_id: string }>(
      `SELECT m.app, m.group_id, m.user_id FROM group_members m
       WHERE (m.app, m.group_id) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))
       ORDER BY m.join_time, m.user_id COLLATE "C"`,
      params,
    ),
  ]);
  const memberIDs = new Map<string, string[]>();
  for (const row of existing.rows) memberIDs.set(key(row.app, row.group_id), []);
  for (const row of rows.rows) memberIDs.get(key(row.app, row.group_id))?.push(row.user_id);
  for (const [conversation, owner] of owners) {
    const ids = memberIDs.get(key(owner.app, owner.groupID));
    if (ids) members.set(conversation, [...ids]);
  }
  return members;
}
