import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMPONENTS, CSS_VARIABLES, type ComponentName } from '../../components/shared/spec';

/** One theme for both twins: the variables each stylesheet reads are the same for both, and all documented. */
const ROOT = resolve(__dirname, '../../components');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const variablesIn = (css: string) =>
  [...new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1]))].sort();
const vueStyle = (name: ComponentName) => {
  const source = read(`uni/uni_modules/tidings-chat/components/${name}/${name}.vue`);
  const src = /<style src="\.\.\/\.\.\/common\/styles\/([\w-]+\.css)"/.exec(source)?.[1];
  return src ? read(`shared/styles/${src}`) : (/<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '');
};
const wechatStyle = (name: ComponentName) => {
  const own = readdirSync(resolve(ROOT, 'wechat', name)).includes(`${name}.wxss`);
  return own ? read(`wechat/${name}/${name}.wxss`) : read(`shared/styles/${name}.css`);
};

describe.each(Object.keys(COMPONENTS) as ComponentName[])('%s', (name) => {
  test('both twins read the same CSS variables, each one of CSS_VARIABLES (prefixed --td-)', () => {
    const wechat = variablesIn(wechatStyle(name));
    expect(wechat.length).toBeGreaterThan(0);
    expect(variablesIn(vueStyle(name))).toEqual(wechat);
    for (const variable of wechat) expect(Object.keys(CSS_VARIABLES)).toContain(variable);
  });
});

test('components/README.md lists exactly CSS_VARIABLES, and every one is used', () => {
  const listed = [...read('README.md').matchAll(/^\| `(--td-[\w-]+)` \|/gm)].map((match) => match[1]);
  expect(listed).toEqual(Object.keys(CSS_VARIABLES));
  const used = new Set((Object.keys(COMPONENTS) as ComponentName[]).flatMap((name) => variablesIn(wechatStyle(name))));
  expect([...used].sort()).toEqual(Object.keys(CSS_VARIABLES).sort());
});
