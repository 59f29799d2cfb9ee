import type { PlatformSocket, SocketCloseEvent } from './platform';

/**
 * The SocketTask that `wx.connectSocket` and `uni.connectSocket` return (same shape on both):
 * https://developers.weixin.qq.com/miniprogram/dev/api/network/websocket/SocketTask.html
 * https://uniapp.dcloud.net.cn/api/request/socket-task.html
 */
export interface SocketTask {
  send(options: { data: string | ArrayBuffer; fail?: (result: { errMsg: string }) => void }): void;
  close(options: { code?: number; reason?: string }): void;
  onOpen(listener: (result: unknown) => void): void;
  onMessage(listener: (result: { data: string | ArrayBuffer }) => void): void;
  onClose(listener: (result: { code?: number; reason?: string }) => void): void;
  onError(listener: (result: { errMsg: string }) => void): void;
}

export interface ConnectSocketOptions {
  url: string;
  success?: (result: { errMsg: string }) => void;
  fail?: (result: { errMsg: string }) => void;
  complete?: (result: { errMsg: string }) => void;
}

const noop = (): void => undefined;

/** A SocketTask as a PlatformSocket. `connect` makes the task; its `fail` counts as a socket error. */
export class SocketTaskSocket implements PlatformSocket {
  private readonly task: SocketTask;
  private handleOpen: () => void = noop;
  private handleMessage: (text: string) => void = noop;
  private handleClose: (event: SocketCloseEvent) => void = noop;
  private handleError: (error: Error) => void = noop;

  constructor(url: string, connect: (options: ConnectSocketOptions) => SocketTask) {
    // uni returns the task only when one of success/fail/complete is given; wx always returns it.
    this.task = connect({ url, fail: ({ errMsg }) => this.handleError(new Error(errMsg)) });
    this.task.onOpen(() => this.handleOpen());
    this.task.onMessage(({ data }) => {
      if (typeof data === 'string') this.handleMessage(data);
    });
    this.task.onClose(({ code, reason }) => this.handleClose({ code: code ?? 1006, reason: reason ?? '' }));
    this.task.onError(({ errMsg }) => this.handleError(new Error(errMsg)));
  }

  send(text: string): void {
    this.task.send({ data: text, fail: ({ errMsg }) => this.handleError(new Error(errMsg)) });
  }

  close(code?: number, reason?: string): void {
    this.task.close({ code, reason });
  }

  onOpen(callback: () => void): void {
    this.handleOpen = callback;
  }

  onMessage(callback: (text: string) => void): void {
    this.handleMessage = callback;
  }

  onClose(callback: (event: SocketCloseEvent) => void): void {
    this.handleClose = callback;
  }

  onError(callback: (error: Error) => void): void {
    this.handleError = callback;
  }
}
