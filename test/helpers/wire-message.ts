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

/** A `send` request's data as a client sends it: a text to bob, with an ID of its own, unless `overrides` say otherwise. */
export function textDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: `m-${Math.random().toString(36).slice(2)}`,
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

interface MergerLayer {
  messageList: Array<{ type: string; payload: unknown }>;
}

/** A merger payload `layers` deep: each layer merges the next, the innermost a text. */
export function nestedMerger(layers: number): Record<string, unknown> {
  let payload: Record<string, unknown> = {
    compatibleText: 'm',
    messageList: [{ type: 'TIMTextElem', payload: { text: 'hi' } }],
  };
  for (let layer = 1; layer < layers; layer++)
    payload = { compatibleText: 'm', messageList: [{ type: 'TIMRelayElem', payload }] };
  return payload;
}

/** How many layers of mergers a merger payload holds, itself included. */
export function mergerLayersOf(payload: MergerLayer): number {
  const inner = payload.messageList.find((message) => message.type === 'TIMRelayElem');
  return 1 + (inner ? mergerLayersOf(inner.payload as MergerLayer) : 0);
}
