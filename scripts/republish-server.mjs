#!/usr/bin/env node
// The benchmark's floor for edit latency: a language server built on the same LSP library that does no work
// but answer each change by publishing a fixed list of diagnostics (the ones review-lint published for the
// document, read from the JSON file named on the command line). Its latency is what sending and reading that
// many diagnostics costs on this machine, whatever the linter.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const diagnostics = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent(({ document }) => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }));
documents.listen(connection);
connection.listen();
