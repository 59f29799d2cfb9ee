/** What every build exports besides its default `TencentCloudChat`; the entries differ only in their platforms. */
export { TYPES, EVENT, ChatError, ErrorCode } from '../plugin/index';
export type * from '../plugin/index';
export type { Platform, PlatformSocket, PlatformStorage, SocketCloseEvent, Unsubscribe } from './platform';
