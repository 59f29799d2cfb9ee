import { isConversationUpdate } from '../../plugin/server-frames';

describe('isConversationUpdate (the conversationUpdated push)', () => {
  test.each([
    [{ conversationList: [], deletedConversationIDList: [] }, true],
    [{ conversationList: [{ conversationID: 'C2Ca' }], deletedConversationIDList: ['C2Cb'], groupName: 'g' }, true],
    [{ conversationList: [], deletedConversationIDList: [], conversationGroupList: ['a', 'b'] }, true],
    [{ conversationList: [{}], deletedConversationIDList: [] }, false],
    [{ conversationList: [], deletedConversationIDList: [5] }, false],
    [{ conversationList: [], deletedConversationIDList: [], conversationGroupList: [1] }, false],
    [{ conversationList: [], deletedConversationIDList: [], groupName: {} }, false],
    [{ deletedConversationIDList: [] }, false],
    [null, false],
    [[], false],
  ])('%j → %s', (value, ok) => {
    expect(isConversationUpdate(value)).toBe(ok);
  });
});
