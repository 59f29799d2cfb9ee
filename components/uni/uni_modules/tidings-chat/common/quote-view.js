// Generated from components/shared/quote-view.ts by `npm run build:uni-shared`: edit that file, not this one.
function quoteOf(cloudCustomData) {
  var _a;
  if (typeof cloudCustomData !== "string" || !cloudCustomData.includes("messageReply")) return null;
  try {
    const reply = (_a = JSON.parse(cloudCustomData)) == null ? void 0 : _a.messageReply;
    if (!reply || typeof reply !== "object") return null;
    const text = (value) => typeof value === "string" ? value : "";
    return {
      messageID: text(reply.messageID),
      sender: text(reply.messageSender),
      abstract: text(reply.messageAbstract)
    };
  } catch (e) {
    return null;
  }
}
export {
  quoteOf
};
