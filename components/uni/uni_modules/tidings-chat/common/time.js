// Generated from components/shared/time.ts by `npm run build:uni-shared`: edit that file, not this one.
const pad = (n) => String(n).padStart(2, "0");
function formatTime(seconds, now = /* @__PURE__ */ new Date()) {
  const date = new Date(seconds * 1e3);
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === now.toDateString()) return clock;
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.getFullYear() === now.getFullYear() ? `${day} ${clock}` : `${date.getFullYear()}-${day} ${clock}`;
}
function formatSize(bytes) {
  if (!(bytes >= 0)) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
export {
  formatSize,
  formatTime
};
