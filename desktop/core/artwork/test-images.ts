import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** A JPEG of a given size whose bytes depend on `seed` (a colour plus a stripe). */
export async function makeJpeg(width: number, height: number, seed: number): Promise<Buffer> {
  const stripe = await sharp({
    create: { width, height: Math.max(1, Math.round(height / 10)), channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 53) % 256 },
    },
  })
    .composite([{ input: stripe, top: (seed * 13) % Math.max(1, height - Math.round(height / 10)), left: 0 }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * Pixels that compress like a photographed poster rather than a flat colour: gradients with a
 * little seeded grain. Benchmarks use it so file sizes and decode times are realistic.
 */
export function posterPixels(width: number, height: number, seed: number, grain = 8): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let s = (seed * 2654435761) >>> 0;
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const n = ((s >>> 24) % (2 * grain + 1)) - grain;
      const at = (y * width + x) * 3;
      px[at] = clamp(Math.floor((x * 255) / width) + n);
      px[at + 1] = clamp(Math.floor((y * 255) / height) + n);
      px[at + 2] = clamp(((x + y + seed * 7) % 256) + n);
    }
  }
  return px;
}

export function makePosterJpeg(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp(posterPixels(width, height, seed), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export interface ServedImage {
  body: Buffer;
  etag?: string;
  lastModified?: string;
  /** Send only this many bytes of the body, but announce the whole length, then cut the connection. */
  cutAfter?: number;
  delayMs?: number;
}

export interface ImageServer {
  url(path: string): string;
  set(path: string, image: ServedImage): void;
  /** Requests per path, and how they were answered. */
  readonly hits: Map<string, { requests: number; bodies: number; notModified: number }>;
  requests(path: string): number;
  close(): Promise<void>;
}

/** A loopback HTTP server for artwork tests and benchmarks: no real network. */
export async function startImageServer(): Promise<ImageServer> {
  const images = new Map<string, ServedImage>();
  const hits = new Map<string, { requests: number; bodies: number; notModified: number }>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hit = hits.get(path) ?? { requests: 0, bodies: 0, notModified: 0 };
    hits.set(path, hit);
    hit.requests++;
    const image = images.get(path);
    if (!image) return void res.writeHead(404).end();
    const answer = () => {
      const validators: Record<string, string> = {};
      if (image.etag) validators.ETag = image.etag;
      if (image.lastModified) validators['Last-Modified'] = image.lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      if (
        (image.etag && inm === image.etag) ||
        (!image.etag && image.lastModified && ims === image.lastModified)
      ) {
        hit.notModified++;
        return void res.writeHead(304, validators).end();
      }
      hit.bodies++;
      res.writeHead(200, {
        ...validators,
        'Content-Type': 'image/jpeg',
        'Content-Length': String(image.body.length),
      });
      if (image.cutAfter === undefined) return void res.end(image.body);
      res.write(image.body.subarray(0, image.cutAfter), () => res.destroy());
    };
    if (image.delayMs) setTimeout(answer, image.delayMs);
    else answer();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, image) => images.set(path, image),
    hits,
    requests: (path) => hits.get(path)?.requests ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
