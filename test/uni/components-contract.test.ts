import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { COMPONENTS, type ComponentName } from '../../components/shared/spec';
import { COMMON, generatedFiles, sharedCopies } from '../../components/uni/shared-copy';

/** The uni components declare, emit and document exactly what components/shared/spec.ts says. */
const PLUGIN = resolve(__dirname, '../../components/uni/uni_modules/tidings-chat');
const NAMES = Object.keys(COMPONENTS) as ComponentName[];
const sourceOf = (name: string) => readFileSync(resolve(PLUGIN, `components/${name}/${name}.vue`), 'utf8');
/** A component's stylesheet: its own <style>, or the shared one it links (<style src>). */
const styleOf = (source: string) => {
  const src = /<style src="([^"]+)"/.exec(source)?.[1];
  return src
    ? readFileSync(resolve(PLUGIN, 'components/x', src), 'utf8')
    : (/<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '');
};
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** The plugin's common/util.js, bundled to run here. */
function loadUtil(): {
  vueProps(name: string): Record<string, { type: unknown; default?: unknown; required?: boolean }>;
} {
  const { outputFiles } = buildSync({
    entryPoints: [resolve(PLUGIN, 'common/util.js')],
    bundle: true,
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} as never };
  runInNewContext(outputFiles[0].text, { module, exports: module.exports, String, Number, Boolean, Object, Array });
  return module.exports;
}

test('the plugin carries an up-to-date copy of components/shared, and no other generated file (npm run build:uni-shared)', () => {
  const copies = sharedCopies();
  expect(sorted(generatedFiles())).toEqual(sorted(copies.keys()));
  for (const [path, text] of copies) expect([path, readFileSync(resolve(COMMON, path), 'utf8')]).toEqual([path, text]);
});

test('the plugin imports nothing from outside its folder', () => {
  const sources = [
    ...NAMES.map(sourceOf),
    ...[...sharedCopies().keys(), 'util.js'].map((path) => readFileSync(resolve(COMMON, path), 'utf8')),
  ];
  for (const source of sources)
    expect(
      [...source.matchAll(/(?:from\s+|src=)["'](\.[^"']*)["']/g)]
        .map((match) => match[1])
        .filter((path) => /^(\.\.\/){3,}/.test(path)),
    ).toEqual([]);
});

describe.each(NAMES)('%s', (name) => {
  const source = sourceOf(name);
  const spec = COMPONENTS[name];

  test('documented events (@event) == emitted events ($emit) == Vue emits == the spec', () => {
    const documented = sorted([...source.matchAll(/@event \{Function\} ([a-z-]+)/g)].map((match) => match[1]));
    const emitted = sorted([...source.matchAll(/\$emit\('([^']+)'/g)].map((match) => match[1]));
    const declared = sorted(
      [...(/emits: \[([^\]]*)\]/.exec(source)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1]),
    );
    const specified = sorted(Object.keys(spec.events));
    expect(documented).toEqual(specified);
    expect(emitted).toEqual(specified);
    expect(declared).toEqual(specified);
    for (const event of specified) expect(event).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test('documented properties (@property) and the runtime props are the spec', () => {
    const documented = [...source.matchAll(/@property \{(\w+)\} (\w+)/g)].map((match) => [match[2], match[1]]);
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(Object.entries(spec.props).map(([prop, { type }]) => [prop, type])),
    );
    expect(source).toContain(`props: vueProps('${name}')`);
    const props = loadUtil().vueProps(name);
    expect(sorted(Object.keys(props))).toEqual(sorted(Object.keys(spec.props)));
    for (const [prop, propSpec] of Object.entries(spec.props)) {
      expect((props[prop].type as { name: string }).name).toBe(propSpec.type);
      if ('default' in propSpec) expect(props[prop].default).toBe(propSpec.default);
      else expect(props[prop].required).toBe(true);
    }
  });

  test('has a JSDoc header with an example, its own name, and prefixed BEM classes only', () => {
    expect(source).toMatch(new RegExp(`@example <${name}[ >]`));
    expect(source).toContain(`name: '${name}'`);
    const classes = [...styleOf(source).matchAll(/^\.([a-z][\w-]*)/gm)].map((match) => match[1]);
    expect(classes.length).toBeGreaterThan(0);
    for (const cls of classes) expect(cls).toMatch(/^td-(bubble|list|composer)(__[a-z-]+)?(--[a-z-]+)?$/);
  });
});
