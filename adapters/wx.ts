import { miniProgramPlatform, type MiniProgramApi } from './mini-program';
import type { Platform } from '../plugin/platform';

declare const wx: MiniProgramApi | undefined;

/** WeChat mini-programs: `wx.connectSocket`, `wx.setStorage`, `wx.onAppShow` … */
export function createWxPlatform(): Platform {
  return miniProgramPlatform('wx', () => (typeof wx === 'undefined' ? undefined : wx));
}
