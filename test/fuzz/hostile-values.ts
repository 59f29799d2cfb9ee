import fc from 'fast-check';
import { objectOf, RawJSON, type FuzzValue } from './json-text';

/** Keys that name Object.prototype's members: a handler that reads `d[key]` without an own-property check finds a function. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels, as text (a recursive writer would overflow). */
export function deeplyNested(depth: number, shape: 'array' | 'object'): RawJSON {
  return shape === 'array'
    ? new RawJSON(`${'['.repeat(depth)}1${']'.repeat(depth)}`)
    : new RawJSON(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

const numbers: fc.Arbitrary<FuzzValue> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 31), 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE),
  // JSON has no NaN or Infinity: these texts parse to Infinity, -Infinity, -0 and 0, or lose precision.
  fc
    .constantFrom('1e400', '-1e400', '-0', '1e-400', '123456789012345678901234567890', '0.1e1')
    .map((t) => new RawJSON(t)),
  fc.double(),
  fc.integer(),
);

const strings: fc.Arbitrary<FuzzValue> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\ud83d',
    '\u202e',
    '../../etc/passwd',
    'C2C',
    'GROUP',
  ),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(1_000, 13_000, 100_000).map((n) => 'x'.repeat(n)),
  fc.constantFrom(5_000).map((n) => '中'.repeat(n)),
);

/** Objects whose keys are the prototype's names, with values of every type. */
const prototypeObjects: fc.Arbitrary<FuzzValue> = fc
  .subarray(PROTOTYPE_KEYS, { minLength: 1 })
  .chain((keys) =>
    fc
      .tuple(
        ...keys.map(() =>
          fc.oneof(
            fc.constant<FuzzValue>('x'),
            fc.constant<FuzzValue>(1),
            fc.constant<FuzzValue>(objectOf([['t', 'req']])),
          ),
        ),
      )
      .map((values) => objectOf(keys.map((key, i) => [key, values[i]]))),
  );

const nesting: fc.Arbitrary<FuzzValue> = fc
  .tuple(fc.constantFrom(100, 2_000, 10_000, 50_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, shape]) => deeplyNested(depth, shape));

const scalars: fc.Arbitrary<FuzzValue> = fc.oneof(numbers, strings, fc.constantFrom<FuzzValue>(null, true, false));

/** A list of hostile items, for fields that hold lists (userIDList, receiverList, messageList …). */
const lists: fc.Arbitrary<FuzzValue> = fc.array(fc.oneof(scalars, prototypeObjects, nesting), {
  minLength: 1,
  maxLength: 3,
});

/** A value of any JSON type that the field probably did not expect. */
export const hostileValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  { arbitrary: numbers, weight: 3 },
  { arbitrary: strings, weight: 3 },
  { arbitrary: fc.constantFrom<FuzzValue>(null, true, false, [], objectOf([]), [null], ['x', 1]), weight: 2 },
  { arbitrary: prototypeObjects, weight: 2 },
  { arbitrary: lists, weight: 2 },
  { arbitrary: nesting, weight: 1 },
);
