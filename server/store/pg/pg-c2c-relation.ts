import type { C2CRelation } from '../../c2c-rules';
import type { Queryable } from './pg-database';

/**
 * What the commit asks before a C2C message (SqliteSocial.c2cRelation): is `sender` in `to`'s
 * blacklist, and are they friends both ways. One round trip; works on the pool or in a transaction.
 */
export async function readC2CRelation(db: Queryable, app: number, sender: string, to: string): Promise<C2CRelation> {
  const { rows } = await db.query<C2CRelation>(
    `SELECT EXISTS (SELECT 1 FROM blacklist WHERE app = $1 AND user_id = $3 AND blocked_id = $2) AS blocked,
            EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = $2 AND friend_id = $3)
              AND EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = $3 AND friend_id = $2) AS friends`,
    [app, sender, to],
  );
  const [relation] = rows;
  return { blocked: relation.blocked, friends: relation.friends };
}
