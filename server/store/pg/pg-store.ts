import type { Store } from '../store';
import { PgDatabase, type PgDatabaseOptions } from './pg-database';
import { migrate } from './pg-migrations';
import { PgMessageActions } from './pg-message-actions';
import { PgReactions } from './pg-reactions';
import { PgSearch } from './pg-search';
import { MIGRATIONS } from './pg-schema';
import { PgConversations } from './pg-conversations';
import { PgMessages } from './pg-messages';
import { PgReceipts } from './pg-receipts';
import { PgGroups } from './pg-groups';
import { PgGroupManagement } from './pg-group-management';
import { PgTopics } from './pg-topics';
import { PgProfiles } from './pg-profiles';
import { PgRelations } from './pg-relations';

/** The store on PostgreSQL: every node of a deployment opens one on the same database. */
export type PgStore = Store & {
  /** Whether the database answers now (for /healthz). */
  healthy(): Promise<boolean>;
};

/** A class's public methods as plain properties: what a spread of its instance would lose. */
type Methods<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };

/** The methods of an object of a class, bound to it, as own properties: parts spread into one store. */
function methodsOf<T extends object>(part: T): Methods<T> {
  const methods: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(part))) {
    const value: unknown = Reflect.get(part, name);
    if (name !== 'constructor' && typeof value === 'function') methods[name] = value.bind(part);
  }
  return methods as Methods<T>;
}

/** Connects, brings the schema up to date (migrations run once, whichever node starts first) and answers the store. */
export async function openPgStore(options: PgDatabaseOptions): Promise<PgStore> {
  const db = new PgDatabase(options);
  try {
    await migrate(db, MIGRATIONS);
  } catch (error) {
    await db.close();
    throw error;
  }
  // Each area of the store is one part (pg-*.ts); together they are the whole port.
  const store: PgStore = {
    ...methodsOf(new PgMessages(db)),
    ...methodsOf(new PgConversations(db)),
    ...methodsOf(new PgReceipts(db)),
    ...methodsOf(new PgGroups(db)),
    ...methodsOf(new PgGroupManagement(db)),
    ...methodsOf(new PgTopics(db)),
    ...methodsOf(new PgMessageActions(db)),
    ...methodsOf(new PgReactions(db)),
    ...methodsOf(new PgSearch(db)),
    ...methodsOf(new PgRelations(db)),
    ...methodsOf(new PgProfiles(db)),
    healthy: () => db.ping(),
    close: () => db.close(),
  };
  return store;
}
