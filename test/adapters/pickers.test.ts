import { normalizeFile } from '../../adapters/files';
import { ChatError } from '../../protocol/errors';
import { createFileBasedMessage, type FactoryContext } from '../../plugin/factories';

/**
 * Every picker result the SDK accepts as `payload.file`, in the shapes the docs give:
 * - wx.chooseImage https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseImage.html
 * - wx.chooseMedia https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 * - wx.chooseVideo https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseVideo.html
 * - wx.chooseMessageFile https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 * - RecorderManager.onStop https://developers.weixin.qq.com/miniprogram/dev/api/media/recorder/RecorderManager.onStop.html
 * - uni.chooseImage / chooseVideo / chooseFile / chooseMedia https://uniapp.dcloud.net.cn/api/media/image.html ,
 *   https://uniapp.dcloud.net.cn/api/media/video.html , https://uniapp.dcloud.net.cn/api/media/file.html
 *   (on H5 `tempFiles` are File objects and chooseVideo adds `tempFile` and `name`)
 * - a cancelled picker calls `fail` with `{ errMsg: '<api>:fail cancel' }`
 */
const jpeg = new File([new Uint8Array(100)], 'IMG_1.jpg', { type: 'image/jpeg' });
const mp4 = new File([new Uint8Array(300)], 'clip.mp4', { type: 'video/mp4' });

describe('every documented picker result becomes one file', () => {
  test.each([
    [
      'wx.chooseImage',
      {
        tempFilePaths: ['wxfile://tmp_a.jpg'],
        tempFiles: [{ path: 'wxfile://tmp_a.jpg', size: 10 }],
        errMsg: 'chooseImage:ok',
      },
      { name: 'tmp_a.jpg', size: 10, source: { kind: 'path', path: 'wxfile://tmp_a.jpg' } },
    ],
    [
      'wx.chooseMedia (image)',
      {
        type: 'image',
        tempFiles: [{ tempFilePath: 'wxfile://tmp_b.png', size: 11, fileType: 'image' }],
        errMsg: 'chooseMedia:ok',
      },
      { name: 'tmp_b.png', size: 11 },
    ],
    [
      'wx.chooseMedia (video)',
      {
        type: 'video',
        tempFiles: [
          {
            tempFilePath: 'wxfile://tmp_v.mp4',
            size: 20,
            duration: 7.5,
            width: 640,
            height: 360,
            thumbTempFilePath: 'wxfile://tmp_t.jpg',
            fileType: 'video',
          },
        ],
      },
      {
        size: 20,
        durationSeconds: 7.5,
        width: 640,
        height: 360,
        thumb: { source: { kind: 'path', path: 'wxfile://tmp_t.jpg' } },
      },
    ],
    [
      'wx.chooseVideo',
      { tempFilePath: 'wxfile://tmp_c.mp4', duration: 3, size: 30, height: 480, width: 640, errMsg: 'chooseVideo:ok' },
      { size: 30, durationSeconds: 3, width: 640, height: 480 },
    ],
    [
      'wx.chooseMessageFile',
      {
        tempFiles: [{ path: 'wxfile://tmp_d', size: 5, name: 'plan.pdf', type: 'file', time: 1764000000 }],
        errMsg: 'chooseMessageFile:ok',
      },
      { name: 'plan.pdf', size: 5 },
    ],
    [
      'RecorderManager.onStop (duration in ms)',
      { tempFilePath: 'wxfile://tmp_r.aac', duration: 2500, fileSize: 40 },
      { name: 'tmp_r.aac', size: 40, durationSeconds: 2.5 },
    ],
    [
      'uni.chooseImage on mp-weixin',
      { tempFilePaths: ['http://tmp/e.jpg'], tempFiles: [{ path: 'http://tmp/e.jpg', size: 12 }] },
      { size: 12, source: { kind: 'path' } },
    ],
    [
      'uni.chooseImage on H5 (File objects)',
      { tempFilePaths: ['blob:http://localhost/1'], tempFiles: [jpeg] },
      { name: 'IMG_1.jpg', size: 100, type: 'image/jpeg', source: { kind: 'blob' } },
    ],
    [
      'uni.chooseVideo on H5 (tempFile)',
      {
        tempFilePath: 'blob:http://localhost/2',
        tempFile: mp4,
        duration: 4,
        size: 300,
        height: 360,
        width: 640,
        name: 'clip.mp4',
      },
      { name: 'clip.mp4', size: 300, durationSeconds: 4, width: 640, source: { kind: 'blob' } },
    ],
    [
      'uni.chooseFile on H5',
      { tempFilePaths: ['blob:http://localhost/3'], tempFiles: [mp4] },
      { name: 'clip.mp4', source: { kind: 'blob' } },
    ],
    ['an <input type="file">', { files: [jpeg] }, { name: 'IMG_1.jpg', source: { kind: 'blob' } }],
    ['a File', jpeg, { name: 'IMG_1.jpg' }],
  ])('%s', (_name, input, expected) => {
    expect(normalizeFile(input)).toMatchObject(expected);
  });

  test('several files picked at once: the first is the one sent', () => {
    const picked = {
      tempFilePaths: ['wxfile://1.jpg', 'wxfile://2.jpg'],
      tempFiles: [
        { path: 'wxfile://1.jpg', size: 1 },
        { path: 'wxfile://2.jpg', size: 2 },
      ],
    };
    expect(normalizeFile(picked)).toMatchObject({ source: { path: 'wxfile://1.jpg' }, size: 1 });
  });
});

describe('what is not a file is refused with the reference code, never sent as an empty upload', () => {
  const context: FactoryContext = { from: 'alice', now: () => 1, newID: () => 'id-1', describeFile: normalizeFile };
  const create = (kind: 'image' | 'file' | 'audio', file: unknown) => {
    try {
      createFileBasedMessage(kind, { to: 'bob', conversationType: 'C2C', payload: { file } } as never, context);
    } catch (error) {
      expect(error).toBeInstanceOf(ChatError);
      return error as ChatError;
    }
    throw new Error('expected a refusal');
  };

  test.each([
    ['image', 2251],
    ['file', 2401],
    ['audio', 90003],
  ] as const)("a cancelled picker's fail result, as a %s → %s, saying it was cancelled", (kind, code) => {
    const error = create(kind, { errMsg: 'chooseImage:fail cancel' });
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/cancelled/);
  });

  test.each([
    ['no files picked', { tempFilePaths: [], tempFiles: [] }],
    ['an <input> with nothing chosen', { files: [] }],
    ['a 0-byte file', new File([], 'empty.jpg')],
    ['a picker result of another app', { path: 'wxfile://x.jpg' }],
    ['a bare temp path string', 'wxfile://tmp_a.jpg'],
  ])('%s → 2251', (_name, file) => {
    expect(create('image', file).code).toBe(2251);
  });
});
