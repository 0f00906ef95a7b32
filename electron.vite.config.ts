import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

/**
 * Three builds: main (the Electron shell, the engine process and the headless CLI — all Node,
 * with dependencies such as better-sqlite3 and serialport left external so their native
 * binaries load from node_modules / app.asar.unpacked), the sandboxed preload (bundled, CJS),
 * and the renderer (React, bundled).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          engine: resolve('electron/station/engine/main.ts'),
          'station-cli': resolve('electron/station/cli/main.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but 'electron': bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
