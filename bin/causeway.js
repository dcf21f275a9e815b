#!/usr/bin/env node
// Causeway needs Node.js 24 or later: it runs its TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `causeway: Node.js ${process.versions.node} is too old; Causeway needs Node.js 24 or later.\n` +
      `In the repository, run it through npm (npm run causeway -- describe demo/fleet), which uses the pinned Node 24.\n`,
  );
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
await main();
