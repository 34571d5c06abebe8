/** MediaLibrary on the `media` table of migration 0002 (audio kept as a BLOB: files stay small). */
import type { MediaChunk, MediaItem, MediaLibrary } from '../engine/ports/media-library.js';
import type { Database } from './database.js';

export class SqliteMediaLibrary implements MediaLibrary {
  readonly #insert;
  readonly #list;
  readonly #has;
  readonly #read;

  constructor(db: Database) {
    this.#insert = db.prepare<[string, string, number, Uint8Array, number]>(
      'INSERT INTO media (name, content_type, bytes, data, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#list = db.prepare<[], MediaItem>('SELECT id, name, content_type, bytes, created_at FROM media ORDER BY id');
    this.#has = db.prepare<[number], { id: number }>('SELECT id FROM media WHERE id = ?');
    // substr() on a BLOB counts bytes (1-based): only the slice leaves SQLite.
    this.#read = db.prepare<[number, number, number], { content_type: string; bytes: number; chunk: Uint8Array | null }>(
      'SELECT content_type, bytes, substr(data, ?, ?) AS chunk FROM media WHERE id = ?',
    );
  }

  add(name: string, contentType: string, data: Uint8Array, createdAt: number): MediaItem {
    const id = Number(this.#insert.run(name, contentType, data.byteLength, data, createdAt).lastInsertRowid);
    return { id, name, content_type: contentType, bytes: data.byteLength, created_at: createdAt };
  }

  list(): MediaItem[] {
    return this.#list.all();
  }

  has(id: number): boolean {
    return this.#has.get(id) !== undefined;
  }

  read(id: number, offset: number, length: number): MediaChunk | undefined {
    const row = this.#read.get(offset + 1, length, id);
    if (!row) return undefined;
    return { content_type: row.content_type, total_bytes: row.bytes, data: row.chunk ?? new Uint8Array() };
  }
}
