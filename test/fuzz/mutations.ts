import fc from 'fast-check';
import { objectOf, toFuzzValue, type FuzzValue } from './json-text';
import { hostileValue, PROTOTYPE_KEYS } from './hostile-values';

type Path = Array<string | number>;

/** Fields some op reads when present: added where a seed leaves them out, so their checks run too. */
const OPTIONAL_FIELDS = [
  'from',
  'receiverList',
  'atUserList',
  'onlineUserOnly',
  'offlinePushInfo',
  'messageControlInfo',
  'nextReqMessageID',
  'count',
  'offset',
  'keyList',
  'remark',
  'memberList',
];
type FuzzObject = { [key: string]: FuzzValue };

function isObject(value: FuzzValue): value is FuzzObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === null;
}

/** Every place in a value a mutation can aim at: the value itself and each field and item below it. */
export function pathsOf(value: FuzzValue, prefix: Path = []): Path[] {
  const below = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...prefix, i]))
    : isObject(value)
      ? Object.keys(value).flatMap((key) => pathsOf(value[key], [...prefix, key]))
      : [];
  return [prefix, ...below];
}

/** A copy of `root` with the value at `path` replaced by what `change` makes of it (undefined removes it). */
function updateAt(root: FuzzValue, path: Path, change: (old: FuzzValue) => FuzzValue | undefined): FuzzValue {
  if (path.length === 0) return change(root) ?? null;
  const [head, ...rest] = path;
  // An earlier mutation may have replaced the container with a leaf: nothing is left to aim at.
  if (!Array.isArray(root) && !isObject(root)) return root;
  const copy = toFuzzValue(root);
  const container = copy as unknown as Record<string | number, FuzzValue>;
  const next = rest.length === 0 ? change(container[head]) : updateAt(container[head], rest, change);
  if (next !== undefined) container[head] = next;
  else if (Array.isArray(copy)) copy.splice(head as number, 1);
  else delete container[head];
  return copy;
}

/** One change to a request's `d`, described for a person reading a shrunk counterexample. */
export interface Mutation {
  describe: string;
  apply(d: FuzzValue): FuzzValue;
}

function mutationsAt(path: Path): fc.Arbitrary<Mutation> {
  const where = path.length === 0 ? 'd' : `d.${path.join('.')}`;
  return fc.oneof(
    hostileValue.map((value) => ({
      describe: `${where} = hostile value`,
      apply: (d: FuzzValue) => updateAt(d, path, () => value),
    })),
    fc.constant({ describe: `${where} removed`, apply: (d: FuzzValue) => updateAt(d, path, () => undefined) }),
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, ...OPTIONAL_FIELDS), hostileValue).map(([key, value]) => ({
      describe: `${where}.${key} added`,
      apply: (d: FuzzValue) =>
        updateAt(d, path, (old) =>
          isObject(old) ? objectOf([...Object.entries(old), [key, value]]) : objectOf([[key, value]]),
        ),
    })),
  );
}

/** Zero to three mutations of a valid `d`, each aimed at a place in it. */
export function mutatedRequest(valid: unknown): fc.Arbitrary<{ d: FuzzValue; changes: string[] }> {
  const seed = toFuzzValue(valid);
  const paths = pathsOf(seed);
  return fc.array(fc.constantFrom(...paths).chain(mutationsAt), { maxLength: 3 }).map((mutations) => ({
    d: mutations.reduce((d, mutation) => mutation.apply(d), seed),
    changes: mutations.map((mutation) => mutation.describe),
  }));
}
