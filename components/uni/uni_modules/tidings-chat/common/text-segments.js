// Generated from components/shared/text-segments.ts by `npm run build:uni-shared`: edit that file, not this one.
import { MSG } from "./message.js";
const LINK_OR_AT = /(https?:\/\/[^\s<>"]+)|(@[^\s@]+)/g;
const EVERYONE = /^(all|所有人)$/i;
function textSegments(text, atUserList, selfUserID) {
  const segments = [];
  const mentionsMe = atUserList.includes(MSG.AT_ALL) || selfUserID !== "" && atUserList.includes(selfUserID);
  const namesMe = (name) => name === selfUserID || EVERYONE.test(name);
  const matches = matchesOf(text);
  const anyNamesMe = matches.some((match) => match[2] !== void 0 && namesMe(match[2].slice(1)));
  let last = 0;
  for (const match of matches) {
    const start = match.index;
    const at = match[2];
    if (at && atUserList.length === 0) continue;
    if (start > last) segments.push({ text: text.slice(last, start), kind: "text" });
    let kind = "link";
    if (at) kind = mentionsMe && (!anyNamesMe || namesMe(at.slice(1))) ? "at-me" : "at";
    segments.push({ text: match[0], kind });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), kind: "text" });
  return segments;
}
function matchesOf(text) {
  const pattern = new RegExp(LINK_OR_AT.source, "g");
  const matches = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) matches.push(match);
  return matches;
}
export {
  textSegments
};
