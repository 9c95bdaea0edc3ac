// Stops `npm test` / `npm start` with one line when the Node running the npm scripts is older than the floor in
// package.json's engines. npm scripts normally run the Node 24 that the `node` devDependency puts first on PATH
// (node_modules/.bin/node); this catches the cases where it is missing: no `npm ci` yet, `npm ci --ignore-scripts`
// (the package fetches its binary in a preinstall script), or a test runner started outside npm with an old Node.
// Written for any Node: it runs before anything else and must explain itself on a bare machine.
import fs from 'node:fs';

const { engines } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const floor = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(engines.node);
if (!floor) {
  console.error(`check-node: package.json engines.node must read ">=major.minor.patch", not "${engines.node}"`);
  process.exit(1);
}
const wanted = floor.slice(1).map(Number);
const running = process.versions.node.split('.').map(Number);
const order = running.map((part, i) => part - wanted[i]).find((difference) => difference !== 0) ?? 0;
if (order < 0) {
  console.error(
    `check-node: Node ${process.versions.node} (${process.execPath}) is older than ${engines.node}; run \`npm ci\` ` +
      '(with install scripts: it brings Node 24 into node_modules/.bin) and start through npm, e.g. `npm test`'
  );
  process.exit(1);
}
