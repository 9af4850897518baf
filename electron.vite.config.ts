import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for every shell: the Electron main process, the browser-mode server and the CLI share
// src-main/core (as chunks in out/main); dependencies stay external so better-sqlite3 loads natively.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          server: resolve(__dirname, 'src-main/server/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          // Core's worker thread, started by the desktop shell and browser mode.
          coreWorker: resolve(__dirname, 'src-main/hosting/coreWorker.ts'),
          // A mailbox fetch's second thread: unpacks one message while the next downloads.
          intakeThread: resolve(__dirname, 'src-main/core/intake/intakeThread.ts'),
          // A backup's read-back, beside the writer.
          verifyThread: resolve(__dirname, 'src-main/core/backup/verifyThread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        // A sandboxed preload cannot be ESM and cannot require npm packages.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
