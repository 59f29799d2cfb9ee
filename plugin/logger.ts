/** The reference's levels: 0 everything, 1 release (info), 2 warnings, 3 errors, 4 nothing. */
export type LogLevel = 0 | 1 | 2 | 3 | 4;

export class Logger {
  level: LogLevel = 0;

  setLevel(level: unknown): void {
    if (typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 4)
      this.level = level as LogLevel;
  }

  info(...args: unknown[]): void {
    if (this.level <= 1) console.info('[tidings]', ...args);
  }

  warn(...args: unknown[]): void {
    if (this.level <= 2) console.warn('[tidings]', ...args);
  }

  error(...args: unknown[]): void {
    if (this.level <= 3) console.error('[tidings]', ...args);
  }
}
