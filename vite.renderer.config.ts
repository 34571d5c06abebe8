import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The Vue renderer's build, shared by the desktop app (electron-vite) and browser mode
 * (`npm run build:renderer`, served by `npm run serve`). Both load it from out/renderer.
 */
export const rendererConfig: UserConfig = {
  root: resolve(root, 'src-renderer'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
  },
};

export default defineConfig(rendererConfig);
