import { Emitter } from '../../plugin/emitter';

type Events = { ping: number; pong: string };

describe('Emitter', () => {
  test('handlers get one { name, data } object', () => {
    const emitter = new Emitter<Events>();
    const seen: unknown[] = [];
    emitter.on('ping', (event) => seen.push(event));
    emitter.emit('ping', 7);
    expect(seen).toEqual([{ name: 'ping', data: 7 }]);
  });

  test('on() returns an unsubscribe function', () => {
    const emitter = new Emitter<Events>();
    const handler = jest.fn();
    const unsubscribe = emitter.on('ping', handler);
    unsubscribe();
    emitter.emit('ping', 1);
    expect(handler).not.toHaveBeenCalled();
  });

  test('off() removes by handler, and by context when one is given', () => {
    const emitter = new Emitter<Events>();
    const handler = jest.fn();
    const a = {};
    const b = {};
    emitter.on('ping', handler, a);
    emitter.on('ping', handler, b);
    emitter.off('ping', handler, a);
    emitter.emit('ping', 1);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.contexts[0]).toBe(b);
    emitter.off('ping', handler);
    emitter.emit('ping', 2);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('handlers run with `this` bound to the context', () => {
    const emitter = new Emitter<Events>();
    const context = { hits: 0 };
    emitter.on(
      'pong',
      function (this: unknown) {
        (this as typeof context).hits++;
      },
      context,
    );
    emitter.emit('pong', 'x');
    expect(context.hits).toBe(1);
  });

  test('a throwing handler does not stop the others and is reported', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<Events>((error) => errors.push(error));
    const second = jest.fn();
    emitter.on('ping', () => {
      throw new Error('bad handler');
    });
    emitter.on('ping', second);
    emitter.emit('ping', 1);
    expect(second).toHaveBeenCalled();
    expect(errors).toHaveLength(1);
  });

  test('unsubscribing during an emit does not skip the next handler', () => {
    const emitter = new Emitter<Events>();
    const calls: string[] = [];
    const off = emitter.on('ping', () => {
      calls.push('first');
      off();
    });
    emitter.on('ping', () => calls.push('second'));
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(calls).toEqual(['first', 'second', 'second']);
  });

  test('clear() drops every handler; a non-function handler is ignored', () => {
    const emitter = new Emitter<Events>();
    const handler = jest.fn();
    emitter.on('ping', handler);
    emitter.on('ping', 'not a function' as never);
    emitter.clear();
    emitter.emit('ping', 1);
    expect(handler).not.toHaveBeenCalled();
  });
});
