import { defineConfig } from 'tsup';

// One build, several entry points: the browser-safe main entry, the Web-standard server core,
// the Node-only server runner, msw handlers and the CLI.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'server/index': 'src/server/index.ts',
    'server/node': 'src/server/node.ts',
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Optional peers stay external: SDK users never install a native module unless they use SQLite.
  external: ['better-sqlite3', 'msw'],
});
