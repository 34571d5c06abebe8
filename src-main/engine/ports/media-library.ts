/** Audio for seed 002's broadcasts: uploaded once, played by media id. */
export interface MediaItem {
  readonly id: number;
  readonly name: string;
  readonly content_type: string;
  readonly bytes: number;
  /** Epoch ms. */
  readonly created_at: number;
}

export interface MediaLibrary {
  add(name: string, contentType: string, data: Uint8Array, createdAt: number): MediaItem;
  list(): MediaItem[];
  has(id: number): boolean;
}
