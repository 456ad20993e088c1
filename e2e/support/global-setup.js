// Runs once before the suite: checks that what the suite tests exists, then
// starts the static server and hands its address to the tests (workers inherit
// process.env set here). The returned function stops the server at the end.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DIST_DIR, REPO_DIR, startServer } from './server.js';
import { CARESTEP_CLI } from './engine.js';

async function mustExist(file, hint) {
  try {
    await access(file);
  } catch {
    throw new Error(`${path.relative(REPO_DIR, file)} is missing: ${hint}`);
  }
}

export default async function globalSetup() {
  await mustExist(
    path.join(DIST_DIR, 'index.html'),
    'build the release bundle first (`trunk build --release` at the repository root; `cargo xtask test` does it)',
  );
  await mustExist(
    CARESTEP_CLI,
    'build the engine CLI first (`cargo build --release --bin carestep`; `cargo xtask test` does it)',
  );
  const server = await startServer();
  process.env.CARESTEP_BASE_URL = server.url;
  console.log(`e2e: serving ${path.relative(REPO_DIR, DIST_DIR)}/ and the fixtures on ${server.url}`);
  return async () => {
    await server.close();
  };
}
