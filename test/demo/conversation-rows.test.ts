/**
 * The native demo's conversation rows: pinned first with a mark, muted with an icon and a dot for unread, the
 * profile's avatar (demo/miniprogram/.../conversations/rows.js, the same rules the uni-app demo's list follows).
 */
jest.mock('tidings/components/shared/summary', () => jest.requireActual('../../components/shared/summary'), {
  virtual: true,
});

interface Row {
  conversationID: string;
  isPinned: boolean;
  isMuted: boolean;
  avatar: string;
  title: string;
  badge: string;
}
const rows = require('../../demo/miniprogram/miniprogram/pages/conversations/rows.js') as {
  toRows(conversations: unknown[], groupNames: Record<string, string>, selfUserID: string): Row[];
  MUTED: string;
};

const conversation = (conversationID: string, fields: Record<string, unknown> = {}) => ({
  conversationID,
  type: conversationID.startsWith('GROUP') ? 'GROUP' : 'C2C',
  unreadCount: 0,
  lastMessage: null,
  userProfile: { userID: conversationID.slice(3), nick: '', avatar: '' },
  groupProfile: { groupID: conversationID.slice(5) },
  ...fields,
});

test('pinned conversations come first, each part in the order the SDK gave (newest first)', () => {
  const list = rows.toRows(
    [
      conversation('C2Ca'),
      conversation('C2Cb', { isPinned: true }),
      conversation('C2Cc'),
      conversation('GROUPg', { isPinned: true }),
    ],
    { g: 'Team' },
    'me',
  );
  expect(list.map((row) => [row.conversationID, row.isPinned])).toEqual([
    ['C2Cb', true],
    ['GROUPg', true],
    ['C2Ca', false],
    ['C2Cc', false],
  ]);
  expect(list[1].title).toBe('Team');
});

test("muted is the reference's AcceptNotNotify; the nick and avatar come from the user's profile", () => {
  expect(rows.MUTED).toBe('AcceptNotNotify');
  const [muted, plain] = rows.toRows(
    [
      conversation('C2Ca', { messageRemindType: 'AcceptNotNotify', unreadCount: 3 }),
      conversation('C2Cb', {
        messageRemindType: 'AcceptAndNotify',
        userProfile: { userID: 'b', nick: 'Bea', avatar: 'https://a.example/b.png' },
      }),
    ],
    {},
    'me',
  );
  expect(muted).toMatchObject({ isMuted: true, badge: '3', avatar: '' });
  expect(plain).toMatchObject({ isMuted: false, title: 'Bea', avatar: 'https://a.example/b.png' });
});
