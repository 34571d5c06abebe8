/**
 * The media library over REST: upload audio as the raw request body (the one route that takes
 * no JSON), list what is there. Broadcasts (calls.broadcast_1) name these ids.
 */
import { z } from 'zod';
import type { MediaLibrary } from '../../engine/ports/media-library.js';
import { apiError, type ApiRoute } from '../api-route.js';
import type { RawBodyRoute } from '../api-server.js';

export const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/mpeg', 'audio/ogg', 'audio/webm'] as const;
/** 5 MiB: a few minutes of speech in any of the accepted formats. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

const MediaItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  content_type: z.string(),
  bytes: z.number().int(),
  created_at: z.number().int(),
});

export function mediaRoutes(library: MediaLibrary, now: () => number): Array<ApiRoute | RawBodyRoute> {
  const upload: RawBodyRoute = {
      method: 'POST',
      path: '/v1/media',
      summary: `Upload audio as the raw body (${AUDIO_TYPES.join(', ')}; at most 5 MiB); ?name= names it`,
      rawBody: true,
      maxBytes: MAX_MEDIA_BYTES,
      responseSchema: MediaItemSchema,
      handle: (request) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(AUDIO_TYPES as readonly string[]).includes(type)) {
          return apiError(415, `Upload audio: the Content-Type must be one of ${AUDIO_TYPES.join(', ')}`);
        }
        if (request.raw.length === 0) return apiError(400, 'The upload is empty');
        const name = (request.query.get('name') ?? '').trim();
        if (name === '' || name.length > 200) return apiError(400, 'name is required (?name=…, at most 200 characters)');
        return { status: 201, body: library.add(name, type, request.raw, now()) };
      },
  };
  return [
    upload,
    {
      method: 'GET',
      path: '/v1/media',
      summary: 'The media library',
      responseSchema: z.object({ media: z.array(MediaItemSchema) }),
      handle: () => ({ status: 200, body: { media: library.list() } }),
    },
  ];
}
