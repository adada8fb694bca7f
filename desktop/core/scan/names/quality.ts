/** Heights a `WxH` frame size rounds to, so `1920x1080` reads as 1080p. */
const HEIGHTS = [4320, 2160, 1440, 1080, 720, 576, 480, 360, 240];

/** Resolution written in a name: `1080p`, `2160p` (also `4K`/`UHD`), `1080i`, or a `WxH` frame size. */
export function findResolution(text: string): string | null {
  const explicit = /(?<![\p{L}\p{N}])(\d{3,4})([pi])(?![\p{L}\p{N}])/iu.exec(text);
  if (explicit && HEIGHTS.includes(Number(explicit[1]))) return `${explicit[1]}${explicit[2]!.toLowerCase()}`;
  const frame = /(?<!\d)(\d{3,4})x(\d{3,4})(?!\d)/i.exec(text);
  if (frame) {
    const w = Number(frame[1]);
    const h = Number(frame[2]);
    // Cinema crops (1920x800) keep the width of their class.
    const height = w >= 3800 ? 2160 : w >= 1900 ? 1080 : w >= 1260 ? 720 : h;
    const near = HEIGHTS.find((x) => x <= height) ?? height;
    return `${near}p`;
  }
  if (/(?<![\p{L}\p{N}])(?:4k|uhd|2160)(?![\p{L}\p{N}])/iu.test(text)) return '2160p';
  return null;
}
