import type { Dice } from './random';

/** Plain words and made-up names: the demo library contains no real titles or text. */
export const ADJECTIVES = [
  'Silent',
  'Hidden',
  'Last',
  'Broken',
  'Golden',
  'Distant',
  'Crimson',
  'Quiet',
  'Wild',
  'Frozen',
  'Burning',
  'Lost',
  'Secret',
  'Endless',
  'Midnight',
  'Northern',
  'Paper',
  'Iron',
  'Glass',
  'Velvet',
  'Electric',
  'Hollow',
  'Bright',
  'Restless',
  'Ancient',
  'Little',
  'Second',
  'Strange',
  'Sudden',
  'Gentle',
];
export const NOUNS = [
  'Harbor',
  'River',
  'Garden',
  'Station',
  'Signal',
  'Kingdom',
  'Mirror',
  'Summer',
  'Winter',
  'Circus',
  'Orchard',
  'Lighthouse',
  'Machine',
  'Empire',
  'Voyage',
  'Letter',
  'Shadow',
  'Island',
  'Frontier',
  'Echo',
  'Dream',
  'Storm',
  'Canyon',
  'Carnival',
  'Bridge',
  'Archive',
  'Compass',
  'Lantern',
  'Ballad',
  'Orbit',
];
const ONSETS = [
  'b',
  'br',
  'c',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'x', 'nd'];
export const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Clara',
  'Dario',
  'Elena',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
  'Mira',
  'Nils',
  'Olga',
  'Pavel',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wim',
  'Yara',
  'Zeno',
];
export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Thriller',
  'War',
  'Western',
];
export const CERTIFICATIONS = ['G', 'PG', 'PG-13', 'R'];
export const LANGUAGES = ['en', 'en', 'en', 'fr', 'de', 'es', 'ja', 'it', 'ko'];
export const SHELVES = ['Living room A', 'Living room B', 'Study', 'Attic box 1', 'Attic box 2'];
export const BORROWERS = ['Sam', 'Noor', 'Lena', 'Theo'];

/** A pronounceable made-up word such as "Bralith" or "Zoudex". */
export function inventedWord(d: Dice): string {
  const syllables = d.int(2, 3);
  let w = '';
  for (let i = 0; i < syllables; i++) w += d.pick(ONSETS) + d.pick(VOWELS);
  w += d.pick(CODAS);
  return w[0]!.toUpperCase() + w.slice(1);
}

export function inventedTitle(d: Dice, names: readonly string[]): string {
  switch (d.int(0, 5)) {
    case 0:
      return `The ${d.pick(ADJECTIVES)} ${d.pick(NOUNS)}`;
    case 1:
      return `${d.pick(names)} ${d.pick(NOUNS)}`;
    case 2:
      return `The ${d.pick(NOUNS)} of ${d.pick(names)}`;
    case 3:
      return `${d.pick(ADJECTIVES)} ${d.pick(names)}`;
    case 4:
      return d.pick(names);
    default:
      return `${d.pick(names)} ${d.int(2, 4)}`;
  }
}
