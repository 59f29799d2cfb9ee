/**
 * What only the Vue twin needs. The view logic both twins share is in the generated files beside this one
 * (bubble-view.js, list-items.js, locale.js …, copied from the project's components/shared/).
 */
import { COMPONENTS } from './spec.js';

const CONSTRUCTORS = { String, Number, Boolean, Object, Array };

/** Vue `props` for a component, straight from the shared spec (so the twins cannot drift). */
export function vueProps(name) {
  const props = {};
  for (const [prop, spec] of Object.entries(COMPONENTS[name].props)) {
    props[prop] = 'default' in spec ? { type: CONSTRUCTORS[spec.type], default: spec.default } : { type: CONSTRUCTORS[spec.type], required: true };
  }
  return props;
}
