import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every language has every key, with every plural form its grammar needs, and every key the
 * code asks for exists. A missing translation fails here rather than showing a raw key.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const LOCALES = join(SRC, 'i18n/locales');
const LANGUAGES = ['en', 'de', 'es', 'fr', 'ja'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
};
const load = (language: string, namespace: string) =>
  flatten(JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree);

const namespaces = readdirSync(join(LOCALES, 'en')).map((f) => f.replace(/\.json$/, ''));
const english = new Map(namespaces.map((ns) => [ns, load('en', ns)]));
/** Keys without plural suffixes: what the code passes to t(). */
const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('translations', () => {
  for (const language of LANGUAGES) {
    it(`${language} has every namespace and key of English, with its plural forms and the same placeholders`, () => {
      expect(readdirSync(join(LOCALES, language)).sort()).toEqual(readdirSync(join(LOCALES, 'en')).sort());
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const namespace of namespaces) {
        const mine = load(language, namespace);
        const theirs = english.get(namespace)!;
        const pluralBases = new Set(
          [...theirs.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
        );
        for (const key of baseKeys(theirs.keys())) {
          const forms = pluralBases.has(key) ? categories.map((c) => `${key}_${c}`) : [key];
          for (const form of forms) {
            const text = mine.get(form);
            if (!text?.trim()) problems.push(`${namespace}:${form} missing`);
            const reference = theirs.get(form) ?? theirs.get(`${key}_other`) ?? '';
            if (text && variables(text).join() !== variables(reference).join())
              problems.push(`${namespace}:${form} placeholders ${variables(text)} ≠ ${variables(reference)}`);
          }
        }
        for (const key of baseKeys(mine.keys()))
          if (!baseKeys(theirs.keys()).has(key)) problems.push(`${namespace}:${key} is not in English`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('every key the screens ask for exists in English', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    const missing: string[] = [];
    let checked = 0;
    for (const file of files(SRC)) {
      const code = readFileSync(file, 'utf8');
      const namespace = /useTranslation\(\s*'([\w-]+)'/.exec(code)?.[1] ?? 'common';
      for (const [, key] of code.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const [ns, k] = key!.includes(':') ? key!.split(':') : [namespace, key!];
        const known = baseKeys([
          ...(english.get(ns!)?.keys() ?? []),
          ...(english.get('common')?.keys() ?? []),
        ]);
        checked++;
        if (!known.has(k!)) missing.push(`${file.slice(SRC.length)}: ${key}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
