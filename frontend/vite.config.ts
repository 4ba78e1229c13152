/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The backend (`kindred serve`) listens on 127.0.0.1:8080 by default; in development the
// API goes through Vite's proxy so the refresh cookie stays same-origin.
const backend = process.env.KINDRED_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
  build: {
    // The server's CSP allows only same-origin scripts and styles, so no inline assets.
    assetsInlineLimit: 0,
    sourcemap: false,
    // The budget that matters is gzip on first load (200 kB), checked by `npm run size`.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    restoreMocks: true,
  },
});
