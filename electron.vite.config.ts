// One build for both shells. `main` holds the Electron entry, the plain-Node server entry (serve mode)
// and the worker entry (forked by the supervisor, or run as an Electron utilityProcess).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          serve: resolve(__dirname, 'src/main/server/cli.ts'),
          worker: resolve(__dirname, 'src/main/core/runtime/worker-entry.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // Bundle zod (the contract's schemas) into the preload too: a sandboxed preload can require
      // 'electron' and nothing from node_modules.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot require() chunks: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      chunkSizeWarningLimit: 8000
    }
  }
});
