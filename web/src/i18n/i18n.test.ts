import { describe, expect, it as test } from 'vitest';
import {
  DICTIONARIES,
  LANGUAGES,
  isLanguage,
  placeholdersOf,
  translate,
  translatePlural,
} from './translate.ts';

describe('dictionaries', () => {
  const italianKeys = Object.keys(DICTIONARIES.it).sort();

  test('every language defines exactly the same keys as Italian', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(DICTIONARIES[lang]).sort(), lang).toEqual(italianKeys);
    }
  });

  test('no message is empty and placeholders match Italian', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        const reference = DICTIONARIES.it[key as keyof typeof DICTIONARIES.it];
        expect(placeholdersOf(text), `${lang} ${key}`).toEqual(placeholdersOf(reference));
      }
    }
  });

  test('the two languages really differ for ordinary interface text', () => {
    expect(DICTIONARIES.en['login.submit']).not.toBe(DICTIONARIES.it['login.submit']);
  });
});

describe('translate', () => {
  test('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('it', 'cameras.countFiltered', { shown: 3, total: 5 })).toBe(
      '3 di 5 telecamere',
    );
    expect(translate('en', 'cameras.countFiltered', { shown: 3 })).toBe('3 of {total} cameras');
  });

  test('picks plural forms per language', () => {
    expect(translatePlural('it', 'cameras.count', 1)).toBe('1 telecamera');
    expect(translatePlural('it', 'cameras.count', 5)).toBe('5 telecamere');
    expect(translatePlural('en', 'details.retentionDays', 0)).toBe('0 days');
    expect(translatePlural('en', 'details.retentionDays', 1)).toBe('1 day');
  });

  test('recognises language codes', () => {
    expect(isLanguage('it')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isLanguage(null)).toBe(false);
  });
});
