/**
 * The README's table of which TencentCloudChat 3.6 instance methods a Tidings chat has, so nobody finds out by a
 * TypeError. `npm run method-table` rewrites it in README.md and README.zh-CN.md (between the markers);
 * test/unit/method-table.test.ts fails when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chat } from '../plugin/chat';
import { TENCENT_METHODS } from './tencent-methods';

export const START_MARKER = '<!-- method-table:start (npm run method-table) -->';
export const END_MARKER = '<!-- method-table:end -->';

type Group = keyof typeof TENCENT_METHODS;
type Language = 'en' | 'zh';

const HEADINGS: Record<Language, { group: string; exists: string; missing: string }> = {
  en: { group: 'group', exists: 'on a Tidings chat', missing: 'not yet (TypeError)' },
  zh: { group: '分类', exists: 'Tidings 已有', missing: '暂无（调用会 TypeError）' },
};

const GROUP_NAMES: Record<Language, Record<Group, string>> = {
  en: {
    Messages: 'Messages',
    Conversations: 'Conversations',
    Groups: 'Groups',
    Relationship: 'Relationship',
    'User profile and status': 'User profile and status',
    Signaling: 'Signaling',
    Other: 'Other',
  },
  zh: {
    Messages: '消息',
    Conversations: '会话',
    Groups: '群组',
    Relationship: '关系链',
    'User profile and status': '用户资料与状态',
    Signaling: '信令',
    Other: '其他',
  },
};

/** The public methods of a chat instance: every function on the Chat prototype chain. */
export function chatMethodNames(): Set<string> {
  const names = new Set<string>();
  for (let proto: object | null = Chat.prototype; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return names;
}

const listOf = (names: readonly string[]) => (names.length > 0 ? names.map((name) => `\`${name}\``).join(', ') : '—');

/** The table in one language, markers included. */
export function methodTable(language: Language, existing: Set<string> = chatMethodNames()): string {
  const heading = HEADINGS[language];
  const rows = (Object.entries(TENCENT_METHODS) as Array<[Group, readonly string[]]>).map(([group, methods]) => {
    const present = methods.filter((name) => existing.has(name));
    const absent = methods.filter((name) => !existing.has(name));
    const title = `${GROUP_NAMES[language][group]} (${present.length}/${methods.length})`;
    return `| ${title} | ${listOf(present)} | ${listOf(absent)} |`;
  });
  return [
    START_MARKER,
    `| ${heading.group} | ${heading.exists} | ${heading.missing} |`,
    '|---|---|---|',
    ...rows,
    END_MARKER,
  ].join('\n');
}

export const README_LANGUAGES: Record<string, Language> = { 'README.md': 'en', 'README.zh-CN.md': 'zh' };

/** The README text with its table replaced by `table`; throws when the markers are missing. */
export function withTable(readme: string, table: string, file: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end < start)
    throw new Error(`${file} has no method-table markers (${START_MARKER} … ${END_MARKER}).`);
  return readme.slice(0, start) + table + readme.slice(end + END_MARKER.length);
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const existing = chatMethodNames();
  for (const [file, language] of Object.entries(README_LANGUAGES)) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = withTable(before, methodTable(language, existing), file);
    if (after !== before) writeFileSync(path, after);
    console.log(`${file}: ${after === before ? 'up to date' : 'table rewritten'}`);
  }
}
