import { defineConfig } from 'tsup';

// Optional peers stay external: SDK users never install a native module unless they use SQLite.
const external = ['better-sqlite3', 'msw', 'express', 'fastify'];

export default defineConfig([
  {
    // The library: browser-safe main entry, Web-standard server core, Node-only server runner.
    entry: {
      index: 'src/index.ts',
      'server/index': 'src/server/index.ts',
      'server/node': 'src/server/node.ts',
      'msw/index': 'src/msw/index.ts',
      'middleware/index': 'src/middleware/index.ts',
      'platform/index': 'src/platform/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    external,
    // ipaddr.js ships CommonJS only: bundled, the server and msw entries load as native ES
    // modules in a browser with no bundler.
    noExternal: ['ipaddr.js'],
  },
  {
    // The `hokusai-auth` bin: ESM only, no type declarations.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    splitting: false,
    external,
  },
]);
