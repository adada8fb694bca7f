/**
 * A file's bytes as base64 for `import.upload`. Bytes go to String.fromCharCode a slice at a
 * time: spreading a whole 40 MB file into one call would blow the stack. Slices are a
 * multiple of 3 bytes so each one encodes without padding and the pieces simply concatenate.
 */
const SLICE = 3 * 16 * 1024;

export async function fileToBase64(file: Blob, signal?: AbortSignal): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const slice = bytes.subarray(start, start + SLICE);
    parts.push(btoa(String.fromCharCode.apply(null, slice as unknown as number[])));
  }
  return parts.join('');
}
