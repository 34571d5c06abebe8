/**
 * The host's logger: one JSON line per entry on stderr. Fields never carry secrets: the
 * engine and handlers pass ids and states, never settings.
 */
import type { Logger } from '../engine/ports/logger.js';

export function createConsoleLogger(scope: string, quiet = false): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
