import { LOCALES, TEXT, type Locale } from './spec';

/** The built-in texts of one locale. */
export type Texts = (typeof TEXT)[Locale];

const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** The locale to use for a `locale` property: the value when it is one of LOCALES, else the default ('zh'). */
export function localeOf(value: unknown): Locale {
  return isLocale(value) ? value : LOCALES[0];
}

/** Like localeOf, and says on the console when the value is not a known locale (so a typo does not go unnoticed). */
export function checkedLocale(value: unknown, component: string): Locale {
  if (!isLocale(value))
    console.warn(
      `[tidings] ${component}: unknown locale ${JSON.stringify(value)}; use one of ${LOCALES.map((locale) => `'${locale}'`).join(', ')}. Falling back to '${LOCALES[0]}'.`,
    );
  return localeOf(value);
}

/** The built-in texts of a locale property (no warning: use checkedLocale once per component for that). */
export function textsOf(value: unknown): Texts {
  return TEXT[localeOf(value)];
}
