import type { ConversationType, MessagePriority, MessageType } from '../protocol/constants';
import { conversationIDFor } from '../protocol/conversation-id';
import type { WireMessage, WireMessageDraft } from '../protocol/messages';

export type MessageFlow = 'in' | 'out';
export type MessageStatus = 'unSend' | 'success' | 'fail';

/** The payload of any message; `text` is set for text messages. */
export interface MessagePayload {
  text?: string;
  [field: string]: unknown;
}

/** What a revoke or a modify changes in a message: the stored message's fields, or a newer copy's. */
export type Revision = Pick<
  WireMessage,
  'payload' | 'cloudCustomData' | 'version' | 'isModified' | 'isRevoked' | 'revoker'
>;

export interface RevokerInfo {
  userID: string;
  nick: string;
  avatar: string;
}

export interface ReadReceiptInfo {
  readCount: number;
  unreadCount: number;
}

/** What a new Message needs; everything else starts at the reference's defaults. */
export interface MessageInit {
  ID: string;
  type: MessageType;
  payload: MessagePayload;
  conversationType: ConversationType;
  to: string;
  from: string;
  flow: MessageFlow;
  time: number;
  status: MessageStatus;
  priority: MessagePriority;
  cloudCustomData: string;
  needReadReceipt: boolean;
  isSupportExtension: boolean;
  sequence?: number;
  receiverList?: string[];
}

/** A message as the reference's UI code reads it. Made by `create*Message`, by pushes and by `getMessageList`. */
export class Message {
  ID: string;
  type: MessageType;
  payload: MessagePayload;
  conversationID: string;
  conversationType: ConversationType;
  to: string;
  from: string;
  flow: MessageFlow;
  /** Seconds since the epoch, server clock once sent. */
  time: number;
  status: MessageStatus;
  isRevoked = false;
  priority: MessagePriority;
  nick = '';
  avatar = '';
  isPeerRead = false;
  nameCard = '';
  atUserList: string[] = [];
  cloudCustomData: string;
  isDeleted = false;
  isModified = false;
  needReadReceipt: boolean;
  readReceiptInfo: ReadReceiptInfo = { readCount: 0, unreadCount: 0 };
  isSupportExtension: boolean;
  /** Position in the conversation; 0 until the server stores it. */
  sequence: number;
  hasRiskContent = false;
  /** Targeted group message: only these members receive it. */
  receiverList?: string[];
  /** Revoked messages: who revoked it (the sender, or a group's owner or admin), and why (Tidings gives no reason: ''). */
  revoker = '';
  revokerInfo: RevokerInfo = { userID: '', nick: '', avatar: '' };
  revokeReason = '';
  /** Grows with every modify and revoke; modifyMessage sends it so a change made meanwhile is not overwritten (2480). */
  version = 0;

  constructor(init: MessageInit) {
    this.ID = init.ID;
    this.type = init.type;
    this.payload = init.payload;
    this.conversationType = init.conversationType;
    this.to = init.to;
    this.from = init.from;
    this.flow = init.flow;
    this.time = init.time;
    this.status = init.status;
    this.priority = init.priority;
    this.cloudCustomData = init.cloudCustomData;
    this.needReadReceipt = init.needReadReceipt;
    this.isSupportExtension = init.isSupportExtension;
    this.sequence = init.sequence ?? 0;
    if (init.receiverList) this.receiverList = init.receiverList;
    this.conversationID = conversationIDFor(this, this.from);
  }

  /** A stored message as `viewer` sees it. */
  static fromWire(wire: WireMessage, viewer: string): Message {
    const message = new Message({
      ...wire,
      payload: { ...wire.payload },
      flow: wire.from === viewer ? 'out' : 'in',
      status: 'success',
    });
    message.conversationID = conversationIDFor(wire, viewer);
    if (wire.atUserList) message.atUserList = [...wire.atUserList];
    if (wire.isPeerRead) message.isPeerRead = true;
    message.applyRevision(wire);
    return message;
  }

  /** Takes on a revoke or a modify of the stored message (pushed, or answered), keeping this object. */
  applyRevision(wire: Revision): void {
    this.payload = { ...wire.payload };
    this.cloudCustomData = wire.cloudCustomData;
    this.version = wire.version ?? 0;
    this.isModified = wire.isModified === true;
    this.isRevoked = wire.isRevoked === true;
    if (wire.revoker) {
      this.revoker = wire.revoker;
      this.revokerInfo = { userID: wire.revoker, nick: '', avatar: '' };
    }
  }

  /** What `send` puts on the wire. The server stamps `from` itself. */
  toDraft(): WireMessageDraft {
    const draft: WireMessageDraft = {
      ID: this.ID,
      type: this.type,
      conversationType: this.conversationType,
      to: this.to,
      payload: this.payload,
      priority: this.priority,
      cloudCustomData: this.cloudCustomData,
      needReadReceipt: this.needReadReceipt,
      isSupportExtension: this.isSupportExtension,
    };
    if (this.atUserList.length > 0) draft.atUserList = this.atUserList;
    if (this.receiverList) draft.receiverList = this.receiverList;
    return draft;
  }

  /** Takes on what the server stored, keeping this object (the UI may hold it). */
  applyStored(wire: WireMessage, viewer: string): void {
    this.from = wire.from;
    this.time = wire.time;
    this.sequence = wire.sequence;
    this.flow = 'out';
    this.status = 'success';
    this.conversationID = conversationIDFor(wire, viewer);
    this.nick = wire.nick ?? '';
    this.avatar = wire.avatar ?? '';
  }
}
