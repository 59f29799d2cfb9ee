import type { TempService } from '../helpers/temp-services';

const KEY = Symbol.for('tidings.test.startedServices');

/**
 * The services globalSetup started, for globalTeardown: jest loads the two in the same process
 * but as separate modules, so the list lives on globalThis (as jest's documentation suggests).
 */
export function startedServices(): TempService[] {
  const holder = globalThis as { [KEY]?: TempService[] };
  return (holder[KEY] ??= []);
}
