/**
 * Import speed: a 10,000-row Letterboxd diary into an empty library (target ≤ 2 s), the
 * same file again (≤ 1 s, nothing changed), and the same diary into a library that already
 * holds 50,000 titles; also the first import into a library signed in to sync (every write
 * becomes sync ops too), reported without a target. Baseline in the same run: reading and
 * parsing the file alone.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../desktop/core';
import { captureAll } from '../desktop/core/sync/direct-delivery';
import { letterboxdReader } from '../desktop/core/import/formats/letterboxd';
import { resultHeader, saveResult } from './results';
import { peakRssMiB } from './stats';

const ROWS = 10_000;
const FILMS = 4_000;

/** A diary as Letterboxd writes it: rewatches, half-star ratings, tags, logged vs watched dates. */
function diaryCsv(): string {
  const words = [
    'Night',
    'River',
    'Glass',
    'Summer',
    'Echo',
    'Iron',
    'Paper',
    'Garden',
    'Winter',
    'Harbor',
    'Silent',
    'Golden',
  ];
  const lines = ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date'];
  let seed = 7;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const seen = new Set<number>();
  for (let i = 0; i < ROWS; i++) {
    const film = Math.floor(rand() ** 1.6 * FILMS);
    const name = `${words[film % 12]} ${words[Math.floor(film / 12) % 12]} ${film}`;
    const year = 1950 + (film % 75);
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 3_600) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const rating = rand() < 0.8 ? String(Math.ceil(rand() * 10) / 2) : '';
    const tags = rand() < 0.2 ? `"cinema, ${words[i % 12]!.toLowerCase()}"` : '';
    lines.push(
      [
        day,
        name.includes(',') ? `"${name}"` : name,
        year,
        `https://boxd.it/${i.toString(36)}`,
        rating,
        seen.has(film) ? 'Yes' : 'No',
        tags,
        day,
      ].join(','),
    );
    seen.add(film);
  }
  return `${lines.join('\n')}\n`;
}

async function timeImport(dbPath: string, file: string, signedIn = false) {
  const core = openCore(dbPath);
  // A signed-in library also turns every write into sync ops (a new one captures none).
  if (signedIn) captureAll(core);
  try {
    const started = performance.now();
    const report = await core.call('import.run', { path: file });
    return { seconds: (performance.now() - started) / 1000, report };
  } finally {
    core.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-bench-import-'));
  try {
    const file = join(dir, 'diary.csv');
    writeFileSync(file, diaryCsv());

    const parseStarted = performance.now();
    let parsed = 0;
    for (const _row of letterboxdReader.read([{ name: 'diary.csv', bytes: readFileSync(file) }])) parsed++;
    const parseSeconds = (performance.now() - parseStarted) / 1000;

    const db = join(dir, 'library.db');
    const first = await timeImport(db, file);
    const again = await timeImport(db, file);

    const signedIn = await timeImport(join(dir, 'signed-in.db'), file, true);

    const big = join(dir, 'big.db');
    const seeded = openCore(big);
    await seeded.call('library.demo', { titles: 50_000, watchEvents: 0, episodes: false });
    seeded.close();
    const intoBig = await timeImport(big, file);

    const changedAgain = Object.values(again.report.changes).reduce((n, c) => n + c.created + c.updated, 0);
    const result = {
      ...resultHeader('import'),
      rows: ROWS,
      baseline: { readAndParseSeconds: +parseSeconds.toFixed(3), rowsParsed: parsed },
      firstImport: {
        seconds: +first.seconds.toFixed(3),
        target: 2,
        rows: first.report.rows,
        changes: first.report.changes,
      },
      reimport: {
        seconds: +again.seconds.toFixed(3),
        target: 1,
        rows: again.report.rows,
        changesWritten: changedAgain,
      },
      firstImportSignedIn: { seconds: +signedIn.seconds.toFixed(3), rows: signedIn.report.rows },
      intoLibraryOf50kTitles: { seconds: +intoBig.seconds.toFixed(3), rows: intoBig.report.rows },
      peakRssMiB: peakRssMiB(),
    };
    saveResult('import', result);
    console.log(JSON.stringify(result, null, 2));
    const ok =
      first.seconds <= 2 &&
      again.seconds <= 1 &&
      changedAgain === 0 &&
      first.report.rows.rejected === 0 &&
      first.report.rows.unmatched === 0;
    console.log(ok ? 'import: all targets met' : 'import: TARGET MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
