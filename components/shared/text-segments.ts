import { MSG } from './message';

export interface Segment {
  text: string;
  /** `at-me`: an @ of the viewer (or of everyone); `link`: an http(s) address. */
  kind: 'text' | 'at' | 'at-me' | 'link';
}

const LINK_OR_AT = /(https?:\/\/[^\s<>"]+)|(@[^\s@]+)/g;
const EVERYONE = /^(all|所有人)$/i;

/**
 * Splits text into plain runs, links and @ mentions; an `@name` counts only when the message @s someone.
 * When the message @s the viewer, the @ naming them (their userID, or @all) is `at-me`; the text shows nicks
 * while atUserList holds userIDs, so when no @ names the viewer, every @ is `at-me` (one of them is).
 */
export function textSegments(text: string, atUserList: readonly string[], selfUserID: string): Segment[] {
  const segments: Segment[] = [];
  const mentionsMe = atUserList.includes(MSG.AT_ALL) || (selfUserID !== '' && atUserList.includes(selfUserID));
  const namesMe = (name: string) => name === selfUserID || EVERYONE.test(name);
  const matches = matchesOf(text);
  const anyNamesMe = matches.some((match) => match[2] !== undefined && namesMe(match[2].slice(1)));
  let last = 0;
  for (const match of matches) {
    const start = match.index;
    const at = match[2];
    if (at && atUserList.length === 0) continue;
    if (start > last) segments.push({ text: text.slice(last, start), kind: 'text' });
    let kind: Segment['kind'] = 'link';
    if (at) kind = mentionsMe && (!anyNamesMe || namesMe(at.slice(1))) ? 'at-me' : 'at';
    segments.push({ text: match[0], kind });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), kind: 'text' });
  return segments;
}

function matchesOf(text: string): RegExpExecArray[] {
  const pattern = new RegExp(LINK_OR_AT.source, 'g');
  const matches: RegExpExecArray[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) matches.push(match);
  return matches;
}
