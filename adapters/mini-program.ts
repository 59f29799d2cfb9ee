import { miniProgramFiles, type MiniProgramRequestApi } from './mini-program-files';
import type { Platform, PlatformStorage, Unsubscribe } from '../plugin/platform';
import { SocketTaskSocket, type ConnectSocketOptions, type SocketTask } from './socket-task';

type Callback<T> = (result: T) => void;

/**
 * The part of `wx` and `uni` the SDK uses. Both have the same names and result shapes:
 * https://developers.weixin.qq.com/miniprogram/dev/api/ (storage, network, app events)
 * https://uniapp.dcloud.net.cn/api/
 */
export interface MiniProgramApi extends MiniProgramRequestApi {
  connectSocket(options: ConnectSocketOptions): SocketTask;
  getStorage(options: {
    key: string;
    success: Callback<{ data: unknown; errMsg: string }>;
    fail: Callback<{ errMsg: string }>;
  }): void;
  setStorage(options: {
    key: string;
    data: string;
    success: Callback<{ errMsg: string }>;
    fail: Callback<{ errMsg: string }>;
  }): void;
  removeStorage(options: {
    key: string;
    success: Callback<{ errMsg: string }>;
    fail: Callback<{ errMsg: string }>;
  }): void;
  onAppShow?(listener: Callback<unknown>): void;
  offAppShow?(listener: Callback<unknown>): void;
  onAppHide?(listener: Callback<unknown>): void;
  offAppHide?(listener: Callback<unknown>): void;
  onNetworkStatusChange?(listener: Callback<{ isConnected: boolean; networkType: string }>): void;
  offNetworkStatusChange?(listener: Callback<{ isConnected: boolean; networkType: string }>): void;
}

function storageOf(api: () => MiniProgramApi): PlatformStorage {
  return {
    getItem: (key) =>
      new Promise((resolve) =>
        // A missing key is a `fail` ("getStorage:fail data not found"): that is "no value", not an error.
        api().getStorage({
          key,
          success: ({ data }) => resolve(typeof data === 'string' ? data : null),
          fail: () => resolve(null),
        }),
      ),
    setItem: (key, value) =>
      new Promise((resolve, reject) =>
        api().setStorage({
          key,
          data: value,
          success: () => resolve(),
          fail: ({ errMsg }) => reject(new Error(errMsg)),
        }),
      ),
    removeItem: (key) =>
      new Promise((resolve) => api().removeStorage({ key, success: () => resolve(), fail: () => resolve() })),
  };
}

/** Subscribes with `on<Name>` and unsubscribes with `off<Name>` where the base library has it. */
function listen<T>(
  on: ((l: Callback<T>) => void) | undefined,
  off: ((l: Callback<T>) => void) | undefined,
  listener: Callback<T>,
): Unsubscribe {
  if (!on) return () => undefined;
  let active = true;
  const guarded: Callback<T> = (result) => active && listener(result);
  on(guarded);
  return () => {
    active = false;
    off?.(guarded);
  };
}

/** A Platform over a wx-like global, read when used so a test or a late-defined global works. */
export function miniProgramPlatform(name: string, api: () => MiniProgramApi | undefined): Platform {
  const present = (): MiniProgramApi => {
    const found = api();
    if (!found) throw new Error(`${name} is not available here`);
    return found;
  };
  return {
    ...miniProgramFiles(present),
    name,
    isSupported: () => {
      const found = api();
      return typeof found === 'object' && found !== null && typeof found.connectSocket === 'function';
    },
    connectSocket: (url) => new SocketTaskSocket(url, (options) => present().connectSocket(options)),
    storage: storageOf(present),
    onAppShow: (callback) => {
      const found = present();
      return listen(found.onAppShow?.bind(found), found.offAppShow?.bind(found), () => callback());
    },
    onAppHide: (callback) => {
      const found = present();
      return listen(found.onAppHide?.bind(found), found.offAppHide?.bind(found), () => callback());
    },
    onNetworkChange: (callback) => {
      const found = present();
      return listen(
        found.onNetworkStatusChange?.bind(found),
        found.offNetworkStatusChange?.bind(found),
        ({ isConnected }) => callback(isConnected),
      );
    },
  };
}
