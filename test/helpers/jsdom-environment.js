/**
 * jsdom for miniprogram-simulate, plus what the real-server tests need from Node: fetch (the
 * simulated wx.request), timers and text codecs. Packages resolve as on Node, so `ws` is the real one.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'AbortController',
  'AbortSignal',
  'TextEncoder',
  'TextDecoder',
  'setImmediate',
  'clearImmediate',
  'structuredClone',
  'Blob',
  'File',
];

class JsdomWithNode extends TestEnvironment {
  constructor(config, context) {
    super(
      {
        ...config,
        projectConfig: {
          ...config.projectConfig,
          testEnvironmentOptions: {
            ...config.projectConfig.testEnvironmentOptions,
            customExportConditions: ['node', 'node-addons'],
          },
        },
      },
      context,
    );
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
  }
}

module.exports = JsdomWithNode;
