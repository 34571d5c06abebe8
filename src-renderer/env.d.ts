/// <reference types="vite/client" />

// Media Session actions Chromium supports for calls but TypeScript's DOM library does not list yet.
// The desk passes them through a feature-checked helper (components/calls/use-media-session.ts).
type DeskMediaSessionAction = MediaSessionAction | 'hangup' | 'togglemicrophone' | 'togglecamera';
