/** The uni-app build (`tidings/uni`): `uni.*` serves H5, mp-weixin and app alike. */
import { makeTencentCloudChat } from '../plugin/namespace';
import { getAdapter } from './select';
import { createUniPlatform } from './uni';

const TencentCloudChat = makeTencentCloudChat(() => getAdapter([createUniPlatform()]));
export default TencentCloudChat;
export * from './public-api';
