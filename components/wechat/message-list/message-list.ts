import { errorDetail } from '../../shared/errors';
import { itemOf, type ListItem } from '../../shared/list-items';
import { checkedLocale, type Texts } from '../../shared/locale';
import { EVENTS, targetOf, type ChatMessage, type MessageStatusChange } from '../../shared/message';
import { addsReaction, toggledReactions, type MessageReaction } from '../../shared/reactions';
import { TEXT, type Locale } from '../../shared/spec';
import type { ChatEvent, ChatInstance } from '../common/chat';
import { resolveChat } from '../provide-chat';
import { properties } from './props';

/** A row as the template gets it: the shared list item, the upload progress of its bubble (-1: none), its reactions. */
interface Item extends ListItem {
  progress: number;
  reactions: MessageReaction[] | null;
  /** Deleted by the viewer (chat.deleteMessage): the row stays in `pages`, so no path moves, and is not shown. */
  deleted?: boolean;
}

/** MESSAGE_REACTIONS_UPDATED's data: one message's reactions (a list of them is taken too). */
interface ReactionsUpdate {
  messageID: string;
  reactionList: MessageReaction[];
}

const GROUP_MANAGER_ROLES = ['Owner', 'Admin'];

/** Within this many px of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 60;

interface State {
  chat: ChatInstance | null;
  conversationID: string;
  /** Where each message is in `pages`, and the live message object (events carry it, resend needs it). */
  rows: Map<string, { page: number; index: number; message: ChatMessage }>;
  /** The newest page (0) grows as messages arrive; older pages are 1, 2 … */
  pageSizes: number[];
  newest: ChatMessage | undefined;
  nextReqMessageID: string;
  atBottom: boolean;
  loading: boolean;
  stop: Array<() => void>;
}

/**
 * The messages of one conversation. Pages are stacked newest-first and shown in reverse
 * (column-reverse), so a page of history and every new message are set by path (`pages[2]`,
 * `pages[0][7]`): no setData ever resends the list.
 */
Component({
  externalClasses: ['custom-class'],
  properties,
  data: {
    pages: [] as Item[][],
    anchor: '',
    completed: false,
    loading: false,
    selfUserID: '',
    groupManager: false,
    text: TEXT.zh as Texts,
    lang: 'zh' as Locale,
  },
  observers: {
    /** `lang` is the checked locale the bubbles get, so an unknown value is reported once, here. */
    locale(locale: string) {
      const lang = checkedLocale(locale, 'message-list');
      this.setData({ lang, text: TEXT[lang] });
    },
    'chat, conversationID'() {
      const self = this as unknown as { attachedOnce?: boolean };
      if (self.attachedOnce) this.restart();
    },
  },
  lifetimes: {
    attached() {
      (this as unknown as { attachedOnce: boolean }).attachedOnce = true;
      this.restart();
    },
    ready() {
      this.createSelectorQuery()
        .select('.td-list__scroll')
        .boundingClientRect((rect) => {
          if (rect) (this as unknown as { viewHeight: number }).viewHeight = rect.height;
        })
        .exec();
    },
    detached() {
      this.state()?.stop.forEach((stop) => stop());
    },
  },
  methods: {
    state(): State | undefined {
      return (this as unknown as { _state?: State })._state;
    },
    restart() {
      this.state()?.stop.forEach((stop) => stop());
      const chat = resolveChat(this.data.chat);
      const conversationID = this.data.conversationID;
      const state: State = {
        chat,
        conversationID,
        rows: new Map(),
        pageSizes: [0],
        newest: undefined,
        nextReqMessageID: '',
        atBottom: true,
        loading: false,
        stop: [],
      };
      (this as unknown as { _state: State })._state = state;
      this.setData({
        pages: [[]],
        anchor: '',
        completed: false,
        loading: false,
        selfUserID: chat && typeof chat.getLoginUser === 'function' ? chat.getLoginUser() : '',
        groupManager: false,
      });
      if (!chat || typeof chat.on !== 'function' || !conversationID) return;
      const onReceived = ({ data }: ChatEvent) => {
        const mine = (data as ChatMessage[]).filter((message) => message.conversationID === conversationID);
        mine.forEach((message) => this.append(message));
        if (mine.length > 0) this.markRead();
      };
      const onRevoked = ({ data }: ChatEvent) =>
        (data as ChatMessage[]).forEach((message) => this.update(message.ID, { 'message.isRevoked': true }));
      const onStatusChanged = ({ data }: ChatEvent) => this.onStatusChanged(data as MessageStatusChange);
      const onReadByPeer = ({ data }: ChatEvent) =>
        (data as ChatMessage[]).forEach((message) => this.update(message.ID, { 'message.isPeerRead': true }));
      const onReactions = ({ data }: ChatEvent) =>
        ([] as ReactionsUpdate[]).concat(data as ReactionsUpdate).forEach((update) => this.showReactions(update));
      const listeners: Array<[string, (event: ChatEvent) => void]> = [
        [EVENTS.MESSAGE_RECEIVED, onReceived],
        [EVENTS.MESSAGE_REVOKED, onRevoked],
        [EVENTS.MESSAGE_STATUS_CHANGED, onStatusChanged],
        [EVENTS.MESSAGE_READ_BY_PEER, onReadByPeer],
        [EVENTS.MESSAGE_REACTIONS_UPDATED, onReactions],
      ];
      for (const [event, handler] of listeners) {
        chat.on(event, handler);
        state.stop.push(() => chat.off(event, handler));
      }
      void this.loadMore().then(() => this.markRead());
      void this.checkGroupManager(state);
    },
    /** The next page of history, above what is shown; the first call loads the newest page. */
    async loadMore() {
      const state = this.state();
      if (!state?.chat || state.loading || this.data.completed) return;
      state.loading = true;
      this.setData({ loading: true });
      try {
        const options = state.nextReqMessageID
          ? { conversationID: state.conversationID, nextReqMessageID: state.nextReqMessageID }
          : { conversationID: state.conversationID };
        const { data } = await state.chat.getMessageList(options);
        if (this.state() !== state) return;
        const fresh = data.messageList.filter((message) => !state.rows.has(message.ID));
        const first = state.pageSizes.length === 1 && state.pageSizes[0] === 0 && !state.nextReqMessageID;
        const page = first ? 0 : state.pageSizes.length;
        const oldestShown = this.oldest();
        const items = fresh.map((message, index) => ({
          ...itemOf(message, fresh[index - 1]),
          progress: -1,
          reactions: null,
        }));
        fresh.forEach((message, index) => state.rows.set(message.ID, { page, index, message }));
        state.pageSizes[page] = items.length;
        if (first) state.newest = fresh[fresh.length - 1];
        state.nextReqMessageID = data.nextReqMessageID;
        // Keep the eye where it was: on the newest message at first, on the old top row afterwards.
        const anchor = first ? (items[items.length - 1]?.id ?? '') : oldestShown ? this.rowID(oldestShown) : '';
        this.setData({ [`pages[${page}]`]: items, completed: data.isCompleted, anchor });
        this.triggerEvent('history-loaded', { count: items.length, isCompleted: data.isCompleted });
        void this.loadReactions(state, fresh);
      } catch (error) {
        this.triggerEvent('load-error', errorDetail(error));
      } finally {
        state.loading = false;
        if (this.state() === state) this.setData({ loading: false });
      }
    },
    oldest(): string | undefined {
      const state = this.state()!;
      for (let page = state.pageSizes.length - 1; page >= 0; page--) {
        if (state.pageSizes[page] > 0)
          return [...state.rows.entries()].find(([, row]) => row.page === page && row.index === 0)?.[0];
      }
      return undefined;
    },
    rowID(messageID: string): string {
      const row = this.state()?.rows.get(messageID);
      return row ? (this.data.pages[row.page]?.[row.index]?.id ?? '') : '';
    },
    /** A new message at the bottom; the view follows it only if the user was at the bottom. */
    append(message: ChatMessage, progress = -1) {
      const state = this.state();
      if (!state || state.rows.has(message.ID)) return;
      const index = state.pageSizes[0];
      const item = { ...itemOf(message, state.newest), progress, reactions: null };
      state.rows.set(message.ID, { page: 0, index, message });
      state.pageSizes[0] = index + 1;
      state.newest = message;
      this.setData({ [`pages[0][${index}]`]: item, ...(state.atBottom ? { anchor: item.id } : {}) });
    },
    /** Sets fields of one row by path, e.g. { 'message.status': 'fail' }. */
    update(messageID: string, fields: Record<string, unknown>) {
      const row = this.state()?.rows.get(messageID);
      if (!row) return;
      const changes: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(fields)) changes[`pages[${row.page}][${row.index}].${field}`] = value;
      this.setData(changes);
    },
    /** The SDK's word on one of the chat's own messages: shown when first handed to sendMessage, updated after. */
    onStatusChanged({ message, progress }: MessageStatusChange) {
      const state = this.state();
      if (!state || message.conversationID !== state.conversationID) return;
      const row = state.rows.get(message.ID);
      if (!row) return this.append(message);
      if (progress !== undefined) return this.update(message.ID, { progress });
      row.message = message;
      this.update(message.ID, { message, progress: -1 });
    },
    markRead() {
      const state = this.state();
      if (!state?.chat) return;
      state.chat.setMessageRead({ conversationID: state.conversationID }).catch(() => undefined);
    },
    onScroll(event: WechatMiniprogram.ScrollViewScroll) {
      const state = this.state();
      if (!state) return;
      const { scrollTop, scrollHeight } = event.detail;
      const height = (this as unknown as { viewHeight?: number }).viewHeight ?? 0;
      state.atBottom = scrollHeight - scrollTop - height <= BOTTOM_SLACK_PX;
    },
    onScrollToLower() {
      const state = this.state();
      if (state) state.atBottom = true;
    },
    onScrollToUpper() {
      void this.loadMore();
    },
    /** A bubble's event: the default for resend and merger-open, and `message-tap` for the page. */
    onBubbleEvent(event: WechatMiniprogram.CustomEvent<{ message: ChatMessage }>) {
      const row = this.state()?.rows.get(event.detail.message?.ID);
      if (!row) return;
      const action = event.type;
      const message = row.message;
      this.triggerEvent('message-tap', { ...event.detail, message, action });
      if (action === 'resend') void this.resend(message);
      if (action === 'merger-open') void this.openMerger(message);
      if (action === 'revoke') void this.revoke(message);
      if (action === 'delete') void this.remove(message);
      if (action === 'react') void this.react(message, (event.detail as { reactionID?: string }).reactionID ?? '');
    },
    /** The viewer may recall anyone's message in a group they own or administer. */
    async checkGroupManager(state: State) {
      const target = targetOf(state.conversationID);
      if (!state.chat || target?.conversationType !== 'GROUP') return;
      try {
        const { data } = await state.chat.getGroupProfile({ groupID: target.to });
        const role = data.group.selfInfo?.role ?? '';
        if (this.state() === state) this.setData({ groupManager: GROUP_MANAGER_ROLES.includes(role) });
      } catch {
        // Not a member any more, or no such group: no manager rights.
      }
    },
    /** The reactions of a page of messages (those sent: nobody reacts to a message that is not). */
    async loadReactions(state: State, messages: ChatMessage[]) {
      const messageList = messages.filter((message) => message.status === 'success' && !message.isRevoked);
      if (!state.chat || messageList.length === 0) return;
      try {
        const { data } = await state.chat.getMessageReactions({ messageList });
        if (this.state() === state) data.resultList.forEach((result) => this.showReactions(result));
      } catch {
        // Reactions are extra: the messages show without them.
      }
    },
    showReactions({ messageID, reactionList }: ReactionsUpdate) {
      const row = this.state()?.rows.get(messageID);
      if (!row) return;
      // The update may leave out reactedByMyself: keep what the viewer did.
      const before = this.data.pages[row.page]?.[row.index]?.reactions ?? [];
      const mine = new Set(
        before.filter((reaction) => reaction.reactedByMyself).map((reaction) => reaction.reactionID),
      );
      const reactions = reactionList.map((reaction) => ({
        ...reaction,
        reactedByMyself: reaction.reactedByMyself ?? mine.has(reaction.reactionID),
      }));
      this.update(messageID, { reactions });
    },
    async revoke(message: ChatMessage) {
      const state = this.state();
      if (!state?.chat) return;
      try {
        await state.chat.revokeMessage(message);
        this.update(message.ID, { 'message.isRevoked': true, 'message.revoker': this.data.selfUserID });
      } catch (error) {
        this.triggerEvent('action-fail', { action: 'revoke', messageID: message.ID, ...errorDetail(error) });
      }
    },
    async remove(message: ChatMessage) {
      const state = this.state();
      if (!state?.chat) return;
      try {
        await state.chat.deleteMessage([message]);
        this.update(message.ID, { deleted: true });
      } catch (error) {
        this.triggerEvent('action-fail', { action: 'delete', messageID: message.ID, ...errorDetail(error) });
      }
    },
    /** Adds the reaction, or removes it when the viewer has it; shown at once, undone if the server refuses. */
    async react(message: ChatMessage, reactionID: string) {
      const state = this.state();
      const row = state?.rows.get(message.ID);
      if (!state?.chat || !row || !reactionID) return;
      const before = this.data.pages[row.page]?.[row.index]?.reactions ?? [];
      const add = addsReaction(before, reactionID);
      this.update(message.ID, { reactions: toggledReactions(before, reactionID, add) });
      try {
        if (add) await state.chat.addMessageReaction(message, reactionID);
        else await state.chat.removeMessageReaction(message, reactionID);
      } catch (error) {
        this.update(message.ID, { reactions: before });
        this.triggerEvent('action-fail', { action: 'react', messageID: message.ID, ...errorDetail(error) });
      }
    },
    async resend(message: ChatMessage) {
      const state = this.state();
      if (!state?.chat) return;
      try {
        await state.chat.resendMessage(message);
      } catch {
        // MESSAGE_STATUS_CHANGED has shown it failed again.
      }
    },
    async openMerger(message: ChatMessage) {
      const state = this.state();
      if (!state?.chat || (Array.isArray(message.payload.messageList) && message.payload.messageList.length > 0))
        return;
      try {
        await state.chat.downloadMergerMessage(message);
        this.update(message.ID, { 'message.payload': message.payload });
      } catch (error) {
        this.triggerEvent('load-error', errorDetail(error));
      }
    },
  },
});
