import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMPONENTS, type ComponentName } from '../../../components/shared/spec';
import { properties as bubbleProps } from '../../../components/wechat/message-bubble/props';
import { properties as listProps } from '../../../components/wechat/message-list/props';
import { properties as composerProps } from '../../../components/wechat/chat-composer/props';

/** The WeChat twin declares, emits and documents exactly what components/shared/spec.ts says. */
const DIR = resolve(__dirname, '../../../components/wechat');
const read = (name: string, file: string) => readFileSync(resolve(DIR, name, file), 'utf8');
/** A component's stylesheet: its own .wxss, or the one it shares with the uni twin (copied in as .wxss at build). */
const style = (name: string) =>
  existsSync(resolve(DIR, name, `${name}.wxss`))
    ? read(name, `${name}.wxss`)
    : readFileSync(resolve(DIR, '../shared/styles', `${name}.css`), 'utf8');
const PROPS: Record<ComponentName, Record<string, { type: { name: string }; value?: unknown }>> = {
  'message-bubble': bubbleProps,
  'message-list': listProps,
  'chat-composer': composerProps,
};
const names = Object.keys(COMPONENTS) as ComponentName[];

/** Events a component raises itself (`this.triggerEvent('name'`). */
const emitted = (name: ComponentName) =>
  [...read(name, `${name}.ts`).matchAll(/this\.triggerEvent\('([^']+)'/g)].map((m) => m[1]);
/** The backticked names in the first column of a README table under `heading`. */
function documented(name: ComponentName, heading: string): string[] {
  const section =
    read(name, 'README.md')
      .split(/^## /m)
      .find((part) => part.startsWith(heading)) ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe.each(names)('%s', (name) => {
  const spec = COMPONENTS[name];

  test('declares the properties of the spec, with its types and defaults', () => {
    const declared = Object.fromEntries(
      Object.entries(PROPS[name]).map(([prop, def]) => [
        prop,
        { type: def.type.name, ...('value' in def ? { default: def.value } : {}) },
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(spec.props).map(([prop, def]) => [
        prop,
        { type: def.type, ...('default' in def ? { default: def.default } : {}) },
      ]),
    );
    expect(declared).toEqual(expected);
  });

  test('emits exactly the events of the spec, all kebab-case', () => {
    expect(new Set(emitted(name))).toEqual(new Set(Object.keys(spec.events)));
    for (const event of emitted(name)) expect(event).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test("its README documents exactly the spec's properties and events", () => {
    expect(documented(name, 'Properties')).toEqual(Object.keys(spec.props));
    expect(documented(name, 'Events')).toEqual(Object.keys(spec.events));
  });

  test('has the TDesign folder shape, an external class and only prefixed classes', () => {
    for (const ext of ['ts', 'wxml', 'json']) expect(() => read(name, `${name}.${ext}`)).not.toThrow();
    const wxml = read(name, `${name}.wxml`);
    expect(read(name, `${name}.ts`)).toMatch(/externalClasses: \['custom-class'\]/);
    const classes = [...wxml.matchAll(/class="([^"]*)"/g)]
      .flatMap((m) => m[1].replace(/\{\{[^}]*\}\}/g, '').split(/\s+/))
      .filter(Boolean);
    expect(classes.filter((c) => c !== 'custom-class' && !/^td-[a-z]+(__[a-z-]+)?(--[a-z-]*)?$/.test(c))).toEqual([]);
    expect(style(name)).toMatch(/var\(--td-/);
  });
});

test('message-list forwards every bubble event as message-tap', () => {
  const wxml = read('message-list', 'message-list.wxml');
  const bound = [...wxml.matchAll(/bind:([a-z-]+)="onBubbleEvent"/g)].map((m) => m[1]);
  expect(new Set(bound)).toEqual(new Set(Object.keys(COMPONENTS['message-bubble'].events)));
});
