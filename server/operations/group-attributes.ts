import type { GroupAttributes, GroupCounters } from '../../protocol/group-management';
import type { Session } from '../bus/bus';
import { requireMembership, requireSession, type Handlers, type OperationContext } from './context';

/** Only the keys asked for (all when `keyList` is absent). */
function pick<T>(all: Record<string, T>, keyList: string[] | undefined): Record<string, T> {
  if (!keyList) return all;
  return Object.fromEntries(
    keyList.filter((key) => Object.prototype.hasOwnProperty.call(all, key)).map((key) => [key, all[key]]),
  );
}

async function memberIDs(ctx: OperationContext, session: Session, groupID: string): Promise<string[]> {
  return (await ctx.store.getGroupMembers(session.app, groupID)).map((member) => member.userID);
}

async function announceAttributes(
  ctx: OperationContext,
  session: Session,
  groupID: string,
  groupAttributes: GroupAttributes,
): Promise<void> {
  await ctx.bus.publish(session.app, await memberIDs(ctx, session, groupID), 'groupAttributesUpdated', {
    groupID,
    groupAttributes,
  });
}

async function announceCounters(
  ctx: OperationContext,
  session: Session,
  groupID: string,
  changed: GroupCounters,
): Promise<void> {
  const members = await memberIDs(ctx, session, groupID);
  for (const [key, value] of Object.entries(changed))
    await ctx.bus.publish(session.app, members, 'groupCounterUpdated', { groupID, key, value });
}

/**
 * Group attributes (key-value strings) and counters (key-integer): every member reads and writes
 * them, and every member hears of each change (GROUP_ATTRIBUTES_UPDATED, GROUP_COUNTER_UPDATED).
 */
export const groupAttributeOperations: Handlers<
  | 'initGroupAttributes'
  | 'setGroupAttributes'
  | 'deleteGroupAttributes'
  | 'getGroupAttributes'
  | 'setGroupCounters'
  | 'increaseGroupCounter'
  | 'decreaseGroupCounter'
  | 'getGroupCounters'
> = {
  async initGroupAttributes(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const all = await ctx.store.writeGroupAttributes(session.app, d.groupID, {
      mode: 'init',
      attributes: d.groupAttributes,
    });
    await announceAttributes(ctx, session, d.groupID, all);
    return { groupAttributes: d.groupAttributes };
  },

  async setGroupAttributes(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const all = await ctx.store.writeGroupAttributes(session.app, d.groupID, {
      mode: 'set',
      attributes: d.groupAttributes,
    });
    await announceAttributes(ctx, session, d.groupID, all);
    return { groupAttributes: d.groupAttributes };
  },

  async deleteGroupAttributes(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const all = await ctx.store.writeGroupAttributes(session.app, d.groupID, { mode: 'delete', keys: d.keyList });
    await announceAttributes(ctx, session, d.groupID, all);
    return { keyList: d.keyList };
  },

  async getGroupAttributes(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    return { groupAttributes: pick(await ctx.store.getGroupAttributes(session.app, d.groupID), d.keyList) };
  },

  async setGroupCounters(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    await ctx.store.writeGroupCounters(session.app, d.groupID, { mode: 'set', counters: d.counters });
    await announceCounters(ctx, session, d.groupID, d.counters);
    return { groupID: d.groupID, counters: d.counters };
  },

  async increaseGroupCounter(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const all = await ctx.store.writeGroupCounters(session.app, d.groupID, { mode: 'add', key: d.key, delta: d.value });
    const counters = pick(all, [d.key]);
    await announceCounters(ctx, session, d.groupID, counters);
    return { groupID: d.groupID, counters };
  },

  async decreaseGroupCounter(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    const all = await ctx.store.writeGroupCounters(session.app, d.groupID, {
      mode: 'add',
      key: d.key,
      delta: -d.value,
    });
    const counters = pick(all, [d.key]);
    await announceCounters(ctx, session, d.groupID, counters);
    return { groupID: d.groupID, counters };
  },

  async getGroupCounters(d, connection, ctx) {
    const session = requireSession(connection);
    await requireMembership(ctx, session.app, d.groupID, session.userID);
    return { groupID: d.groupID, counters: pick(await ctx.store.getGroupCounters(session.app, d.groupID), d.keyList) };
  },
};
