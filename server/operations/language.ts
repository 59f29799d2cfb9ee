import { TYPES } from '../../protocol/constants';
import { invalid } from '../../protocol/fields';
import { MAX_SPEECH_AUDIO_BYTES } from '../language-hooks';
import { requireSession, type Handlers } from './context';
import { visibleMessages } from './visible-message';

async function readWhole(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** translateText and convertVoiceToText: the work is the operator's service's (hooks), the checks are here. */
export const languageOperations: Handlers<'translateText' | 'convertVoiceToText'> = {
  async translateText(d, connection, ctx) {
    const session = requireSession(connection);
    const translatedTextList = await ctx.hooks.translateText({
      app: session.app,
      userID: session.userID,
      sourceTextList: d.sourceTextList,
      source: d.source,
      target: d.target,
    });
    return { translatedTextList };
  },

  async convertVoiceToText(d, connection, ctx) {
    const session = requireSession(connection);
    const { messages } = await visibleMessages(ctx, session, [d.message]);
    const { message } = messages[0];
    if (message.type !== TYPES.MSG_AUDIO)
      throw invalid(
        `Message ${message.ID} is a ${message.type}; convertVoiceToText takes audio messages (TIMSoundElem).`,
      );
    const key = String(message.payload.uuid);
    const meta = await ctx.files.head(key);
    if (!meta || meta.app !== session.app) throw invalid(`The audio of message ${message.ID} is no longer stored.`);
    if (meta.size > MAX_SPEECH_AUDIO_BYTES)
      throw invalid(
        `The audio of message ${message.ID} is ${meta.size} bytes; speech to text takes at most ${MAX_SPEECH_AUDIO_BYTES}.`,
      );
    const bytes = meta.size === 0 ? Buffer.alloc(0) : await readWhole(ctx.files.read(key, 0, meta.size - 1));
    const result = await ctx.hooks.speechToText({
      app: session.app,
      userID: session.userID,
      language: d.language ?? '',
      audio: {
        key,
        mime: meta.mime,
        size: meta.size,
        second: typeof message.payload.second === 'number' ? message.payload.second : 0,
        base64: bytes.toString('base64'),
      },
    });
    return { result };
  },
};
