/** Identifier generation, injected so that tests can predict ids. */
export interface IdSource {
  /** A random UUID (v4). */
  uuid(): string;
}
