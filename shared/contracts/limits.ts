/**
 * Size limits every door needs, without zod: the page checks them before it sends anything
 * (imports only this file), the core checks them again.
 */

/** The largest file `import.upload` takes (decoded). Bigger exports: `import.run` with a path. */
export const MAX_UPLOAD_BYTES = 48 * 1024 * 1024;
/** Base64 of MAX_UPLOAD_BYTES (a multiple of 3, so no padding): 64 MiB of text. */
export const MAX_UPLOAD_BASE64 = (MAX_UPLOAD_BYTES / 3) * 4;
