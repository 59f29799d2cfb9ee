import { sendFailDetail } from '../../shared/errors';
import { checkedLocale, type Texts } from '../../shared/locale';
import { targetOf, type ChatMessage } from '../../shared/message';
import { FACES, MIN_VOICE_MS, RECORDER_OPTIONS, TEXT } from '../../shared/spec';
import type { ChatInstance } from '../common/chat';
import { resolveChat } from '../provide-chat';
import { properties } from './props';

type Action = 'face' | 'image' | 'video' | 'file' | 'location' | 'voice';
const ALL_ACTIONS: Action[] = ['face', 'image', 'video', 'file', 'location', 'voice'];
/** Sliding up this far while holding to talk cancels the recording. */
const CANCEL_SLIDE_PX = 60;

interface Member {
  userID: string;
  nick?: string;
}

interface Runtime {
  atUsers: Member[];
  recorder?: WechatMiniprogram.RecorderManager;
  touchStartY: number;
  /** One entry per stop() awaiting its onStop: whether that recording was cancelled (onStop comes later, maybe after the next press began). */
  stops: boolean[];
}

/** What this WeChat base library offers (older ones lack chooseMedia, chooseMessageFile …). */
function supported(action: Action): boolean {
  const api = wx as unknown as Record<string, unknown>;
  const has = (name: string) => typeof api[name] === 'function';
  switch (action) {
    case 'face':
      return true;
    case 'image':
      return has('chooseMedia') || has('chooseImage');
    case 'video':
      return has('chooseMedia') || has('chooseVideo');
    case 'file':
      return has('chooseMessageFile');
    case 'location':
      return has('chooseLocation');
    case 'voice':
      return has('getRecorderManager');
  }
}

const isCancel = (error: unknown) => /cancel/.test(String((error as { errMsg?: string } | undefined)?.errMsg ?? ''));

/** Text, faces, @ in groups, and image/video, file, location and voice: each creates the right message and sends it. */
Component({
  externalClasses: ['custom-class'],
  properties,
  data: {
    text: '',
    panel: '' as '' | 'face' | 'more' | 'at',
    voiceMode: false,
    recording: '' as '' | 'talk' | 'cancel',
    tip: '',
    shown: [] as Action[],
    /** shown, as flags for the template (WXML expressions cannot call methods). */
    has: {},
    isGroup: false,
    faces: FACES as unknown as string[],
    t: TEXT.zh as Texts,
  },
  observers: {
    locale(locale: string) {
      this.setData({ t: TEXT[checkedLocale(locale, 'chat-composer')] });
    },
    'actions, conversationID'() {
      this.refresh();
    },
  },
  lifetimes: {
    attached() {
      (this as unknown as { _runtime: Runtime })._runtime = { atUsers: [], touchStartY: 0, stops: [] };
      this.refresh();
    },
  },
  methods: {
    /** The actions to show: those asked for that this base library supports. */
    refresh() {
      const actions = this.data.actions as Action[] | null;
      const wanted = Array.isArray(actions) ? actions.filter((a) => ALL_ACTIONS.includes(a)) : ALL_ACTIONS;
      const shown = wanted.filter(supported);
      this.setData({
        shown,
        has: Object.fromEntries(shown.map((action) => [action, true])),
        isGroup: targetOf(this.data.conversationID)?.conversationType === 'GROUP',
      });
    },
    runtime(): Runtime {
      return (this as unknown as { _runtime: Runtime })._runtime;
    },
    chat(): ChatInstance {
      const chat = resolveChat(this.data.chat);
      if (!chat)
        throw Object.assign(new Error('chat-composer needs a chat: pass provideChat(chat) as its chat property.'), {
          code: 2999,
        });
      return chat;
    },
    /** to and conversationType for create*Message. */
    target() {
      return targetOf(this.data.conversationID) ?? { conversationType: 'C2C' as const, to: '' };
    },
    onInput(event: WechatMiniprogram.Input) {
      const text = event.detail.value;
      const members = this.data.members as Member[] | null;
      const typedAt = text.length > this.data.text.length && text.endsWith('@');
      this.setData({
        text,
        ...(this.data.isGroup && Array.isArray(members) && members.length > 0 && typedAt ? { panel: 'at' } : {}),
      });
    },
    onAtPick(event: WechatMiniprogram.TouchEvent) {
      const member = (this.data.members as Member[])[event.currentTarget.dataset.index as number];
      if (!member) return;
      this.runtime().atUsers.push(member);
      this.setData({ text: `${this.data.text}${member.nick || member.userID} `, panel: '' });
    },
    togglePanel(event: WechatMiniprogram.TouchEvent) {
      const panel = event.currentTarget.dataset.panel as 'face' | 'more';
      this.setData({ panel: this.data.panel === panel ? '' : panel, voiceMode: false });
    },
    toggleVoice() {
      this.setData({ voiceMode: !this.data.voiceMode, panel: '' });
    },
    onSend() {
      const text = this.data.text;
      if (text.trim() === '') return;
      const mentioned = this.runtime().atUsers.filter((member) => text.includes(`@${member.nick || member.userID}`));
      const atUserList = [...new Set(mentioned.map((member) => member.userID))];
      this.runtime().atUsers = [];
      this.setData({ text: '', panel: '' });
      const target = this.target();
      void this.deliver(() =>
        atUserList.length > 0 && target.conversationType === 'GROUP'
          ? this.chat().createTextAtMessage({ ...target, payload: { text, atUserList } })
          : this.chat().createTextMessage({ ...target, payload: { text } }),
      );
    },
    onFace(event: WechatMiniprogram.TouchEvent) {
      const index = event.currentTarget.dataset.index as number;
      void this.deliver(() =>
        this.chat().createFaceMessage({ ...this.target(), payload: { index, data: FACES[index] ?? '' } }),
      );
    },
    onImage() {
      if (typeof wx.chooseMedia === 'function')
        wx.chooseMedia({
          count: 1,
          mediaType: ['image'],
          success: (result) => this.sendFile('image', result),
          fail: () => undefined,
        });
      else wx.chooseImage({ count: 1, success: (result) => this.sendFile('image', result), fail: () => undefined });
    },
    onVideo() {
      if (typeof wx.chooseMedia === 'function')
        wx.chooseMedia({
          count: 1,
          mediaType: ['video'],
          success: (result) => this.sendFile('video', result),
          fail: () => undefined,
        });
      else wx.chooseVideo({ success: (result) => this.sendFile('video', result), fail: () => undefined });
    },
    onFile() {
      wx.chooseMessageFile({
        count: 1,
        type: 'file',
        success: (result) => this.sendFile('file', result),
        fail: () => undefined,
      });
    },
    onLocation() {
      wx.chooseLocation({
        success: ({ name, address, latitude, longitude }) =>
          void this.deliver(() =>
            this.chat().createLocationMessage({
              ...this.target(),
              payload: { description: name || address, latitude, longitude },
            }),
          ),
        fail: (error) => {
          if (!isCancel(error)) this.setData({ tip: error.errMsg });
        },
      });
    },
    recorder(): WechatMiniprogram.RecorderManager {
      const runtime = this.runtime();
      if (!runtime.recorder) {
        runtime.recorder = wx.getRecorderManager();
        runtime.recorder.onStop((result) => this.onRecorded(result));
        runtime.recorder.onError(({ errMsg }) => this.setData({ recording: '', tip: errMsg }));
      }
      return runtime.recorder;
    },
    onTalkStart(event: WechatMiniprogram.TouchEvent) {
      const runtime = this.runtime();
      runtime.touchStartY = event.touches[0]?.clientY ?? 0;
      this.setData({ recording: 'talk', tip: '' });
      this.recorder().start({ ...RECORDER_OPTIONS });
    },
    onTalkMove(event: WechatMiniprogram.TouchEvent) {
      if (!this.data.recording) return;
      const y = event.touches[0]?.clientY ?? this.runtime().touchStartY;
      const recording = this.runtime().touchStartY - y > CANCEL_SLIDE_PX ? 'cancel' : 'talk';
      if (recording !== this.data.recording) this.setData({ recording });
    },
    onTalkEnd() {
      if (!this.data.recording) return;
      this.runtime().stops.push(this.data.recording === 'cancel');
      this.setData({ recording: '' });
      this.recorder().stop();
    },
    onRecorded(result: WechatMiniprogram.OnStopListenerResult) {
      if (this.runtime().stops.shift()) return;
      if (result.duration < MIN_VOICE_MS) return this.setData({ tip: this.data.t.tooShort });
      this.sendFile('voice', result);
    },
    sendFile(kind: 'image' | 'video' | 'file' | 'voice', file: unknown) {
      this.triggerEvent('file-change', { kind, file });
      const target = this.target();
      void this.deliver((onProgress) => {
        const chat = this.chat();
        const options = { ...target, payload: { file }, onProgress };
        if (kind === 'image') return chat.createImageMessage(options);
        if (kind === 'video') return chat.createVideoMessage(options);
        if (kind === 'voice') return chat.createAudioMessage(options);
        return chat.createFileMessage(options);
      });
    },
    /** Creates the message and sends it (the SDK's MESSAGE_STATUS_CHANGED shows it in the lists), and reports the outcome. */
    async deliver(create: (onProgress: (progress: number) => void) => ChatMessage) {
      const chat = resolveChat(this.data.chat);
      let message: ChatMessage | null = null;
      try {
        if (!chat) this.chat();
        message = create((progress) => {
          if (!message) return;
          this.triggerEvent('progress', { message, progress });
        });
        await chat!.sendMessage(message);
        this.triggerEvent('send', { message });
      } catch (error) {
        const detail = sendFailDetail(message, error);
        this.setData({ tip: detail.error.message });
        this.triggerEvent('send-fail', detail);
      }
    },
  },
});
