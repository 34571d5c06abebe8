/** Audio for seed 002's broadcasts: uploaded once, played by media id. */
export interface MediaItem {
  readonly id: number;
  readonly name: string;
  readonly content_type: string;
  readonly bytes: number;
  /** Epoch ms. */
  readonly created_at: number;
}

/** A slice of an item's audio bytes, for the desk that plays it. */
export interface MediaChunk {
  readonly content_type: string;
  readonly total_bytes: number;
  readonly data: Uint8Array;
}

export interface MediaLibrary {
  add(name: string, contentType: string, data: Uint8Array, createdAt: number): MediaItem;
  list(): MediaItem[];
  has(id: number): boolean;
  /** Up to `length` bytes from `offset` (empty past the end); undefined when there is no such item. */
  read(id: number, offset: number, length: number): MediaChunk | undefined;
}
