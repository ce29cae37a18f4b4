import { FIXTURES_DIR } from './paths';
import { startFileServer, type FixtureServer } from './server';

/**
 * A fixture server whose pages can change between loads: `route(path, file)` makes `path`
 * (query and fragment ignored) serve `file` from test/e2e/fixtures until changed — the same
 * URL, a different article, as when a news site edits a story.
 */
export interface SwitchServer extends FixtureServer {
  route(path: string, file: string): void;
}

export async function startSwitchServer(root = FIXTURES_DIR): Promise<SwitchServer> {
  const routes = new Map<string, string>();
  const server = await startFileServer({
    root,
    fileFor: (path) => routes.get(path) ?? path,
    // It serves articles only: every answer is HTML, whatever the file is called.
    contentType: () => 'text/html; charset=utf-8',
  });
  return {
    ...server,
    route: (path, file) => routes.set(path.startsWith('/') ? path : `/${path}`, file),
  };
}
