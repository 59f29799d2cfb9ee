import { miniProgramPlatform, type MiniProgramApi } from './mini-program';
import type { Platform } from '../plugin/platform';

declare const uni: MiniProgramApi;

const isFunction = (probe: () => unknown): boolean => {
  try {
    return typeof probe() === 'function';
  } catch {
    return false; // no `uni` here at all
  }
};

/**
 * The uni API, with every call written out as a literal `uni.name`: uni-app's compiler replaces each
 * `uni.name` with that API (on H5 an import from @dcloudio/uni-h5) and defines no global `uni` object
 * there, so `typeof uni` is 'undefined' in a real H5 build and a bare `uni` cannot be passed around.
 */
/* eslint-disable @typescript-eslint/unbound-method -- `() => uni.name` only asks whether the API exists; each call is uni.name(...) */
function literalUniApi(): MiniProgramApi | undefined {
  if (!isFunction(() => uni.connectSocket)) return undefined;
  const api: MiniProgramApi = {
    connectSocket: (options) => uni.connectSocket(options),
    request: (options) => uni.request(options),
    getStorage: (options) => uni.getStorage(options),
    setStorage: (options) => uni.setStorage(options),
    removeStorage: (options) => uni.removeStorage(options),
  };
  if (isFunction(() => uni.getFileSystemManager)) api.getFileSystemManager = () => uni.getFileSystemManager!();
  if (isFunction(() => uni.onAppShow)) api.onAppShow = (listener) => uni.onAppShow!(listener);
  if (isFunction(() => uni.offAppShow)) api.offAppShow = (listener) => uni.offAppShow!(listener);
  if (isFunction(() => uni.onAppHide)) api.onAppHide = (listener) => uni.onAppHide!(listener);
  if (isFunction(() => uni.offAppHide)) api.offAppHide = (listener) => uni.offAppHide!(listener);
  if (isFunction(() => uni.onNetworkStatusChange))
    api.onNetworkStatusChange = (listener) => uni.onNetworkStatusChange!(listener);
  if (isFunction(() => uni.offNetworkStatusChange))
    api.offNetworkStatusChange = (listener) => uni.offNetworkStatusChange!(listener);
  return api;
}
/* eslint-enable @typescript-eslint/unbound-method */

/** uni-app, every target (H5, mp-weixin, app): the `uni.*` twins of the wx APIs. */
export function createUniPlatform(): Platform {
  return miniProgramPlatform('uni', literalUniApi);
}
