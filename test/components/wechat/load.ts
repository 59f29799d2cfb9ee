import { resolve } from 'node:path';

/** The built WeChat components (npm test builds first), loaded with miniprogram-simulate and WeChat's own WXML compiler. */

export const simulate = require('miniprogram-simulate') as {
  load(path: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
  sleep(ms?: number): Promise<void>;
};

export interface SimComponent {
  dom: { innerHTML: string; textContent: string | null };
  data: Record<string, any>;
  instance: Record<string, any>;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
  addEventListener(name: string, handler: (event: { detail: any }) => void): void;
  setData(data: Record<string, unknown>): void;
  attach(parent: unknown): void;
  detach(): void;
  toJSON(): JsonNode;
}

export interface JsonNode {
  tagName: string;
  attrs: Array<{ name: string; value: unknown }>;
  children: Array<JsonNode | string>;
}

const ROOT = resolve(__dirname, '../../../miniprogram_dist/components/wechat');

const loaded = new Map<string, string>();

/** Loads once per test file: under jest the component's module runs (and registers) only on its first require. */
export function load(name: 'message-bubble' | 'message-list' | 'chat-composer'): string {
  if (!loaded.has(name)) loaded.set(name, simulate.load(resolve(ROOT, name, name), { rootPath: ROOT }));
  return loaded.get(name)!;
}

/** Renders and attaches, as a page would. */
export function mount(
  name: 'message-bubble' | 'message-list' | 'chat-composer',
  properties: Record<string, unknown>,
): SimComponent {
  const component = simulate.render(load(name), properties);
  // jsdom's document (the test file's environment); the shared tsconfig has no DOM types.
  component.attach(
    (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document.createElement(
      'parent-wrapper',
    ),
  );
  return component;
}

/** Every aria-label in the rendered tree (j-component keeps them as `ariaLabel`). */
export function ariaLabels(node: JsonNode | string): string[] {
  if (typeof node === 'string') return [];
  const own = node.attrs.filter((a) => a.name === 'ariaLabel').map((a) => String(a.value));
  return [...own, ...node.children.flatMap(ariaLabels)];
}

/** Collects the detail of every `event` the component raises. */
export function collect(component: SimComponent, event: string): any[] {
  const details: any[] = [];
  component.addEventListener(event, ({ detail }) => details.push(detail));
  return details;
}

export const text = (component: SimComponent | undefined) =>
  component?.dom.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** An attribute as the template set it (j-component keeps native components' attributes off the DOM). */
export const attr = (component: SimComponent | undefined, name: string) =>
  component?.toJSON().attrs.find((a) => a.name === name)?.value;

/** provideChat from the same built module the components use. */
export function provideChat(chat: unknown): { tidingsChat: string } {
  return (
    require(resolve(ROOT, 'provide-chat.js')) as { provideChat(chat: unknown): { tidingsChat: string } }
  ).provideChat(chat);
}
