import { MESSAGE_ID_PATTERN } from '../protocol/limits';

type RandomBytes = (count: number) => Uint8Array;

interface CryptoLike {
  getRandomValues(array: Uint8Array): Uint8Array;
}

function defaultRandomBytes(): RandomBytes {
  const crypto = (globalThis as { crypto?: Partial<CryptoLike> }).crypto;
  if (crypto && typeof crypto.getRandomValues === 'function') {
    const source = crypto as CryptoLike;
    return (count) => source.getRandomValues(new Uint8Array(count));
  }
  return (count) => Uint8Array.from({ length: count }, () => Math.floor(Math.random() * 256));
}

/**
 * Makes message IDs: creation time, 64 random bits and a per-factory counter, so two
 * IDs from one factory never collide and IDs from different devices practically never do.
 */
export function createMessageIDFactory(
  randomBytes: RandomBytes = defaultRandomBytes(),
  now: () => number = Date.now,
): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    const random = Array.from(randomBytes(8), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const ID = `${now().toString(36)}-${random}-${counter.toString(36)}`;
    if (!MESSAGE_ID_PATTERN.test(ID))
      throw new Error(`internal: generated message ID ${ID} does not match the protocol pattern`);
    return ID;
  };
}
