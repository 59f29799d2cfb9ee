// The one setting of the demo: where your Tidings server runs. In WeChat DevTools, localhost works once
// "Details → Local settings → Do not verify domain names" (不校验合法域名) is ticked; a phone needs https/wss.
module.exports = {
  serverURL: 'http://localhost:8080',
};
