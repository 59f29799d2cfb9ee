/**
 * The jsdom environment miniprogram-simulate needs, plus the Node globals playwright-core loads with, so one test
 * can render the WeChat twin here and drive the uni twin in Chromium.
 */
const JsdomWithNode = require('../../helpers/jsdom-environment.js');

const FOR_PLAYWRIGHT = [
  'TransformStream',
  'ReadableStream',
  'WritableStream',
  'CompressionStream',
  'DecompressionStream',
  'MessageChannel',
  'MessagePort',
  'BroadcastChannel',
  'performance',
  'URL',
  'URLSearchParams',
  'EventTarget',
  'Event',
  'crypto',
];

class JsdomWithPlaywright extends JsdomWithNode {
  constructor(config, context) {
    super(config, context);
    for (const name of FOR_PLAYWRIGHT) if (globalThis[name]) this.global[name] = globalThis[name];
  }
}

module.exports = JsdomWithPlaywright;
