#!/usr/bin/env node
// Fails on import cycles among the TypeScript files under the given directories.
//
//   node tools/check-cycles.mjs libs/chariot/src [more directories…]
//
// Every import counts, type-only ones too (`import type`, `export type … from`, `import('x')`
// in a type): a type cycle still ties the modules together for the reader and the compiler.
// Specifiers are resolved as the TypeScript compiler resolves them (tsconfig.base.json paths
// included); only edges between files under the given directories form the graph. Each
// strongly connected component of more than one file (or a file importing itself) is printed
// with its files and one cycle through them. Exit status 1 when there is any, else 0.
// Uses only Node and the workspace's `typescript` package.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(join(root, 'package.json'))('typescript');

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node tools/check-cycles.mjs DIRECTORY [DIRECTORY…]');
  process.exit(2);
}

const SKIP = new Set(['node_modules', 'dist', 'coverage', '.angular']);

function tsFiles(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function compilerOptions() {
  const configPath = ['tsconfig.base.json', 'tsconfig.json']
    .map((f) => join(root, f))
    .find((f) => ts.sys.fileExists(f));
  if (!configPath) return { moduleResolution: ts.ModuleResolutionKind.Node10 };
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

/** Every module specifier a file names: imports, re-exports, import-equals, import() (types too), require(). */
function specifiers(file) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, false);
  const found = [];
  const literal = (node) => node !== undefined && ts.isStringLiteralLike(node) && found.push(node.text);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        literal(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tarjan's strongly connected components, iteratively (no recursion depth limit). */
function components(nodes, edges) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  let next = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.node);
      if (frame.i < targets.length) {
        const to = targets[frame.i++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const members = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        out.push(members);
      }
    }
  }
  return out;
}

/** One shortest cycle through `from` inside the component (breadth first). */
function cycleThrough(from, members, edges) {
  const inside = new Set(members);
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of edges.get(node)) {
      if (!inside.has(to)) continue;
      if (to === from) {
        const path = [from];
        for (let at = node; at !== from; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, from];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [from, from];
}

const files = [...new Set(dirs.flatMap((d) => tsFiles(resolve(root, d), [])))].sort();
const known = new Set(files);
const options = compilerOptions();
const host = ts.createCompilerHost(options, true);
const edges = new Map();
for (const file of files) {
  const targets = new Set();
  for (const spec of specifiers(file)) {
    const resolved = ts.resolveModuleName(spec, file, options, host).resolvedModule?.resolvedFileName;
    if (resolved !== undefined && known.has(resolve(resolved))) targets.add(resolve(resolved));
  }
  edges.set(file, [...targets].sort());
}

const show = (f) => relative(root, f);
const cycles = components(files, edges)
  .filter((c) => c.length > 1 || edges.get(c[0]).includes(c[0]))
  .map((c) => c.sort())
  .sort((a, b) => (show(a[0]) < show(b[0]) ? -1 : 1));
for (const members of cycles) {
  console.log(`import cycle among ${members.length} file(s):`);
  for (const m of members) console.log(`  ${show(m)}`);
  console.log(`  e.g. ${cycleThrough(members[0], members, edges).map(show).join(' -> ')}`);
}
console.log(
  `${files.length} files under ${dirs.join(', ')}: ${cycles.length === 0 ? 'no import cycles' : `${cycles.length} import cycle(s)`}`,
);
process.exit(cycles.length === 0 ? 0 : 1);
