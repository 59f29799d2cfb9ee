/** A request frame: its envelope checked, its nesting bounded, its `d` checked by its op's schema. */
import * as v from 'valibot';
import { ErrorCode } from '../errors';
import { describe, invalid, isPlainObject } from '../fields';
import { MAX_FRAME_DEPTH } from '../limits';
import type { OperationName, Operations } from '../operations';
import { fields } from './common';
import { errorOf } from './issues';
import { requestSchemas } from './requests';
import { parseSendRequest } from './send';

/** Whether `value` nests objects and arrays more than `max` levels deep; walks without recursion, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > max) return true;
    const children: unknown[] = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children)
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

const OPERATION_NAMES = Object.keys(requestSchemas) as OperationName[];

/** A request's id: what its response carries back. */
const requestId = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

export const requestFrame = fields({
  id: requestId,
  t: v.literal('req', '"req" (the only frames clients send)'),
  op: v.picklist(OPERATION_NAMES, 'a known operation'),
  // Absent or null: an op that takes nothing.
  d: v.nullish(v.custom<Record<string, unknown>>(isPlainObject, 'an object'), () => ({})),
});

export type RequestEnvelope = v.InferOutput<typeof requestFrame>;

/** Why a frame cannot be served: with the request id to answer when it has one, else as an error frame. */
export interface FrameProblem {
  id: number | null;
  code: number;
  msg: string;
}

/** A frame's text, parsed and its envelope checked (not yet its `d`, nor how deep it nests: that is `parseRequest`'s, so a refused login is refused like any other). */
export function parseFrame(text: string): RequestEnvelope | FrameProblem {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { id: null, code: ErrorCode.MALFORMED_FRAME, msg: 'The frame is not valid JSON.' };
  }
  if (!isPlainObject(frame))
    return { id: null, code: ErrorCode.MALFORMED_FRAME, msg: 'A frame must be a JSON object.' };
  // The id first: every other problem is answered on it.
  const id = frame.id;
  if (!v.is(requestId, id))
    return { id: null, code: ErrorCode.MALFORMED_FRAME, msg: 'A request needs a positive integer id.' };
  const result = v.safeParse(requestFrame, frame, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key: unknown = issue.path?.[0]?.key;
  const field = typeof key === 'string' ? key : '';
  const sent = issue.path?.[0]?.value;
  if (field === 'd')
    return { id, code: ErrorCode.INVALID_PARAMETER, msg: `A request's d must be an object, got ${describe(sent)}.` };
  const what = field === 't' ? 'frame type' : 'operation';
  return {
    id,
    code: ErrorCode.UNKNOWN_OPERATION,
    msg: `Unknown ${what} ${describe(sent)}; ${field} must be ${issue.message}.`,
  };
}

export function isFrameProblem(parsed: RequestEnvelope | FrameProblem): parsed is FrameProblem {
  return 'code' in parsed;
}

/** `d` checked by op's schema and rules: what its handler gets. Throws the ChatError the caller is answered with. */
export function parseRequest<Op extends OperationName>(op: Op, d: unknown): Operations[Op]['req'] {
  // Before any schema walks it: d sits one level inside the frame.
  if (nestsDeeperThan(d, MAX_FRAME_DEPTH - 1))
    throw invalid(
      `The request nests objects and arrays more than ${MAX_FRAME_DEPTH} levels deep; no valid request does.`,
    );
  if (op === 'send') return parseSendRequest(d);
  const result = v.safeParse(requestSchemas[op], d, { abortEarly: true });
  if (!result.success) throw errorOf(op, result.issues);
  return result.output;
}
