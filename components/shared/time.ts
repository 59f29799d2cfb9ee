const pad = (n: number) => String(n).padStart(2, '0');

/** A time separator's text for `seconds`: `14:05` today, `03-21 14:05` this year, `2025-03-21 14:05` before. */
export function formatTime(seconds: number, now: Date = new Date()): string {
  const date = new Date(seconds * 1000);
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === now.toDateString()) return clock;
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.getFullYear() === now.getFullYear() ? `${day} ${clock}` : `${date.getFullYear()}-${day} ${clock}`;
}

/** `1.5 KB`; '' for a size that is not a number of bytes. */
export function formatSize(bytes: number): string {
  if (!(bytes >= 0)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
