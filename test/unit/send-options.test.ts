import { ChatError } from '../../protocol/errors';
import { MAX_SEND_OPTION_CHARS } from '../../protocol/limits';
import { parseSendOptions } from '../../protocol/schemas/send-options';

/** The one parser of sendMessage's options: the SDK runs it before sending, the server on every `send`. */
function failureOf(fields: Record<string, unknown>): { code: number; message: string } {
  try {
    parseSendOptions(fields);
  } catch (error) {
    if (error instanceof ChatError) return { code: error.code, message: error.message };
  }
  throw new Error('expected a ChatError');
}

describe('parseSendOptions', () => {
  test('keeps the known options and drops what is off or absent', () => {
    expect(parseSendOptions({})).toEqual({});
    expect(
      parseSendOptions({
        onlineUserOnly: false,
        offlinePushInfo: { title: 't', disablePush: true, extension: undefined },
      }),
    ).toEqual({ offlinePushInfo: { title: 't', disablePush: true } });
    expect(parseSendOptions({ onlineUserOnly: true })).toEqual({ onlineUserOnly: true });
  });

  test(`a string of ${MAX_SEND_OPTION_CHARS} characters passes; one more is 90003`, () => {
    expect(
      parseSendOptions({ offlinePushInfo: { description: 'x'.repeat(MAX_SEND_OPTION_CHARS) } }).offlinePushInfo
        ?.description,
    ).toHaveLength(MAX_SEND_OPTION_CHARS);
    expect(failureOf({ offlinePushInfo: { description: 'x'.repeat(MAX_SEND_OPTION_CHARS + 1) } })).toEqual({
      code: 90003,
      message:
        'offlinePushInfo.description must be a string of at most 1024 characters, got a string of 1025 characters.',
    });
  });

  test.each([
    [{ onlineUserOnly: 'yes' }, 90003, /onlineUserOnly must be true or false/],
    [{ messageControlInfo: [] }, 90003, /messageControlInfo must be an object, got an empty array/],
    [{ offlinePushInfo: { disablePush: 1 } }, 90003, /disablePush must be true or false, got number 1/],
    [{ onlineUserOnly: true, messageControlInfo: {} }, 90009, /cannot be used together/],
  ])('%j → %d', (fields, code, message) => {
    expect(failureOf(fields)).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  test('fields this version does not know are dropped, not refused; androidInfo and apnsInfo are kept', () => {
    expect(
      parseSendOptions({
        futureOption: 1,
        messageControlInfo: { excludedFromUnreadCount: true, excludeAll: true },
        offlinePushInfo: {
          title: 't',
          someNewField: { nested: true },
          androidInfo: { sound: 'ding', XiaoMiChannelID: 'c', HuaWeiImportance: 1, VIVOClassification: 1 },
          apnsInfo: { sound: 'ding.caf', ignoreIOSBadge: true },
        },
      }),
    ).toEqual({
      messageControlInfo: { excludedFromUnreadCount: true },
      offlinePushInfo: {
        title: 't',
        androidInfo: { sound: 'ding', XiaoMiChannelID: 'c', HuaWeiImportance: 1, VIVOClassification: 1 },
        apnsInfo: { sound: 'ding.caf', ignoreIOSBadge: true },
      },
    });
  });

  test.each([
    [{ offlinePushInfo: { androidInfo: 'ding' } }, /androidInfo must be an object of at most 32/],
    [{ offlinePushInfo: { apnsInfo: { sound: { name: 'x' } } } }, /apnsInfo must be an object of at most 32/],
    [{ offlinePushInfo: { apnsInfo: { image: 'x'.repeat(1025) } } }, /apnsInfo/],
  ])('androidInfo / apnsInfo that are not flat and bounded: %j → 90003', (fields, message) => {
    expect(failureOf(fields)).toMatchObject({ code: 90003, message: expect.stringMatching(message) });
  });

  test('only own fields count: a polluted prototype adds no option', () => {
    const fields = Object.create({ onlineUserOnly: true }) as Record<string, unknown>;
    expect(parseSendOptions(fields)).toEqual({});
  });
});
