import type { z } from 'zod';

/** Commands of the library folder scan (desktop/core/scan). */
export const scanCommandInputs = {} satisfies Record<string, z.ZodType>;

export interface ScanCommandResults {}
