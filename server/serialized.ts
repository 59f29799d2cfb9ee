/**
 * A value already in JSON, put into a frame as is. A stored message is serialized once, by the
 * store; its answer to the sender and its push to each receiver embed that same text.
 */
export class Serialized<T> {
  /** Never set: ties the text to the type it encodes. */
  declare readonly of?: T;

  constructor(readonly json: string) {}
}
