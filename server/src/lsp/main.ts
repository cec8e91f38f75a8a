/**
 * `review-lint-server`: the language server for any LSP editor. VS Code starts it over IPC; other editors
 * run `review-lint-server --stdio`. With no transport argument it speaks over stdio.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const TRANSPORTS = ['--stdio', '--node-ipc', '--clientProcessId'];

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`Usage: review-lint-server [--stdio | --node-ipc]

The review-lint language server: diagnostics, quick fixes, hovers and completion for safeguarding reviews
written in Markdown. Start it from your editor's LSP client, e.g. in Neovim:
  vim.lsp.start({ name = 'review-lint', cmd = { 'review-lint-server', '--stdio' } })
Settings are read from the client's "reviewLint" section (enable, run, debounceMs, rules, include, profile).
`);
  process.exit(0);
}
// The bundle has no network modules (nothing may leave the machine), so the pipe and socket transports cannot work:
// refuse them plainly rather than fail with a stack trace.
const unsupported = process.argv.slice(2).find((a) => ['--pipe', '--socket'].some((t) => a === t || a.startsWith(`${t}=`)));
if (unsupported) {
  process.stderr.write(`review-lint-server: ${unsupported.split('=')[0]} is not supported: only --stdio and --node-ipc are supported\n`);
  process.exit(2);
}
if (!process.argv.slice(2).some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must never end the server: log it and carry on.
process.on('uncaughtException', (e) => connection.console.error(`review-lint: unexpected error: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`review-lint: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
startServer(connection);
connection.listen();
