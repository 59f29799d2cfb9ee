import type { PlatformFiles } from '../platform';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { PendingFiles } from '../factories/files';
import type { PendingMerger } from '../factories/merger';
import type { Message, MessagePayload } from '../message';
import type { UploadTokenResult } from '../../protocol/operations';
import { FILES_PATH, FILE_KEY_PATTERN } from '../../protocol/upload-rules';
import { TusUpload } from './tus-client';

interface Entry {
  pending: PendingFiles | PendingMerger;
  /** The tus address of an upload started before an app restart (the outbox kept it). */
  resumeURL?: string;
  main?: TusUpload;
  thumb?: TusUpload;
}

/** The fields of received payloads that hold a server path, made absolute for the app. */
const URL_FIELDS = ['url', 'fileUrl', 'videoUrl', 'thumbUrl'];

/** `/files/<key>` → `<httpURL>/files/<key>` in a payload (and its imageInfoArray). */
export function absolutizePayload(payload: MessagePayload, httpURL: string): MessagePayload {
  const fix = (value: unknown) =>
    typeof value === 'string' && value.startsWith(`${FILES_PATH}/`) ? `${httpURL}${value}` : value;
  const out: MessagePayload = { ...payload };
  for (const field of URL_FIELDS) if (field in out) out[field] = fix(out[field]);
  if (Array.isArray(out.imageInfoArray))
    out.imageInfoArray = out.imageInfoArray.map((info: unknown) =>
      typeof info === 'object' && info !== null ? { ...info, url: fix((info as { url?: unknown }).url) } : info,
    );
  return out;
}

/**
 * The uploads of one chat instance: what each unsent file message still has to upload, and the
 * tus state that lets a resend continue where a cut-off upload stopped.
 */
export class FileTransfers {
  private readonly entries = new Map<string, Entry>();
  private token: UploadTokenResult | null = null;

  constructor(
    private readonly platform: PlatformFiles,
    private readonly httpURL: string,
    private readonly fetchToken: () => Promise<UploadTokenResult>,
    private readonly nowSeconds: () => number,
  ) {}

  register(messageID: string, pending: PendingFiles | PendingMerger): void {
    this.entries.set(messageID, { pending });
  }

  /** Registers a file message restored from the outbox, whose upload continues at `resumeURL` (tus HEAD) when given. */
  restore(messageID: string, pending: PendingFiles, resumeURL: string | undefined): void {
    this.entries.set(messageID, { pending, resumeURL });
  }

  /** What the outbox keeps of a message's upload to resume it after a restart; undefined when it has no file. */
  resumable(messageID: string): { pending: PendingFiles | PendingMerger; url: string } | undefined {
    const entry = this.entries.get(messageID);
    return entry && { pending: entry.pending, url: entry.main?.url || entry.resumeURL || '' };
  }

  forget(messageID: string): void {
    this.entries.delete(messageID);
  }

  clear(): void {
    this.entries.clear();
    this.token = null;
  }

  /** What the 12 KB rule counts for `message`: a merged list that will be uploaded counts as empty. */
  sizedPayload(message: Message): { payload: MessagePayload; cloudCustomData: string } {
    const merger = this.entries.get(message.ID)?.pending.kind === 'merger';
    return {
      payload: merger ? { ...message.payload, messageList: [] } : message.payload,
      cloudCustomData: message.cloudCustomData,
    };
  }

  /** The tus upload of a message's main file, if it has one (tests and benchmarks read `bytesSent`). */
  uploadOf(messageID: string): TusUpload | undefined {
    return this.entries.get(messageID)?.main;
  }

  /** Uploads what `message` still needs and puts the file keys into its payload. */
  async prepare(message: Message, onProgress: (fraction: number) => void = () => undefined): Promise<void> {
    const entry = this.entries.get(message.ID);
    if (!entry) return;
    const deps = { platform: this.platform, httpURL: this.httpURL, token: () => this.currentToken() };
    const { pending } = entry;
    const thumb = 'thumb' in pending ? pending.thumb : undefined;
    if (thumb && !message.payload.thumbUUID) {
      entry.thumb ??= new TusUpload(deps, thumb, 'image');
      message.payload.thumbUUID = await entry.thumb.run();
    }
    if (!entry.main) {
      entry.main = new TusUpload(deps, pending.file, pending.kind);
      if (entry.resumeURL) entry.main.url = entry.resumeURL;
    }
    const appProgress = 'onProgress' in pending ? pending.onProgress : undefined;
    const key = await entry.main.run((fraction) => {
      appProgress?.(fraction);
      onProgress(fraction);
    });
    if (pending.kind === 'merger') Object.assign(message.payload, { downloadKey: key, messageList: [] });
    else if (pending.kind === 'video') message.payload.videoUUID = key;
    else message.payload.uuid = key;
  }

  /** The list of a merger message that was too large to travel inline. */
  async downloadMergerList(downloadKey: string): Promise<unknown[]> {
    if (!FILE_KEY_PATTERN.test(downloadKey))
      throw new ChatError(
        ErrorCode.MERGER_INVALID_DOWNLOAD_KEY,
        `payload.downloadKey ${JSON.stringify(downloadKey.slice(0, 40))} is not a download key.`,
      );
    let response;
    try {
      response = await this.platform.request({
        method: 'GET',
        url: `${this.httpURL}${FILES_PATH}/${downloadKey}`,
        headers: {},
      });
    } catch (error) {
      throw new ChatError(
        ErrorCode.MERGER_DOWNLOAD_FAILED,
        `The merged messages could not be downloaded (${String(error)}); try again.`,
        { cause: error },
      );
    }
    if (response.status === 404)
      throw new ChatError(
        ErrorCode.MERGER_INVALID_DOWNLOAD_KEY,
        'The server has no merged messages under this downloadKey.',
      );
    if (response.status !== 200)
      throw new ChatError(
        ErrorCode.MERGER_DOWNLOAD_FAILED,
        `The merged messages could not be downloaded (HTTP ${response.status}); try again.`,
      );
    try {
      const list: unknown = JSON.parse(response.body);
      if (Array.isArray(list)) return list as unknown[];
    } catch {
      // reported below
    }
    throw new ChatError(ErrorCode.MERGER_DOWNLOAD_FAILED, 'The downloaded merged messages are not a list of messages.');
  }

  private async currentToken(): Promise<string> {
    if (!this.token || this.token.expiresAt - 60 < this.nowSeconds()) this.token = await this.fetchToken();
    return this.token.token;
  }
}
