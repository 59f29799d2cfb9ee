import TencentCloudChat from 'tidings';
import { download, makeImage, sha256, tempFolder } from '../helpers/files';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, type Chat } from '../helpers/sdk';

/** The reference's image, audio, video and file examples, each through the real server with real uploads. */
let server: ServerProcess;
let files: ReturnType<typeof tempFolder>;
let alice: Chat;
let bob: Chat;

beforeAll(async () => {
  server = await ServerProcess.start();
  files = tempFolder();
});
afterAll(async () => {
  await server.close();
  files.cleanup();
});
beforeEach(async () => {
  alice = await readyChat(server, 'alice');
  bob = await readyChat(server, 'bob');
});
afterEach(destroyAll);

type Received = {
  ID: string;
  type: string;
  payload: Record<string, unknown>;
  cloudCustomData: string;
  priority: string;
  from: string;
  flow: string;
};

/** Sends the way the examples do and returns what was sent, what bob got, and every progress call. */
async function sendAndReceive(create: (onProgress: (event: number) => void) => ReturnType<Chat['createTextMessage']>) {
  const progress: number[] = [];
  const message = create((event) => progress.push(event));
  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED, 20000);
  const imResponse = await alice.sendMessage(message);
  expect(imResponse.code).toBe(0);
  const [got] = (await received) as Received[];
  expect(got).toMatchObject({ ID: message.ID, type: message.type, from: 'alice', flow: 'in' });
  expect(got.payload).toEqual(message.payload);
  return { message, got: got, progress };
}

function expectIncreasingToOne(progress: number[]) {
  expect(progress.length).toBeGreaterThan(0);
  expect(progress.at(-1)).toBe(1);
  progress.forEach((p, i) => {
    expect(p).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(p).toBeGreaterThan(progress[i - 1]);
  });
}

async function expectImagePayload(payload: Record<string, unknown>, width: number, height: number, bytes: Buffer) {
  expect(payload).toMatchObject({ uuid: expect.stringMatching(/^[0-9a-f]{32}$/), imageFormat: 3 });
  const infos = payload.imageInfoArray as Array<{
    type: number;
    url: string;
    width: number;
    height: number;
    size: number;
  }>;
  expect(infos.map((i) => i.type)).toEqual([0, 1, 2]);
  expect(infos[0]).toMatchObject({ width, height, size: bytes.length });
  expect(Math.max(infos[1].width, infos[1].height)).toBe(Math.min(720, Math.max(width, height)));
  expect(Math.max(infos[2].width, infos[2].height)).toBe(Math.min(198, Math.max(width, height)));
  const original = await download(infos[0].url);
  expect(original.status).toBe(200);
  expect(sha256(original.body)).toBe(sha256(bytes));
  for (const info of infos.slice(1)) {
    const rendition = await download(info.url);
    expect(rendition.headers.get('content-type')).toBe('image/png');
    expect(rendition.body.length).toBe(info.size);
  }
}

describe('createImageMessage', () => {
  test('web example 1: the image picker <input> element', async () => {
    const bytes = await makeImage(1600, 1200);
    const imagePicker = { files: [new File([bytes], 'photo.png', { type: 'image/png' })] };
    const { got, progress } = await sendAndReceive((onProgress) =>
      alice.createImageMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: imagePicker },
        onProgress,
      }),
    );
    expectIncreasingToOne(progress);
    await expectImagePayload(got.payload, 1600, 1200, bytes);
  });

  test('web example 2: a File pasted from the clipboard, with cloudCustomData and priority', async () => {
    const bytes = await makeImage(300, 500);
    const file = new File([bytes], 'paste.png', { type: 'image/png' });
    const { got } = await sendAndReceive((onProgress) =>
      alice.createImageMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file },
        onProgress,
        cloudCustomData: 'cc',
        priority: TencentCloudChat.TYPES.MSG_PRIORITY_HIGH,
      }),
    );
    expect(got).toMatchObject({ cloudCustomData: 'cc', priority: 'High' });
    await expectImagePayload(got.payload, 300, 500, bytes);
  });

  test('mini-program example: the success result of wx.chooseImage', async () => {
    const bytes = await makeImage(800, 600);
    const path = files.write('tmp_abc.png', bytes);
    const res = { tempFilePaths: [path], tempFiles: [{ path, size: bytes.length }] };
    const { got, progress } = await sendAndReceive((onProgress) =>
      alice.createImageMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: res },
        onProgress,
      }),
    );
    expectIncreasingToOne(progress);
    await expectImagePayload(got.payload, 800, 600, bytes);
  });

  test('uni-app example: the success result of uni.chooseMedia', async () => {
    const bytes = await makeImage(150, 100);
    const path = files.write('tmp_media.png', bytes);
    const res = {
      type: 'image',
      tempFiles: [{ tempFilePath: path, size: bytes.length, width: 150, height: 100, fileType: 'image' }],
    };
    const { got } = await sendAndReceive((onProgress) =>
      alice.createImageMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: res },
        onProgress,
      }),
    );
    await expectImagePayload(got.payload, 150, 100, bytes);
  });
});

describe('createAudioMessage', () => {
  test('mini-program example: RecorderManager.onStop result', async () => {
    const bytes = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
    const res = { tempFilePath: files.write('voice.aac', bytes), duration: 4600, fileSize: bytes.length };
    const { got } = await sendAndReceive(() =>
      alice.createAudioMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: res },
      }),
    );
    expect(got.payload).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      url: expect.stringContaining('/files/'),
      second: 5,
      size: bytes.length,
      downloadFlag: 2,
    });
    const audio = await download(got.payload.url as string, { Range: 'bytes=100-199' });
    expect(audio.status).toBe(206);
    expect(audio.body).toEqual(bytes.subarray(100, 200));
    expect(audio.headers.get('content-type')).toBe('audio/aac');
  });

  test('web example: a WAV File with duration in ms', async () => {
    const bytes = Buffer.alloc(32_000, 7);
    const audioFile = Object.assign(new File([bytes], 'hello.wav', { type: 'wav' }), { duration: 2000 });
    const { got } = await sendAndReceive(() =>
      alice.createAudioMessage({ to: 'bob', conversationType: 'C2C', payload: { file: audioFile } } as never),
    );
    expect(got.payload).toMatchObject({ second: 2, size: bytes.length });
    expect((await download(got.payload.url as string)).body).toEqual(bytes);
  });
});

describe('createVideoMessage', () => {
  test('mini-program example: wx.chooseVideo / chooseMedia result with a thumbnail', async () => {
    const bytes = Buffer.alloc(300_000, 3);
    const thumb = await makeImage(320, 180, 'jpeg');
    const res = {
      tempFilePath: files.write('clip.mp4', bytes),
      duration: 12.4,
      size: bytes.length,
      width: 1280,
      height: 720,
      thumbTempFilePath: files.write('clip-thumb.jpg', thumb),
    };
    const { got, progress } = await sendAndReceive((onProgress) =>
      alice.createVideoMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: res },
        onProgress,
      }),
    );
    expectIncreasingToOne(progress);
    expect(got.payload).toEqual({
      videoUUID: expect.stringMatching(/^[0-9a-f]{32}$/),
      videoUrl: expect.stringContaining('/files/'),
      videoSecond: 12,
      videoSize: bytes.length,
      videoFormat: 'mp4',
      thumbUUID: expect.stringMatching(/^[0-9a-f]{32}$/),
      thumbUrl: expect.stringContaining('/files/'),
      thumbWidth: 320,
      thumbHeight: 180,
      thumbSize: thumb.length,
    });
    const seek = await download(got.payload.videoUrl as string, { Range: 'bytes=-10' });
    expect(seek.status).toBe(206);
    expect(seek.headers.get('content-range')).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(sha256((await download(got.payload.thumbUrl as string)).body)).toBe(sha256(thumb));
  });

  test('web example: the video picker <input> element (no thumbnail)', async () => {
    const bytes = Buffer.alloc(10_000, 9);
    const videoPicker = { files: [new File([bytes], 'movie.webm', { type: 'video/webm' })] };
    const { got } = await sendAndReceive(() =>
      alice.createVideoMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: videoPicker },
      }),
    );
    expect(got.payload).toMatchObject({
      videoFormat: 'webm',
      videoSize: bytes.length,
      thumbUUID: '',
      thumbUrl: '',
      thumbWidth: 0,
      thumbHeight: 0,
      thumbSize: 0,
    });
  });

  test('uni-app example: uni.chooseVideo result', async () => {
    const bytes = Buffer.alloc(5_000, 1);
    const res = {
      tempFilePath: files.write('uni.mov', bytes),
      duration: 3,
      size: bytes.length,
      width: 640,
      height: 480,
    };
    const { got } = await sendAndReceive(() =>
      alice.createVideoMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: res },
      }),
    );
    expect(got.payload).toMatchObject({ videoFormat: 'mov', videoSecond: 3, videoSize: bytes.length });
  });
});

describe('createFileMessage', () => {
  const expectFile = async (payload: Record<string, unknown>, name: string, bytes: Buffer) => {
    expect(payload).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      fileName: name,
      fileSize: bytes.length,
      fileUrl: expect.stringContaining('/files/'),
      downloadFlag: 2,
    });
    const got = await download(payload.fileUrl as string);
    expect(got.body).toEqual(bytes);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; /);
  };

  test('web example 1: the file picker <input> element', async () => {
    const bytes = Buffer.from('%PDF-1.4 not really');
    const filePicker = { files: [new File([bytes], 'report.pdf', { type: 'application/pdf' })] };
    const { got, progress } = await sendAndReceive((onProgress) =>
      alice.createFileMessage({
        to: 'bob',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: { file: filePicker },
        onProgress,
      }),
    );
    expectIncreasingToOne(progress);
    await expectFile(got.payload, 'report.pdf', bytes);
  });

  test('web example 2: a pasted File with a non-ASCII name', async () => {
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const file = new File([bytes], '会议记录.html', { type: 'text/html' });
    const { got } = await sendAndReceive(() =>
      alice.createFileMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { file } }),
    );
    await expectFile(got.payload, '会议记录.html', bytes);
  });

  test('uni-app example: uni.chooseFile result (H5: tempFiles are Files)', async () => {
    const bytes = Buffer.from('PK zip bytes');
    const res = { tempFilePaths: ['blob:x'], tempFiles: [new File([bytes], 'a.zip', { type: 'application/zip' })] };
    const { got } = await sendAndReceive(() =>
      alice.createFileMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { file: res } }),
    );
    await expectFile(got.payload, 'a.zip', bytes);
  });

  test('mobile example: wx.chooseMessageFile result', async () => {
    const bytes = Buffer.from('doc bytes');
    const path = files.write('tmp_123.doc', bytes);
    const res = { tempFiles: [{ path, size: bytes.length, name: 'plan.doc', type: 'file', time: 1700000000 }] };
    const { got } = await sendAndReceive(() =>
      alice.createFileMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { file: res } }),
    );
    await expectFile(got.payload, 'plan.doc', bytes);
  });
});
