import { bubbleView, progressText } from '../../shared/bubble-view';
import { checkedLocale, localeOf, type Texts } from '../../shared/locale';
import type { ChatMessage } from '../../shared/message';
import { messageActions, REACTION_EMOJIS, type MessageAction } from '../../shared/message-actions';
import { reactionChips, type ReactionChip } from '../../shared/reactions';
import { TEXT } from '../../shared/spec';
import { properties } from './props';

/**
 * One message of any type. Taps do the platform's default (preview, play, open the map or the
 * document) and tell the page through an event; the message in each event's detail is the
 * property the page passed in.
 */
Component({
  options: { multipleSlots: true, addGlobalClass: false },
  externalClasses: ['custom-class'],
  properties,
  data: {
    view: null as ReturnType<typeof bubbleView> | null,
    playing: false,
    videoPlaying: false,
    percent: '',
    text: TEXT.zh as Texts,
    chips: [] as ReactionChip[],
    /** The open long-press menu's actions other than react ([] when closed), and its reaction faces. */
    menu: [] as MessageAction[],
    menuFaces: [] as string[],
  },
  observers: {
    'message, selfUserID, locale'(message: ChatMessage | null, selfUserID: string, locale: string) {
      this.setData({ view: message ? bubbleView(message, selfUserID, localeOf(locale)) : null });
    },
    locale(locale: string) {
      this.setData({ text: TEXT[checkedLocale(locale, 'message-bubble')] });
    },
    progress(progress: number) {
      this.setData({ percent: progressText(progress) });
    },
    reactions(reactions: unknown) {
      this.setData({ chips: reactionChips(reactions) });
    },
  },
  lifetimes: {
    detached() {
      const audio = (this as unknown as { audio?: WechatMiniprogram.InnerAudioContext }).audio;
      audio?.destroy();
    },
  },
  methods: {
    message(): ChatMessage {
      return this.data.message as unknown as ChatMessage;
    },
    onResend() {
      this.triggerEvent('resend', { message: this.message() });
    },
    onLongPress() {
      const message = this.message();
      this.triggerEvent('message-longpress', { message });
      const actions = messageActions(message, {
        selfUserID: this.data.selfUserID,
        nowSeconds: Math.floor(Date.now() / 1000),
        revokeSeconds: this.data.revokeSeconds,
        groupManager: this.data.groupManager,
      });
      this.setData({
        menu: actions.filter((action) => action !== 'react'),
        menuFaces: actions.includes('react') ? [...REACTION_EMOJIS] : [],
      });
    },
    onMenuClose() {
      this.setData({ menu: [], menuFaces: [] });
    },
    onMenuTap(event: WechatMiniprogram.TouchEvent<object, object, { action: MessageAction }>) {
      const message = this.message();
      this.onMenuClose();
      switch (event.currentTarget.dataset.action) {
        case 'copy': {
          const text = typeof message.payload?.text === 'string' ? message.payload.text : '';
          this.triggerEvent('copy', { message, text });
          void wx.setClipboardData({ data: text });
          return;
        }
        case 'quote':
          return this.triggerEvent('quote', { message });
        case 'revoke':
          return this.triggerEvent('revoke', { message });
        case 'delete':
          return this.triggerEvent('delete', { message });
      }
    },
    onReactionTap(event: WechatMiniprogram.TouchEvent<object, object, { reaction: string }>) {
      this.onMenuClose();
      this.triggerEvent('react', { message: this.message(), reactionID: event.currentTarget.dataset.reaction });
    },
    onReEdit() {
      this.triggerEvent('re-edit', { message: this.message(), text: this.data.view?.reEdit ?? '' });
    },
    onImageTap() {
      const url = this.data.view?.image?.original || this.data.view?.image?.url || '';
      this.triggerEvent('image-preview', { message: this.message(), url });
      if (url) void wx.previewImage({ current: url, urls: [url] });
    },
    onAudioTap() {
      const url = this.data.view?.audio?.url ?? '';
      const self = this as unknown as { audio?: WechatMiniprogram.InnerAudioContext };
      const playing = !this.data.playing;
      this.triggerEvent('audio-play', { message: this.message(), url, playing });
      if (!url) return;
      if (!self.audio) {
        self.audio = wx.createInnerAudioContext();
        self.audio.onEnded(() => this.setData({ playing: false }));
        self.audio.onStop(() => this.setData({ playing: false }));
      }
      if (playing) {
        self.audio.src = url;
        self.audio.play();
      } else self.audio.stop();
      this.setData({ playing });
    },
    onVideoTap() {
      const url = this.data.view?.video?.url ?? '';
      this.triggerEvent('video-play', { message: this.message(), url });
      if (url) this.setData({ videoPlaying: true });
    },
    onFileTap() {
      const file = this.data.view?.file;
      if (!file) return;
      this.triggerEvent('file-open', { message: this.message(), url: file.url, fileName: file.name });
      if (!file.url) return;
      wx.downloadFile({
        url: file.url,
        success: ({ tempFilePath, statusCode }) => {
          if (statusCode === 200) void wx.openDocument({ filePath: tempFilePath, showMenu: true });
        },
      });
    },
    onLocationTap() {
      const location = this.data.view?.location;
      if (!location) return;
      this.triggerEvent('location-open', { message: this.message(), ...location });
      void wx.openLocation({ latitude: location.latitude, longitude: location.longitude, name: location.description });
    },
    onMergerTap() {
      this.triggerEvent('merger-open', { message: this.message() });
    },
  },
});
