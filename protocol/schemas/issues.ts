/** Turns the first problem Valibot found into the ChatError a caller gets: which field, what was expected, what came. */
import { safeParse } from 'valibot';
import type * as v from 'valibot';
import { TYPES } from '../constants';
import { ChatError, ErrorCode } from '../errors';
import { describe } from '../fields';
import type { OperationName } from '../operations';
import { profileIssueCode } from './profiles';

/** `payload.messageList.0.status` → `payload.messageList[0].status`, under `prefix` (the name of what was parsed). */
function pathOf(issue: v.BaseIssue<unknown>, prefix: string): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += `${path === '' ? '' : '.'}${typeof key === 'string' ? key : '?'}`;
  }
  return path;
}

/** The code the reference gives for this problem where it has one; 90003 otherwise. */
function codeOf(op: OperationName, path: string, input: unknown): number {
  if (path.endsWith('conversationType') || path.endsWith('conversationID')) {
    if (input === TYPES.CONV_SYSTEM) return ErrorCode.INVALID_CONVERSATION_TYPE;
  }
  if (op === 'send' && path.startsWith('payload.messageList[')) return ErrorCode.MERGER_INVALID_MESSAGE;
  if (op === 'login' && (path === 'SDKAppID' || path === 'userSig')) return ErrorCode.LOGIN_FAILED;
  if (op === 'updateMyProfile') return profileIssueCode(path, input) ?? ErrorCode.INVALID_PARAMETER;
  if (/Conversation(s|Group)/.test(op) && ['groupName', 'oldName', 'newName'].includes(path))
    return ErrorCode.CONVERSATION_GROUP_NAME_INVALID;
  return ErrorCode.INVALID_PARAMETER;
}

function messageOf(issue: v.BaseIssue<unknown>, path: string, input: unknown): string {
  const field = path === '' ? 'The request' : path;
  if (input === TYPES.CONV_SYSTEM) return `${field} cannot be the system conversation (@TIM#SYSTEM) here.`;
  const last = issue.path?.[issue.path.length - 1];
  if (last?.type === 'array' && typeof last.key === 'number')
    return `${field.slice(0, field.lastIndexOf('['))} has an invalid entry at [${last.key}]: it must be ${issue.message}, got ${describe(input)}.`;
  if (issue.type === 'variant')
    return `${field} ${describe(input)} is not supported by this server; it must be ${issue.message}.`;
  return `${field} must be ${issue.message}, got ${describe(input)}.`;
}

/** The ChatError for `issues` of op's request, or of the part of it named `prefix`. */
export function errorOf(op: OperationName, issues: readonly v.BaseIssue<unknown>[], prefix = ''): ChatError {
  const issue = issues[0];
  const path = pathOf(issue, prefix);
  // A missing key is reported with no input; the value at the path is what the client sent.
  const input = issue.path?.length ? issue.path[issue.path.length - 1].value : issue.input;
  return new ChatError(codeOf(op, path, input), messageOf(issue, path, input));
}

/** `value` checked by `schema`, or the ChatError op's request would get for it, naming the field `name`. */
export function parseWith<const Schema extends v.GenericSchema>(
  schema: Schema,
  value: unknown,
  name: string,
  op: OperationName = 'send',
): v.InferOutput<Schema> {
  const result = safeParse(schema, value, { abortEarly: true });
  if (!result.success) throw errorOf(op, result.issues, name);
  return result.output;
}
