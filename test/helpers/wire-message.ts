import type { WireMessage, WireMessageDraft } from '../../protocol/messages';

/** A text message as a client sends it: to bob, unless `overrides` say otherwise. */
export function wireTextDraft(overrides: Partial<WireMessageDraft> = {}): WireMessageDraft {
  return {
    ID: `id-${Math.random()}`,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: 'bob',
    payload: { text: 'hi' },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
    ...overrides,
  };
}

/** A stored text message as the server sends it: from alice to bob, sequence 1, unless `overrides` say otherwise. */
export function wireText(overrides: Partial<WireMessage> = {}): WireMessage {
  return { ...wireTextDraft(), from: 'alice', time: 1000, sequence: 1, ...overrides };
}
