import { openCore } from './core/index';
const core = openCore('/tmp/benchlib/library.db');
await core.call('catalog.search', { text: 'zzz' });
const qs = [
  { text: 'harbr', genres: ['Drama'], owned: true },
  { text: 'sumer', kinds: ['movie'], yearFrom: 1950, yearTo: 1970 },
  { text: 'slent', watched: true, owned: true },
];
for (const q of qs) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    total = (await core.call('catalog.search', { ...q, limit: 20 } as never)).total;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(q.text, total, 'median', times[15]!.toFixed(2));
}
const { CatalogSearch } = await import('./core/search/search');
void CatalogSearch;
