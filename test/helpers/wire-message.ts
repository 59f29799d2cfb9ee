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

/** A `send` request's data, with fields of any type a hostile client might put there. */
export function textDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...wireTextDraft(), ...overrides };
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
