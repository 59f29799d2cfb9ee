/** The package entry for Node.js: `import TencentCloudChat from 'tidings'`. */
import { makeTencentCloudChat } from '../plugin/namespace';
import { createNodePlatform } from './node';
import { getAdapter } from './select';

const TencentCloudChat = makeTencentCloudChat(() => getAdapter([createNodePlatform()]));
export default TencentCloudChat;

export { TYPES, EVENT, ChatError, ErrorCode } from '../plugin/index';
export type * from '../plugin/index';
export type { Platform, PlatformSocket, SocketCloseEvent, FileDescriptor, FileSource, BlobLike, PlatformRequest, PlatformResponse, PlatformFiles } from './platform';
