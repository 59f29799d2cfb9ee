import type { WireMessage } from '../../protocol/messages';

/** A stored text message as the server sends it: from alice to bob, sequence 1, unless `overrides` say otherwise. */
export function wireText(overrides: Partial<WireMessage> = {}): WireMessage {
  return {
    ID: `id-${Math.random()}`,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: 'bob',
    from: 'alice',
    payload: { text: 'hi' },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
    time: 1000,
    sequence: 1,
    ...overrides,
  };
}
