/** What every build exports besides its default `TencentCloudChat`; the entries differ only in their platforms. */
export { TYPES, EVENT, ChatError, ErrorCode } from '../plugin/index';
export type * from '../plugin/index';
export type {
  Platform,
  PlatformSocket,
  PlatformStorage,
  SocketCloseEvent,
  Unsubscribe,
  FileDescriptor,
  FileSource,
  BlobLike,
  PlatformRequest,
  PlatformResponse,
  PlatformFiles,
} from '../plugin/platform';
