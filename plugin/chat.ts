import type { Platform } from './platform';
import { EVENT, TYPES } from '../protocol/constants';
import { Connection, type RequestFn } from './connection';
import { ChatFeatures } from './chat-features';
import type { CacheChange } from './conversations';
import { Emitter, type EventHandler } from './emitter';
import { ChatError, ErrorCode } from '../protocol/errors';
import { createTextAtMessage, type FactoryContext, type TextAtMessageOptions } from './factories';
import { isConversationUpdate, isWireMessage } from './server-frames';
import { Logger } from './logger';
import { Message } from './message';
import { createMessageIDFactory } from './message-id';
import type { ResolvedOptions } from './options';
import { PROTOCOL_VERSION, type PushFrame } from '../protocol/frames';
import { USER_ID_PATTERN } from '../protocol/limits';
import type { WireMessage } from '../protocol/messages';
import type { Pushes, WireReadReceipt } from '../protocol/operations';
import { checkSendable, failedSend, sendThrough } from './send';
import { Outbox } from './outbox/outbox';
import { registerPlugins } from './plugins';
import { storageKey } from './outbox/stored';
import { Sync } from './sync/sync';
import type {
  ChatEventMap,
  ChatResponse,
  GetMessageListOptions,
  LoginOptions,
  MessageListResult,
  SendMessageOptions,
} from './types';
import { FileTransfers, absolutizePayload } from './upload/transfers';
import { describe, invalid, optionalString, requireNonEmptyString, requireObject } from '../protocol/fields';
import { isEventName, requireConversationID, type EventName } from './validate';

/** A chat instance, made by `TencentCloudChat.create()`: the reference's message API. */
export class Chat extends ChatFeatures {
  private readonly logger = new Logger();
  private readonly emitter = new Emitter<ChatEventMap>((error, name) =>
    this.logger.error(`a ${name} handler threw`, error),
  );
  private readonly newMessageID = createMessageIDFactory();
  /** Pushes that arrive between the socket login and SDK_READY. */
  private earlyPushes: PushFrame[] = [];
  private connection: Connection | null = null;
  private unsubscribePlatform: Array<() => void> = [];
  private loginDone: Promise<void> | null = null;
  private userID = '';
  private ready = false;
  private destroyed = false;
  private clockOffsetMs = 0;
  protected readonly transfers: FileTransfers;
  private readonly outbox: Outbox;
  /** The one record of what this client has seen, and the conversation list it keeps. */
  private readonly sync = new Sync({
    userID: () => this.userID,
    fetchPage: (request) => this.requireReady().request('getMessageList', request),
    toMessage: (wire) => this.fromWire(wire),
    received: (messages) => {
      for (const message of messages) this.receipts.track(message);
      this.emitter.emit(EVENT.MESSAGE_RECEIVED, messages);
    },
    changed: (change) => this.emitChanges(change),
  });

  constructor(
    private readonly options: ResolvedOptions,
    private readonly platform: Platform,
  ) {
    super();
    this.sync.conversations.profiles = this.profiles;
    this.transfers = new FileTransfers(
      platform,
      options.httpURL,
      () => this.requireReady().request('uploadToken', {}),
      () => this.getServerTime(),
    );
    this.outbox = new Outbox({
      send: (message, sendOptions, onProgress) => this.sendNow(message, sendOptions, onProgress),
      isConnected: () => this.ready && this.connection?.isReady === true,
      statusChanged: (message, progress) =>
        this.emitter.emit(EVENT.MESSAGE_STATUS_CHANGED, progress === undefined ? { message } : { message, progress }),
      restoredResult: (message, error) =>
        this.emitter.emit(
          EVENT.MESSAGE_SEND_RESULT,
          error ? { message, code: error.code, errorMessage: error.message } : { message, code: 0 },
        ),
      storage: platform.storage,
      files: platform,
      transfers: this.transfers,
      sendTimeoutMs: options.sendTimeout,
      warn: (text, error) => this.logger.warn(text, error),
    });
  }

  async login(options: LoginOptions): Promise<ChatResponse<{ repeatLogin: boolean }>> {
    this.assertNotDestroyed();
    const fields = requireObject(options, 'login options');
    const userID = requireNonEmptyString(fields, 'userID', 'userID');
    if (!USER_ID_PATTERN.test(userID))
      throw invalid(`userID must be letters, digits, _ or -, at most 32, got ${describe(userID)}.`);
    const userSig = requireNonEmptyString(fields, 'userSig', 'userSig');
    if (this.connection && this.loginDone) {
      if (userID === this.userID) {
        await this.loginDone;
        return { code: 0, data: { repeatLogin: true } };
      }
      await this.logout();
    }
    const connection = this.connect(userID, userSig);
    this.loginDone = (async () => {
      try {
        await connection.start();
        const { conversationList } = await connection.request('getConversationList', {});
        this.profiles.learnConversations(conversationList);
        this.sync.login(conversationList);
        await this.outbox.open(storageKey(this.options.SDKAppID, userID));
      } catch (error) {
        connection.stop('The login did not finish.');
        if (this.connection === connection) this.reset();
        throw error;
      }
    })();
    await this.loginDone;
    if (this.connection !== connection)
      throw new ChatError(ErrorCode.NETWORK_ERROR, 'Logged out before the login finished.');
    this.ready = true;
    this.emitter.emit(EVENT.SDK_READY, undefined);
    this.emitChanges({
      listChanged: this.sync.conversations.list().length > 0,
      totalChanged: this.sync.conversations.totalUnread() > 0,
    });
    for (const frame of this.earlyPushes.splice(0)) this.handlePush(frame);
    this.outbox.start();
    return { code: 0, data: { repeatLogin: false } };
  }

  async logout(): Promise<ChatResponse<Record<string, never>>> {
    const connection = this.connection;
    this.reset();
    if (connection) {
      connection.stop('Logged out.');
      this.emitter.emit(EVENT.SDK_NOT_READY, undefined);
    }
    return { code: 0, data: {} };
  }

  /** Logs out if needed and drops every listener; the instance cannot be used afterwards. */
  async destroy(): Promise<ChatResponse<Record<string, never>>> {
    if (this.destroyed) return { code: 0, data: {} };
    await this.logout();
    this.destroyed = true;
    this.emitter.clear();
    return { code: 0, data: {} };
  }

  isReady(): boolean {
    return this.ready;
  }

  getLoginUser(): string {
    return this.userID;
  }

  /** Seconds since the epoch on the server's clock. */
  getServerTime(): number {
    return Math.floor((Date.now() + this.clockOffsetMs) / 1000);
  }

  /** Subscribes; returns a function that unsubscribes. Handlers receive `{ name, data }`. */
  on<E extends EventName>(event: E, handler: EventHandler<E, ChatEventMap[E]>, context?: unknown): () => void;
  on(event: string, handler: EventHandler<string, unknown>, context?: unknown): () => void;
  on(event: string, handler: EventHandler<string, unknown>, context?: unknown): () => void {
    if (this.destroyed || !isEventName(event)) return () => undefined;
    return this.emitter.on(event, handler, context);
  }

  off<E extends EventName>(event: E, handler: EventHandler<E, ChatEventMap[E]>, context?: unknown): void;
  off(event: string, handler: EventHandler<string, unknown>, context?: unknown): void;
  off(event: string, handler: EventHandler<string, unknown>, context?: unknown): void {
    if (isEventName(event)) this.emitter.off(event, handler, context);
  }

  /** 0 everything … 4 nothing, as the reference. */
  setLogLevel(level: number): void {
    this.logger.setLevel(level);
  }

  /** A group text message with `payload.atUserList` (userIDs, or TYPES.MSG_AT_ALL). */
  createTextAtMessage(options: TextAtMessageOptions): Message {
    return createTextAtMessage(options, this.factoryContext());
  }

  /** Puts a failed message back in the outbox with the same ID (stored once); a cut-off upload continues where it stopped. */
  resendMessage(message: Message, options?: SendMessageOptions): Promise<ChatResponse<{ message: Message }>> {
    return this.sendMessage(message, options);
  }

  /**
   * Queues `message` in the outbox, which sends it (updating it in place) as soon as the
   * connection is up; resolves when the server has stored it. A retry sends the same ID, so it is stored once.
   */
  async sendMessage(message: Message, options?: SendMessageOptions): Promise<ChatResponse<{ message: Message }>> {
    try {
      this.requireReady();
      checkSendable(message, options, this.transfers);
    } catch (error) {
      if (!(message instanceof Message)) throw error;
      message.status = 'fail';
      throw failedSend(error, message);
    }
    // Shown already: neither an echo of it nor a catch-up may report it as received.
    this.sync.sending(message);
    await this.outbox.submit(message, options);
    return { code: 0, data: { message } };
  }

  private async sendNow(message: Message, options: SendMessageOptions | undefined, onProgress: (f: number) => void) {
    const files = { transfers: this.transfers, httpURL: this.options.httpURL, onProgress };
    const effects = await sendThrough(this.core, message, options, files);
    this.receipts.track(message);
    this.actions.remember(message);
    this.sync.sent(message, effects);
  }

  /** One page (up to 15, oldest first) going back from `nextReqMessageID`, or from the newest. */
  async getMessageList(options: GetMessageListOptions): Promise<ChatResponse<MessageListResult>> {
    const connection = this.requireReady();
    const fields = requireObject(options, 'getMessageList options');
    const conversationID = requireConversationID(fields);
    const nextReqMessageID = optionalString(fields, 'nextReqMessageID', 'nextReqMessageID', '');
    const page = await connection.request(
      'getMessageList',
      nextReqMessageID ? { conversationID, nextReqMessageID } : { conversationID },
    );
    this.sync.historyPage(conversationID, page.messageList);
    const messageList = page.messageList.map((wire) => this.fromWire(wire));
    // The newest page ends with what still waits in the outbox (unSend) or failed in it.
    if (!nextReqMessageID)
      for (const unsent of this.outbox.unsent(conversationID))
        if (!messageList.some((message) => message.ID === unsent.ID)) messageList.push(unsent);
    return {
      code: 0,
      data: {
        messageList,
        nextReqMessageID: page.nextReqMessageID,
        isCompleted: page.isCompleted,
      },
    };
  }

  async setMessageRead(options: { conversationID: string }): Promise<ChatResponse<Record<string, never>>> {
    const connection = this.requireReady();
    const conversationID = requireConversationID(requireObject(options, 'setMessageRead options'));
    await connection.request('setMessageRead', { conversationID });
    this.sync.markRead(conversationID);
    this.emitChanges({ listChanged: true, totalChanged: true });
    return { code: 0, data: {} };
  }

  getTotalUnreadMessageCount(): number {
    return this.sync.conversations.totalUnread();
  }

  private fromWire(wire: WireMessage): Message {
    const message = Message.fromWire(wire, this.userID);
    this.profiles.decorate(message, wire);
    message.payload = absolutizePayload(message.payload, this.options.httpURL);
    this.actions.remember(message);
    return message;
  }

  protected messageFromWire(wire: WireMessage): Message {
    return this.fromWire(wire);
  }

  protected messageRevised(message: Message): void {
    this.emitChanges(this.sync.conversations.reviseMessage(message.conversationID, message));
  }

  /** The conversation's last message may now be an older one: the list is reloaded, as after a reconnect. */
  protected messagesDeleted(): void {
    if (this.connection) void this.catchUp(this.connection);
  }

  protected factoryContext(): FactoryContext {
    this.assertNotDestroyed();
    return {
      from: this.userID,
      now: () => this.getServerTime(),
      newID: this.newMessageID,
      describeFile: (input) => this.platform.describeFile(input),
    };
  }

  /** Joining (or rejoining) a group: what it said before is history, not a gap to fill. */
  override async joinGroup(options: { groupID: string; applyMessage?: string }) {
    const result = await super.joinGroup(options);
    if (result.data.status === 'JoinedSuccess') this.sync.forget(`GROUP${result.data.group.groupID}`);
    return result;
  }

  private connect(userID: string, userSig: string): Connection {
    this.userID = userID;
    const connection = new Connection({
      platform: this.platform,
      url: this.options.socketURL,
      handshake: (request) => this.handshake(request, userID, userSig),
      onPush: (frame) => (this.ready ? this.handlePush(frame) : this.earlyPushes.push(frame)),
      onStateChange: (state) => {
        this.emitter.emit(EVENT.NET_STATE_CHANGE, { state });
        if (state === TYPES.NET_STATE_CONNECTED) this.outbox.wake();
      },
      onServerError: (error) => this.emitter.emit(EVENT.ERROR, { code: error.code, message: error.message }),
      onReconnected: () => void this.catchUp(connection),
      onTerminated: (error) => this.terminated(connection, error),
    });
    this.connection = connection;
    this.unsubscribePlatform = [
      this.platform.onAppShow(() => connection.resume()),
      this.platform.onNetworkChange((online) => online && connection.resume()),
    ];
    return connection;
  }

  private async handshake(request: RequestFn, userID: string, userSig: string): Promise<void> {
    const sentAt = Date.now();
    const { serverTime } = await request('login', {
      SDKAppID: this.options.SDKAppID,
      userID,
      userSig,
      protocolVersion: PROTOCOL_VERSION,
    });
    // The answer was made about half way through the round trip.
    this.clockOffsetMs = serverTime - (sentAt + Date.now()) / 2;
  }

  /** After a reconnect: the list reloaded, and what arrived while the socket was down reported (see Sync.catchUp). */
  private async catchUp(connection: Connection): Promise<void> {
    try {
      await this.sync.catchUp(
        async () => {
          const { conversationList } = await connection.request('getConversationList', {});
          this.actions.listed(conversationList.map((listed) => listed.lastMessage));
          this.profiles.learnConversations(conversationList);
          return conversationList;
        },
        () => this.connection === connection,
      );
      await this.userStatus.resubscribe();
    } catch (error) {
      this.logger.warn('could not catch up after reconnecting', error);
    }
  }

  private terminated(connection: Connection, error: ChatError): void {
    if (this.connection !== connection) return;
    const wasReady = this.ready;
    this.reset();
    if (error.code === ErrorCode.USERSIG_EXPIRED)
      this.emitter.emit(EVENT.KICKED_OUT, { type: TYPES.KICKED_OUT_USERSIG_EXPIRED });
    if (wasReady) this.emitter.emit(EVENT.SDK_NOT_READY, undefined);
  }

  private handlePush(frame: PushFrame): void {
    if (frame.ev === 'groupListChanged') {
      const { groupID } = frame.d as Pushes['groupListChanged'];
      // Joined or added (or left): what the group said meanwhile is history, not a gap to fill.
      if (typeof groupID === 'string') this.sync.forget(`GROUP${groupID}`);
      return void this.groups.refresh();
    }
    if (frame.ev === 'readReceipt' && Array.isArray(frame.d))
      return this.receipts.onReadReceipt(frame.d as WireReadReceipt[]);
    if (frame.ev === 'peerRead') return this.receipts.onPeerRead(frame.d as Pushes['peerRead']);
    if (frame.ev === 'messageRevoked' && isWireMessage(frame.d)) return this.actions.onRevoked(frame.d);
    if (frame.ev === 'messageModified' && isWireMessage(frame.d)) return this.actions.onModified(frame.d);
    if (frame.ev === 'messageDeleted')
      return this.actions.onDeleted((frame.d as Partial<Pushes['messageDeleted']> | null)?.messageList);
    if (frame.ev === 'reactionsUpdated') return this.reactions.onReactionsUpdated(frame.d);
    if (frame.ev === 'profileUpdated') return this.profiles.onProfileUpdated(frame.d as Pushes['profileUpdated']);
    if (frame.ev === 'userStatus' && Array.isArray(frame.d))
      return this.userStatus.onUserStatus(frame.d as Pushes['userStatus']);
    if (frame.ev === 'conversationUpdated') {
      if (!isConversationUpdate(frame.d)) return this.logger.warn('ignored a malformed conversation update');
      return this.conversationActions.apply(frame.d);
    }
    if (frame.ev === 'groupAttributesUpdated')
      return this.emitter.emit(EVENT.GROUP_ATTRIBUTES_UPDATED, frame.d as Pushes['groupAttributesUpdated']);
    if (frame.ev === 'groupCounterUpdated')
      return this.emitter.emit(EVENT.GROUP_COUNTER_UPDATED, frame.d as Pushes['groupCounterUpdated']);
    if (frame.ev === 'topicChanged') {
      this.topics.onTopicChanged(frame.d as Pushes['topicChanged']).catch((error) => {
        if (this.connection) this.logger.warn('could not fetch a changed topic', error);
      });
      return;
    }
    if (frame.ev === 'relationChanged') {
      const { lists } = frame.d as Pushes['relationChanged'];
      if (Array.isArray(lists))
        this.relations.onRelationChanged(lists).catch((error) => {
          // A logout or destroy while fetching is not worth a warning.
          if (this.connection) this.logger.warn('could not fetch a changed list', error);
        });
      return;
    }
    if (frame.ev !== 'message') return;
    const wire = frame.d;
    if (!isWireMessage(wire)) return this.logger.warn('ignored a malformed message push');
    this.sync.push(wire);
  }

  private emitChanges(change: CacheChange): void {
    if (change.listChanged) this.emitter.emit(EVENT.CONVERSATION_LIST_UPDATED, this.sync.conversations.list());
    if (change.totalChanged)
      this.emitter.emit(EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, this.sync.conversations.totalUnread());
  }

  private reset(): void {
    this.outbox.close();
    this.unsubscribePlatform.splice(0).forEach((unsubscribe) => unsubscribe());
    this.connection = null;
    this.loginDone = null;
    this.ready = false;
    this.userID = '';
    this.earlyPushes = [];
    this.sync.clear();
    this.receipts.clear();
    this.actions.clear();
    this.profiles.clear();
    this.userStatus.clear();
    // The upload token and unfinished uploads belong to the user who logged out.
    this.transfers.clear();
  }

  protected requireReady(): Connection {
    this.assertNotDestroyed();
    if (!this.ready || !this.connection)
      throw new ChatError(ErrorCode.SDK_NOT_READY, 'The SDK is not ready: call login() and wait for SDK_READY first.');
    return this.connection;
  }

  protected conversationState() {
    return this.sync;
  }

  protected currentUserID(): string {
    return this.userID;
  }

  protected profilesChanged(): void {
    if (this.ready) this.emitChanges({ listChanged: true, totalChanged: false });
  }

  /**
   * Accepts the plugins apps register for TencentCloudChat (`tim-upload-plugin`, …): each is built
   * in or done by the server, so one info line says so; an unknown one is ignored with a warning.
   */
  registerPlugin(plugins: Record<string, unknown>): void {
    registerPlugins(plugins, this.logger);
  }

  protected emitEvent<E extends Extract<keyof ChatEventMap, string>>(event: E, data: ChatEventMap[E]): void {
    this.emitter.emit(event, data);
  }

  private assertNotDestroyed(): void {
    if (this.destroyed)
      throw new ChatError(
        ErrorCode.SDK_NOT_READY,
        'This chat instance was destroyed; create a new one with TencentCloudChat.create().',
      );
  }
}
