/** The WeChat build (`miniprogram_dist/index.js`, WeChat's npm build): `wx` only. */
import { makeTencentCloudChat } from '../plugin/namespace';
import { getAdapter } from './select';
import { createWxPlatform } from './wx';

const TencentCloudChat = makeTencentCloudChat(() => getAdapter([createWxPlatform()]));
export default TencentCloudChat;
export * from './public-api';
