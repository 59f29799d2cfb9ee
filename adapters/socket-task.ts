import { BaseSocket } from './base-socket';

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

/** A SocketTask as a PlatformSocket. `connect` makes the task; its `fail` counts as a socket error. */
export class SocketTaskSocket extends BaseSocket {
  private readonly task: SocketTask;

  constructor(url: string, connect: (options: ConnectSocketOptions) => SocketTask) {
    super();
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
}
