import { normalizeFile } from '../../adapters/files';
import { TYPES } from '../../protocol/constants';
import { ChatError } from '../../protocol/errors';
import {
  createCustomMessage,
  createFaceMessage,
  createFileBasedMessage,
  createForwardMessage,
  createLocationMessage,
  createMergerMessage,
  type FactoryContext,
} from '../../plugin/factories';
import { Message } from '../../plugin/message';
import { MAX_FILE_BYTES } from '../../protocol/limits';

/** Every factory's input checks: wrong types, missing fields, over-limit sizes and hostile values. */
const context = (): FactoryContext => ({
  from: 'alice',
  now: () => 1_700_000_000,
  newID: () => `id-${Math.random()}`,
  describeFile: normalizeFile,
});
const to = { to: 'bob', conversationType: TYPES.CONV_C2C };

function codeOf(make: () => unknown): { code: number; message: string } {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected a ChatError');
}

const sent = (text: string) => {
  const message = new Message({
    ...to,
    ID: `s-${text}`,
    type: TYPES.MSG_TEXT,
    payload: { text },
    from: 'alice',
    flow: 'out',
    time: 1,
    status: 'success',
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
  });
  return message;
};

describe.each(['image', 'audio', 'video', 'file'] as const)('create %s message', (kind) => {
  const expectedMissing = { image: 2251, file: 2401, audio: 90003, video: 90003 }[kind];
  test.each([
    ['no file', {}],
    ['a string', { file: '/etc/passwd' }],
    ['a number', { file: 42 }],
    ['an empty picker result', { file: { tempFiles: [] } }],
    ['an empty <input>', { file: { files: [] } }],
    ['a picker result without size', { file: { tempFiles: [{ path: '/tmp/x.png' }] } }],
    ['a negative size', { file: { tempFiles: [{ path: '/tmp/x.png', size: -1 }] } }],
    ['an empty file', { file: new File([], 'x.png') }],
  ])('%s → %s', (_name, payload) => {
    const error = codeOf(() => createFileBasedMessage(kind, { ...to, payload } as never, context()));
    expect(error.code).toBe(expectedMissing);
    expect(error.message).toMatch(/file|Choose/i);
  });

  test("over 100 MB → the kind's too-large code, naming the limit", () => {
    const name = { image: 'a.png', audio: 'a.aac', video: 'a.mp4', file: 'a.bin' }[kind];
    const error = codeOf(() =>
      createFileBasedMessage(
        kind,
        { ...to, payload: { file: { tempFiles: [{ path: `/tmp/${name}`, size: MAX_FILE_BYTES + 1 }] } } },
        context(),
      ),
    );
    expect(error.code).toBe({ image: 2253, audio: 2301, video: 2351, file: 2402 }[kind]);
    expect(error.message).toContain('100 MB');
  });

  test('onProgress that is not a function → 90003', () => {
    expect(
      codeOf(() =>
        createFileBasedMessage(
          kind,
          { ...to, payload: { file: new File(['x'], 'a.png') }, onProgress: 'yes' } as never,
          context(),
        ),
      ).code,
    ).toBe(90003);
  });
});

describe('custom, face, location', () => {
  test.each([
    ['custom data not a string', () => createCustomMessage({ ...to, payload: { data: 1 } } as never, context())],
    ['custom without payload', () => createCustomMessage({ ...to } as never, context())],
    ['face without index', () => createFaceMessage({ ...to, payload: { data: 'x' } } as never, context())],
    ['face index a string', () => createFaceMessage({ ...to, payload: { index: '1' } } as never, context())],
    ['face index huge', () => createFaceMessage({ ...to, payload: { index: 2 ** 40 } }, context())],
    [
      'location longitude 181',
      () => createLocationMessage({ ...to, payload: { longitude: 181, latitude: 0 } }, context()),
    ],
    [
      'location latitude NaN',
      () => createLocationMessage({ ...to, payload: { longitude: 0, latitude: NaN } }, context()),
    ],
    [
      'location missing latitude',
      () => createLocationMessage({ ...to, payload: { longitude: 0 } } as never, context()),
    ],
    [
      'cloudCustomData not a string',
      () => createCustomMessage({ ...to, payload: {}, cloudCustomData: {} } as never, context()),
    ],
    [
      'priority unknown',
      () => createFaceMessage({ ...to, payload: { index: 1 }, priority: 'Urgent' } as never, context()),
    ],
  ])('%s → 90003', (_name, make) => {
    expect(codeOf(make).code).toBe(90003);
  });

  test('a payload with a polluted prototype does not fill missing fields', () => {
    const payload = Object.create({ longitude: 1, latitude: 1 }) as Record<string, unknown>;
    expect(codeOf(() => createLocationMessage({ ...to, payload } as never, context())).code).toBe(90003);
  });
});

describe('merger and forward', () => {
  test.each([
    ['an empty list', { messageList: [], compatibleText: 'c' }, 2450],
    ['a list that is not an array', { messageList: 'x', compatibleText: 'c' }, 2450],
    [
      'a plain object posing as a message',
      { messageList: [{ type: 'TIMTextElem', payload: {}, status: 'success' }], compatibleText: 'c' },
      2450,
    ],
    ['no compatibleText', { messageList: [sent('a')] }, 90003],
    ['abstractList of numbers', { messageList: [sent('a')], compatibleText: 'c', abstractList: [1] }, 90003],
  ])('merger with %s → %s', (_name, payload, code) => {
    expect(codeOf(() => createMergerMessage({ ...to, payload } as never, context())).code).toBe(code);
  });

  test('a merged list over 12 KB becomes an upload of its JSON', () => {
    const big = Array.from({ length: 8 }, (_, i) => sent(`${i}${'x'.repeat(2000)}`));
    const { message, upload } = createMergerMessage(
      { ...to, payload: { messageList: big, compatibleText: 'c' } },
      context(),
    );
    expect(upload?.file).toMatchObject({ name: 'messages.json', type: 'application/json', source: { kind: 'bytes' } });
    expect(
      JSON.parse(Buffer.from((upload!.file.source as { bytes: ArrayBuffer }).bytes).toString('utf8')),
    ).toHaveLength(8);
    expect(message.payload.downloadKey).toBe('');
    expect(
      createMergerMessage({ ...to, payload: { messageList: [sent('a')], compatibleText: 'c' } }, context()).upload,
    ).toBeUndefined();
  });

  test.each([
    ['no payload', undefined, 2453],
    ['a plain object', { type: 'TIMTextElem', payload: { text: 'x' }, status: 'success' }, 2453],
  ])('forward of %s → %s', (_name, payload, code) => {
    expect(codeOf(() => createForwardMessage({ ...to, payload } as never, context())).code).toBe(code);
  });

  test('forward of a group tip → 2454', () => {
    const tip = sent('x');
    tip.type = TYPES.MSG_GRP_TIP;
    expect(codeOf(() => createForwardMessage({ ...to, payload: tip }, context())).code).toBe(2454);
  });
});

describe('normalizeFile (adapters/files.ts)', () => {
  test.each([
    [
      'wx.chooseImage',
      { tempFilePaths: ['wxfile://tmp_a.jpg'], tempFiles: [{ path: 'wxfile://tmp_a.jpg', size: 10 }] },
      { name: 'tmp_a.jpg', size: 10 },
    ],
    [
      'wx.chooseMedia',
      {
        type: 'video',
        tempFiles: [
          {
            tempFilePath: 'http://tmp/v.mp4',
            size: 20,
            duration: 7,
            width: 4,
            height: 3,
            thumbTempFilePath: 'http://tmp/t.jpg',
          },
        ],
      },
      { name: 'v.mp4', size: 20, durationSeconds: 7, width: 4, height: 3 },
    ],
    [
      'wx.chooseVideo',
      { tempFilePath: 'http://tmp/v.mp4', duration: 3, size: 30, width: 4, height: 3 },
      { size: 30, durationSeconds: 3 },
    ],
    [
      'RecorderManager.onStop',
      { tempFilePath: 'http://tmp/r.aac', duration: 2500, fileSize: 40 },
      { name: 'r.aac', size: 40, durationSeconds: 2.5 },
    ],
    [
      'wx.chooseMessageFile',
      { tempFiles: [{ path: 'http://tmp/x', size: 5, name: 'plan.doc', type: 'file', time: 1 }] },
      { name: 'plan.doc', size: 5, type: '' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(normalizeFile(input)).toMatchObject(expected);
  });

  test.each([
    null,
    undefined,
    1,
    'x',
    [],
    {},
    { tempFiles: [{ path: 5, size: 1 }] },
    { tempFilePath: 'x' },
    { files: { length: 'many' } },
  ])('%j is not a file', (input) => {
    expect(normalizeFile(input)).toBeNull();
  });
});
