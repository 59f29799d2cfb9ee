import { miniProgramPlatform, type MiniProgramApi } from './mini-program';
import type { Platform } from './platform';

declare const uni: MiniProgramApi | undefined;

/** uni-app, every target (H5, mp-weixin, app): the `uni.*` twins of the wx APIs. */
export function createUniPlatform(): Platform {
  return miniProgramPlatform('uni', () => (typeof uni === 'undefined' ? undefined : uni));
}
