// Generated from components/shared/locale.ts by `npm run build:uni-shared`: edit that file, not this one.
import { LOCALES, TEXT } from "./spec.js";
const isLocale = (value) => LOCALES.includes(value);
function localeOf(value) {
  return isLocale(value) ? value : LOCALES[0];
}
function checkedLocale(value, component) {
  if (!isLocale(value))
    console.warn(
      `[tidings] ${component}: unknown locale ${JSON.stringify(value)}; use one of ${LOCALES.map((locale) => `'${locale}'`).join(", ")}. Falling back to '${LOCALES[0]}'.`
    );
  return localeOf(value);
}
function textsOf(value) {
  return TEXT[localeOf(value)];
}
export {
  checkedLocale,
  localeOf,
  textsOf
};
