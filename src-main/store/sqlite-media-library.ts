/** MediaLibrary on the `media` table of migration 0002 (audio kept as a BLOB: files stay small). */
import type { MediaItem, MediaLibrary } from '../engine/ports/media-library.js';
import type { Database } from './database.js';

export class SqliteMediaLibrary implements MediaLibrary {
  readonly #insert;
  readonly #list;
  readonly #has;

  constructor(db: Database) {
    this.#insert = db.prepare<[string, string, number, Uint8Array, number]>(
      'INSERT INTO media (name, content_type, bytes, data, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#list = db.prepare<[], MediaItem>('SELECT id, name, content_type, bytes, created_at FROM media ORDER BY id');
    this.#has = db.prepare<[number], { id: number }>('SELECT id FROM media WHERE id = ?');
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
}
