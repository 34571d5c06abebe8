/** A media-library item (a broadcast's recording, a prompt), read from the host for a leg to play. */
import type { ReconnectingClient } from '../bridge/index.js';
import { bytesOfBase64 } from './leg-playback.js';

/** A media-library item's bytes, in `api.media_read` chunks (a WebSocket frame is small). */
export async function fetchMedia(client: ReconnectingClient, id: number): Promise<{ contentType: string; data: ArrayBuffer }> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  let contentType = '';
  for (;;) {
    const result = await client.invoke('api.media_read', { id, offset });
    if (!result.ok) throw new Error(`media ${id} could not be read: ${result.error.message}`);
    contentType = result.value.content_type;
    const chunk = bytesOfBase64(result.value.data_base64);
    chunks.push(chunk);
    offset += chunk.byteLength;
    if (chunk.byteLength === 0 || offset >= result.value.total_bytes) break;
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return { contentType, data: data.buffer };
}
