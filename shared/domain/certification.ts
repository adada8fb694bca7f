/**
 * Age ratings by country, as the minimum age each rating is meant for.
 * Comparing ages lets a kid profile's ceiling ("PG" in the US) apply to a
 * title rated in another country's scheme ("12A" in the UK). Film and TV
 * ratings of one country share a table when they do not clash.
 */
const LADDERS: Record<string, Record<string, number>> = {
  US: {
    G: 0,
    'TV-Y': 0,
    'TV-G': 0,
    'TV-Y7': 7,
    PG: 8,
    'TV-PG': 8,
    'PG-13': 13,
    'TV-14': 14,
    R: 17,
    'TV-MA': 17,
    'NC-17': 18,
  },
  GB: { U: 0, UC: 0, PG: 8, '12A': 12, '12': 12, '15': 15, '18': 18, R18: 18 },
  CA: { G: 0, PG: 8, '14A': 14, '18A': 18, R: 18, A: 18 },
  AU: { G: 0, PG: 8, M: 15, 'MA15+': 15, 'R18+': 18, 'X18+': 18 },
  DE: { '0': 0, '6': 6, '12': 12, '16': 16, '18': 18 },
  FR: { U: 0, TP: 0, '10': 10, '12': 12, '16': 16, '18': 18 },
  ES: { A: 0, APTA: 0, '7': 7, '12': 12, '16': 16, '18': 18 },
  IT: { T: 0, '6+': 6, '14+': 14, '18+': 18 },
  NL: { AL: 0, '6': 6, '9': 9, '12': 12, '14': 14, '16': 16, '18': 18 },
  BR: { L: 0, '10': 10, '12': 12, '14': 14, '16': 16, '18': 18 },
  JP: { G: 0, PG12: 12, 'R15+': 15, 'R18+': 18 },
};

/** Minimum age for a certification, or undefined when the country or rating is not known. */
export function certificationAge(country: string, certification: string): number | undefined {
  return LADDERS[country.toUpperCase()]?.[certification.trim().toUpperCase()];
}

export const CERTIFICATION_COUNTRIES = Object.keys(LADDERS);
