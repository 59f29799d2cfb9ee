/** The building blocks every op's schema is made of: bounded strings, IDs, whole numbers, lists, objects. */
import * as v from 'valibot';
import { GROUP_ID_PATTERN, MESSAGE_ID_PATTERN, USER_ID_PATTERN } from '../limits';
import { isPlainObject, own } from '../fields';

/**
 * A plain object (not an array), reduced to the object's own `keys`, a missing one as undefined:
 * so inherited properties never count (a polluted Object.prototype fills nothing in), and a missing
 * field is reported with what it must be, as a wrong one is.
 */
export const ownFields = (keys: readonly string[]) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'an object'),
    v.transform((input) => {
      const picked: Record<string, unknown> = {};
      for (const key of keys) picked[key] = own(input, key);
      return picked;
    }),
  );

/** An object with these fields, and only these in the output: unknown fields are dropped. */
export function fields<const Entries extends v.ObjectEntries>(entries: Entries) {
  return v.pipe(ownFields(Object.keys(entries)), v.object(entries));
}

/** A string of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(v.string('a string'), v.maxLength(max, `a string of at most ${max} characters`));

/** A string of 1 to `max` characters. */
export const nonEmptyText = (max: number) =>
  v.pipe(
    v.string('a non-empty string'),
    v.minLength(1, 'a non-empty string'),
    v.maxLength(max, `a string of at most ${max} characters`),
  );

const USER_ID = 'a userID (a string of letters, digits, _ and -, at most 32)';
export const userID = v.pipe(v.string(USER_ID), v.regex(USER_ID_PATTERN, USER_ID));

const GROUP_ID = 'a groupID (a string of letters, digits and _ - . @ #, at most 48)';
export const groupID = v.pipe(v.string(GROUP_ID), v.regex(GROUP_ID_PATTERN, GROUP_ID));

const MESSAGE_ID = 'a string of letters, digits and _ . : -, at most 64 (a message ID)';
export const messageID = v.pipe(v.string(MESSAGE_ID), v.regex(MESSAGE_ID_PATTERN, MESSAGE_ID));

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number) =>
  v.pipe(
    v.number(`a whole number from ${min} to ${max}`),
    v.safeInteger(`a whole number from ${min} to ${max}`),
    v.minValue(min, `a whole number from ${min} to ${max}`),
    v.maxValue(max, `a whole number from ${min} to ${max}`),
  );

/** A finite number from `min` to `max`. */
export const finiteNumber = (min: number, max: number) =>
  v.pipe(
    v.number(`a number from ${min} to ${max}`),
    v.finite(`a number from ${min} to ${max}`),
    v.minValue(min, `a number from ${min} to ${max}`),
    v.maxValue(max, `a number from ${min} to ${max}`),
  );

export const flag = v.boolean('true or false');

/** An array of 1 to `max` items. */
export const list = <Item extends v.GenericSchema>(item: Item, max: number, what: string) =>
  v.pipe(
    v.array(item, `a non-empty array of ${what}`),
    v.minLength(1, `a non-empty array of ${what}`),
    v.maxLength(max, `an array of at most ${max} ${what}`),
  );

/** 1 to `max` userIDs; a user named twice counts once. */
export const userIDList = (max: number) =>
  v.pipe(
    list(userID, max, 'userIDs'),
    v.transform((ids) => [...new Set(ids)]),
  );
