// Generated from components/shared/outgoing.ts by `npm run build:uni-shared`: edit that file, not this one.
const channels = /* @__PURE__ */ new WeakMap();
function publishOutgoing(chat, event) {
  var _a;
  (_a = channels.get(chat)) == null ? void 0 : _a.forEach((listener) => listener(event));
}
function subscribeOutgoing(chat, listener) {
  let listeners = channels.get(chat);
  if (!listeners) channels.set(chat, listeners = /* @__PURE__ */ new Set());
  const own = listeners;
  own.add(listener);
  return () => void own.delete(listener);
}
export {
  publishOutgoing,
  subscribeOutgoing
};
