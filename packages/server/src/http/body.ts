import { ApiError } from './errors.ts';

export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${limit} bytes`, { limit });
}

/**
 * Reads a JSON body. Without a declared length the bytes are counted as they stream in, so a
 * huge or endless body is cut off at the limit instead of being buffered whole. An empty body reads as `{}` so that endpoints
 * whose fields are all optional accept a bare POST.
 */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  try {
    return await read(request, limit);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The client went away mid-body (or its deadline passed): its answer, not a server fault.
    throw new ApiError(400, 'INVALID_JSON', 'The request body did not arrive whole');
  }
}

async function read(request: Request, limit: number): Promise<unknown> {
  const length = request.headers.get('content-length');
  const declared = Number(length ?? '0');
  if (declared > limit) throw tooLarge(limit);
  // A declared length bounds the read (HTTP/1.1 framing ends the body there), so the whole
  // body can be taken at once: on Node's adapter that skips building a stream for it.
  if (length !== null && /^\d+$/.test(length)) return parseJson(request, new Uint8Array(await request.arrayBuffer()));
  // Firefox's Request has no `body` stream at all (only the read methods), and a browser never
  // puts a Content-Length on a Request it builds: the in-page server (createBrowserApp) reads the
  // bytes whole there. They are already in memory, so nothing can stream in past the limit.
  const stream = (request as { body?: ReadableStream<Uint8Array> | null }).body;
  if (stream === undefined) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return parseJson(request, bytes);
  }
  if (!stream) return {};
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return parseJson(request, bytes);
}

function parseJson(request: Request, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The request body is not valid UTF-8');
  }
  if (text.trim() === '') return {};
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON');
  }
}
