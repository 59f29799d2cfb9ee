/**
 * The build for bundlers (`tidings` outside Node): picks uni-app, then WeChat, then the
 * browser, whichever runs here, so one import works in a uni-app, a Taro or a web project.
 */
import { makeTencentCloudChat } from '../plugin/namespace';
import { getAdapter } from './select';
import { createUniPlatform } from './uni';
import { createWebPlatform } from './web';
import { createWxPlatform } from './wx';

const TencentCloudChat = makeTencentCloudChat(() =>
  getAdapter([createUniPlatform(), createWxPlatform(), createWebPlatform()]),
);
export default TencentCloudChat;
export * from './public-api';
