/**
 * Who may talk to the browser-mode host. Browsers do not apply the same-origin rule to
 * WebSockets, and DNS rebinding can point a foreign name at 127.0.0.1, so every request's Host
 * must be our loopback host and port, and every WebSocket's Origin must be our own page.
 */
export interface LoopbackGuard {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined): boolean;
}

export function createLoopbackGuard(port: number): LoopbackGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    hostAllowed: (host) => host !== undefined && hosts.has(host.toLowerCase()),
    originAllowed: (origin) => origin !== undefined && origins.has(origin.toLowerCase()),
  };
}
