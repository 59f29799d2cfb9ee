/** The package entry for Node.js: `import TencentCloudChat from 'tidings'`. */
import { makeTencentCloudChat } from '../plugin/namespace';
import { createNodePlatform } from './node';
import { getAdapter } from './select';

const TencentCloudChat = makeTencentCloudChat(() => getAdapter([createNodePlatform()]));
export default TencentCloudChat;
export * from './public-api';
