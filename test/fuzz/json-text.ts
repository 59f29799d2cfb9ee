/**
 * JSON text for hostile values. JSON.stringify cannot write what the fuzzer needs to send: numbers
 * JSON cannot carry (`1e400`, `-0`), nesting deeper than its stack, or an own `__proto__` key.
 */

/** Text placed into the output as it is. */
export class RawJSON {
  constructor(readonly text: string) {}
}

/** A value the fuzzer builds: JSON values plus raw text. Objects have no prototype, so `__proto__` is an ordinary key. */
export type FuzzValue = null | boolean | number | string | RawJSON | FuzzValue[] | { [key: string]: FuzzValue };

export function objectOf(entries: Iterable<[string, FuzzValue]>): { [key: string]: FuzzValue } {
  const object = Object.create(null) as { [key: string]: FuzzValue };
  for (const [key, value] of entries) object[key] = value;
  return object;
}

/** A deep copy of a JSON-like value as FuzzValues (prototype-free objects). */
export function toFuzzValue(value: unknown): FuzzValue {
  if (value instanceof RawJSON) return value;
  if (Array.isArray(value)) return value.map(toFuzzValue);
  if (typeof value === 'object' && value !== null)
    return objectOf(Object.entries(value).map(([key, field]) => [key, toFuzzValue(field)]));
  return value as FuzzValue;
}

export function toJSONText(value: FuzzValue): string {
  if (value instanceof RawJSON) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJSONText).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${toJSONText(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
