import { registerPlugins } from '../../plugin/plugins';

/** registerPlugin: what TencentCloudChat apps register is accepted with one info line; nothing throws. */
function logged(plugins: unknown) {
  const lines: Array<['info' | 'warn', string]> = [];
  registerPlugins(plugins, {
    info: (text: unknown) => lines.push(['info', String(text)]),
    warn: (text: unknown) => lines.push(['warn', String(text)]),
  });
  return lines;
}

test.each(['tim-upload-plugin', 'tim-profanity-filter-plugin', 'tim-push', 'cos-wx-sdk'])(
  '%s is accepted with one info line that says what does its job',
  (name) => {
    const lines = logged({ [name]: class Plugin {} });
    expect(lines).toHaveLength(1);
    expect(lines[0][0]).toBe('info');
    expect(lines[0][1]).toMatch(new RegExp(`${name} accepted; (uploads are built in|text is checked|offline push)`));
  },
);

test('an unknown plugin is ignored with a warning; odd arguments too; nothing throws', () => {
  expect(logged({ 'tim-something-new': {} })).toEqual([
    ['warn', 'registerPlugin: tim-something-new is not a plugin Tidings knows; ignored.'],
  ]);
  for (const odd of [undefined, null, 'tim-upload-plugin', [], 42])
    expect(logged(odd)).toEqual([['warn', expect.stringMatching(/expects an object/)]]);
  expect(logged(JSON.parse('{"__proto__":{},"constructor":1,"toString":1}'))).toHaveLength(3);
});
