/** Debian's Chromium as the specs and the UI benchmark launch it (no vitest here: the bench imports it). */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium comes from Debian's package, which CI installs (so there a missing one fails
 * loudly); on a developer machine without it the specs are skipped, saying why.
 */
export const HAS_CHROMIUM = existsSync(CHROMIUM) || Boolean(process.env.CI);
export const NO_CHROMIUM = HAS_CHROMIUM
  ? ''
  : ` (skipped: no Chromium at ${CHROMIUM} — install Debian's chromium or set CHROMIUM_PATH)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
