import fc from 'fast-check';
import type { OperationName } from '../../protocol/operations';
import { objectOf, RawJSON, toJSONText, type FuzzValue } from './json-text';
import { mutatedRequest } from './mutations';
import { validRequests, type FuzzWorld } from './valid-requests';

/**
 * Where valid requests come from. Today: the example table (valid-requests.ts). A generator derived
 * from protocol/schemas' `requestSchemas` plugs in here with the same signature, and every mutation
 * below then starts from its values.
 */
export type RequestSource = (op: OperationName) => fc.Arbitrary<unknown>;

export function exampleSource(world: FuzzWorld): RequestSource {
  const examples = validRequests(world);
  return (op) => fc.constant(examples[op]);
}

/** What goes on the wire: a text frame, a binary frame, or a text frame whose bytes are not UTF-8. */
export type FramePayload =
  { kind: 'text'; text: string } | { kind: 'binary'; bytes: Buffer } | { kind: 'invalid-utf8'; bytes: Buffer };

export interface HostileFrame {
  /** `anonymous` frames go to a socket that has not logged in. */
  socket: 'user' | 'anonymous';
  payload: FramePayload;
  /** How the frame was made, for a person reading a counterexample. */
  describe: string;
}

const hostileIDs = fc.constantFrom<FuzzValue | undefined>(
  undefined,
  0,
  -1,
  1.5,
  '7',
  null,
  true,
  [1],
  objectOf([]),
  2 ** 53,
  new RawJSON('1e400'),
  new RawJSON('-0'),
);
const hostileOps = fc.constantFrom<FuzzValue | undefined>(
  undefined,
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'LOGIN',
  1,
  null,
  ['ping'],
);
const hostileTypes = fc.constantFrom<FuzzValue | undefined>(undefined, 'res', 'push', 'REQ', '', 1, null);

/** Usually the right value, sometimes a hostile one (undefined leaves the field out). */
function mostly<T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T | undefined>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: right, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

function envelope(
  source: RequestSource,
  ops: readonly OperationName[],
): fc.Arbitrary<{ text: string; describe: string }> {
  return fc.constantFrom(...ops).chain((op) =>
    source(op)
      .chain((valid) => mutatedRequest(valid))
      .chain(({ d, changes }) =>
        fc
          .record({
            t: mostly(fc.constant<FuzzValue>('req'), hostileTypes),
            id: mostly(fc.integer({ min: 1, max: 2 ** 31 }), hostileIDs),
            op: mostly(fc.constant<FuzzValue>(op), hostileOps),
            d: mostly(fc.constant(d), fc.constant(undefined)),
          })
          .map((fields) => {
            const frame = objectOf(
              Object.entries(fields).filter((entry): entry is [string, FuzzValue] => entry[1] !== undefined),
            );
            return { text: toJSONText(frame), describe: `${op}${changes.length ? `: ${changes.join('; ')}` : ''}` };
          }),
      ),
  );
}

/** The frame as sent, or spoiled on the way: binary, cut short, not UTF-8, wrapped in an array, with a BOM or trailing garbage. */
function spoiled(frame: { text: string; describe: string }): fc.Arbitrary<{ payload: FramePayload; describe: string }> {
  const as = (kind: string, payload: FramePayload) => ({ payload, describe: `${frame.describe} [${kind}]` });
  const text = (t: string): FramePayload => ({ kind: 'text', text: t });
  return fc.oneof(
    { arbitrary: fc.constant(as('as sent', text(frame.text))), weight: 20 },
    { arbitrary: fc.constant(as('binary', { kind: 'binary', bytes: Buffer.from(frame.text) })), weight: 1 },
    { arbitrary: fc.nat(frame.text.length).map((n) => as(`cut at ${n}`, text(frame.text.slice(0, n)))), weight: 1 },
    { arbitrary: fc.constant(as('byte order mark', text(`\ufeff${frame.text}`))), weight: 1 },
    { arbitrary: fc.constant(as('trailing garbage', text(`${frame.text}}`))), weight: 1 },
    { arbitrary: fc.constant(as('inside an array', text(`[${frame.text}]`))), weight: 1 },
    {
      arbitrary: fc.constant(
        as('invalid UTF-8', {
          kind: 'invalid-utf8',
          bytes: Buffer.concat([Buffer.from(frame.text), Buffer.from([0xc3, 0x28])]),
        }),
      ),
      weight: 1,
    },
  );
}

const notRequests: fc.Arbitrary<{ payload: FramePayload; describe: string }> = fc.oneof(
  fc
    .string({ unit: 'binary', maxLength: 64 })
    .map((t) => ({ payload: { kind: 'text' as const, text: t }, describe: 'random text' })),
  fc
    .uint8Array({ maxLength: 64 })
    .map((bytes) => ({ payload: { kind: 'binary' as const, bytes: Buffer.from(bytes) }, describe: 'random bytes' })),
  fc
    .constantFrom(
      '',
      'null',
      '"hello"',
      '1e400',
      '-0',
      'NaN',
      'Infinity',
      '[]',
      '{}',
      '{"__proto__":{"t":"req","id":1}}',
    )
    .map((t) => ({
      payload: { kind: 'text' as const, text: t },
      describe: `the text ${JSON.stringify(t)}`,
    })),
  fc.constant({
    payload: {
      kind: 'text' as const,
      text: JSON.stringify({ t: 'req', id: 1, op: 'ping', d: { pad: 'x'.repeat(300_000) } }),
    },
    describe: 'a frame over the size limit',
  }),
);

/** Frames for every op, made from valid requests and spoiled in every way the server must survive. */
export function hostileFrames(source: RequestSource, ops: readonly OperationName[]): fc.Arbitrary<HostileFrame> {
  return fc
    .tuple(
      fc.oneof({ arbitrary: envelope(source, ops).chain(spoiled), weight: 12 }, { arbitrary: notRequests, weight: 1 }),
      fc.constantFrom<HostileFrame['socket']>('user', 'user', 'user', 'anonymous'),
    )
    .map(([{ payload, describe }, socket]) => {
      const frame = { socket, payload, describe: `${socket} socket, ${describe}` };
      // fast-check prints a counterexample with this: the description and the start of a possibly huge frame.
      return { ...frame, [fc.toStringMethod]: () => `${frame.describe}: ${framePreview(frame)}` };
    });
}

/** The frame's start, for a person (a frame can be 300 KB). */
export function framePreview({ payload }: Pick<HostileFrame, 'payload'>): string {
  const text =
    payload.kind === 'text' ? payload.text : `<${payload.kind} ${payload.bytes.toString('hex').slice(0, 80)}>`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}
