import { statSync } from 'node:fs';
import { simulateMiniProgram } from '../../adapters/simulated-mini-program';

/**
 * `wx` for the components: the SDK's simulated wx (real sockets, requests, files) plus the pickers,
 * recorder and openers the components call. Pickers answer with the success shapes of the docs,
 * for files the test queued (real temp files behind `wxfile://` paths):
 * - wx.chooseMedia `{ type, tempFiles: [{ tempFilePath, size, duration, height, width, thumbTempFilePath, fileType }] }`:
 *   https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
 * - wx.chooseImage `{ tempFilePaths, tempFiles: [{ path, size }] }`: https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseImage.html
 * - wx.chooseMessageFile `{ tempFiles: [{ path, size, name, type, time }] }`: https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html
 * - wx.chooseLocation `{ name, address, latitude, longitude }`: https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.chooseLocation.html
 * - RecorderManager start(options) / stop(), onStop `{ tempFilePath, duration (ms), fileSize }`:
 *   https://developers.weixin.qq.com/miniprogram/dev/api/media/recorder/RecorderManager.html
 * - a cancelled picker calls `fail` with `{ errMsg: '<api>:fail cancel' }`.
 */
type Callbacks = { success?: (result: any) => void; fail?: (result: { errMsg: string }) => void };

export interface SimulatedWxUI {
  api: Record<string, unknown>;
  calls: Array<{ api: string; options: Record<string, unknown> }>;
  tempFile(path: string, extension: string): string;
  queue(pickerName: string, result: unknown): void;
  nextRecording(path: string, durationMs: number): void;
}

export function simulateWxUI(): SimulatedWxUI {
  const base = simulateMiniProgram('wx');
  const calls: Array<{ api: string; options: Record<string, unknown> }> = [];
  const queued: Record<string, Array<unknown | { cancel: true }>> = {};
  let recording: { path: string; durationMs: number } | null = null;
  const recorderStops: Array<(result: unknown) => void> = [];

  const picker = (api: string) => (options: Callbacks & Record<string, unknown>) => {
    calls.push({ api, options });
    const next = queued[api]?.shift();
    setTimeout(() => {
      if (next === undefined || (next as { cancel?: boolean }).cancel) options.fail?.({ errMsg: `${api}:fail cancel` });
      else options.success?.(next);
    }, 0);
  };
  const opener = (api: string) => (options: Record<string, unknown>) => void calls.push({ api, options });

  const api = {
    ...base.api,
    chooseMedia: picker('chooseMedia'),
    chooseImage: picker('chooseImage'),
    chooseVideo: picker('chooseVideo'),
    chooseMessageFile: picker('chooseMessageFile'),
    chooseLocation: picker('chooseLocation'),
    previewImage: opener('previewImage'),
    openLocation: opener('openLocation'),
    openDocument: opener('openDocument'),
    downloadFile: opener('downloadFile'),
    setClipboardData: opener('setClipboardData'),
    createInnerAudioContext: () => ({
      src: '',
      play: () => calls.push({ api: 'audio.play', options: {} }),
      stop: () => calls.push({ api: 'audio.stop', options: {} }),
      onEnded: () => undefined,
      onStop: () => undefined,
      destroy: () => undefined,
    }),
    getRecorderManager: () => ({
      start: (options: Record<string, unknown>) => calls.push({ api: 'recorder.start', options }),
      stop: () => {
        calls.push({ api: 'recorder.stop', options: {} });
        const take = recording;
        recording = null;
        if (!take) return;
        const tempFilePath = base.tempFile(take.path, 'aac');
        setTimeout(
          () =>
            recorderStops.forEach((listener) =>
              listener({ tempFilePath, duration: take.durationMs, fileSize: statSync(take.path).size }),
            ),
          0,
        );
      },
      onStop: (listener: (result: unknown) => void) => void recorderStops.push(listener),
      onError: () => undefined,
    }),
  };

  return {
    api,
    calls,
    tempFile: (path, extension) => base.tempFile(path, extension),
    /** The next call of `picker` succeeds with `result`, or fails as a cancel. */
    queue(pickerName: string, result: unknown | { cancel: true }) {
      (queued[pickerName] ??= []).push(result);
    },
    /** What the recorder hands over when it is next stopped: the file at `path`, `durationMs` long. */
    nextRecording(path: string, durationMs: number) {
      recording = { path, durationMs };
    },
  };
}
