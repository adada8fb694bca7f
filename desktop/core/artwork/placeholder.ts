import { ARTWORK_WIDTHS, KIND_ASPECT, type ArtworkKind, type ArtworkSize } from './sizes';

/** XML-escapes text and drops characters XML 1.0 forbids (a title is user data). */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Splits a title into at most `maxLines` lines of about `perLine` characters, with an ellipsis. */
function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, perLine - 1)}…`;
  }
  return lines.map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
}

/** An SVG in the kind's shape with the title and year, for titles that have no artwork. */
export function placeholderSvg(
  title: string,
  year: number | null,
  kind: ArtworkKind,
  size: ArtworkSize,
): string {
  const width = ARTWORK_WIDTHS[size];
  const height = Math.round(width / KIND_ASPECT[kind]);
  const fontSize = Math.max(10, Math.round(width / 12));
  const lines = wrap(
    title.trim() || 'Untitled',
    Math.max(8, Math.floor((width * 0.85) / (fontSize * 0.55))),
    4,
  );
  const lineHeight = Math.round(fontSize * 1.25);
  const blockHeight = lines.length * lineHeight + (year === null ? 0 : lineHeight);
  const top = Math.round((height - blockHeight) / 2 + fontSize);
  const text = lines
    .map((l, i) => `<tspan x="50%" y="${top + i * lineHeight}">${escapeXml(l)}</tspan>`)
    .join('');
  const yearText =
    year === null
      ? ''
      : `<text x="50%" y="${top + lines.length * lineHeight}" font-size="${Math.round(fontSize * 0.8)}" fill="#9aa0a6">${year}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#202124"/>` +
    `<g font-family="system-ui, sans-serif" text-anchor="middle">` +
    `<text font-size="${fontSize}" fill="#e8eaed">${text}</text>${yearText}</g></svg>`
  );
}
