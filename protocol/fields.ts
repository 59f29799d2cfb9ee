/**
 * Field checkers for what crosses the wire or the public API. Each returns the checked value or
 * throws a ChatError (90003 unless told) naming the field and what was expected, so the SDK and
 * the server word a failure the same way.
 */
import { ChatError, ErrorCode } from './errors';

export type Fields = Record<string, unknown>;

export function invalid(message: string, code: number = ErrorCode.INVALID_PARAMETER): ChatError {
  return new ChatError(code, message);
}

export function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for error messages; never echoes a huge or hostile value in full. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty array' : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * A frozen lookup table without a prototype: a key that came from a client or a file name
 * (`constructor`, `__proto__`, `toString`) finds only what the table holds.
 */
export function lookupTable<Value>(entries: Record<string, Value>): Readonly<Record<string, Value | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, Value>, entries));
}

/** Only the object's own fields count, so `Object.prototype` pollution cannot fill in a missing one. */
export function own(fields: Fields, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
}

export function requireObject(value: unknown, name: string): Fields {
  if (!isPlainObject(value)) throw invalid(`${name} must be an object, got ${describe(value)}.`);
  return value;
}

export function requireNonEmptyString(fields: Fields, key: string, name: string): string {
  const value = own(fields, key);
  if (typeof value !== 'string' || value === '')
    throw invalid(`${name} must be a non-empty string, got ${describe(value)}.`);
  return value;
}

export function optionalString(fields: Fields, key: string, name: string, fallback: string): string {
  const value = own(fields, key);
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw invalid(`${name} must be a string, got ${describe(value)}.`);
  return value;
}

export function optionalBoolean(fields: Fields, key: string, name: string, fallback: boolean): boolean {
  const value = own(fields, key);
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(`${name} must be true or false, got ${describe(value)}.`);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(`${name} must be one of ${allowed.join(', ')}, got ${describe(value)}.`);
}
