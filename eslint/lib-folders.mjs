// An ESLint rule for lib/'s floor plan: its folders (lib/auth, lib/db, ...) may depend on
// one another only one way. import/no-cycle sees cycles between files; this sees them
// between folders, which is what keeps a folder movable and testable on its own: once
// auth imports audit, nothing in audit may import auth, even through other files.
//
// The folder graph is read once per lint run from lib/'s sources (imports only, by a
// regular expression: the house style writes them one per line with a string literal),
// so the rule stays cheap. Tests are left out: a test may set up what it needs from anywhere.
import fs from "node:fs";
import path from "node:path";

const IMPORT = /^\s*(?:import|export)\b[^"'`]*?\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
const isSource = (file) => /\.(ts|tsx|mjs)$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts");

let cached;

/** lib-folder → { folder it imports → the first file that does }. */
function folderGraph(libDir) {
  if (cached?.libDir === libDir) return cached.graph;
  const graph = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (isSource(entry.name)) {
        const from = folderOf(libDir, full);
        if (!from) continue;
        for (const match of fs.readFileSync(full, "utf8").matchAll(IMPORT)) {
          const to = folderOf(libDir, resolveSpecifier(libDir, full, match[1] ?? match[2]));
          if (!to || to === from) continue;
          if (!graph.has(from)) graph.set(from, new Map());
          if (!graph.get(from).has(to)) graph.get(from).set(to, path.relative(path.dirname(libDir), full));
        }
      }
    }
  };
  walk(libDir);
  cached = { libDir, graph };
  return graph;
}

function resolveSpecifier(libDir, file, specifier) {
  if (!specifier) return null;
  if (specifier.startsWith("@/")) return path.join(path.dirname(libDir), specifier.slice(2));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(file), specifier);
  return null;
}

/** The top-level folder of lib/ a path lies in ("auth" for lib/auth/two-factor/x.ts); null outside lib/ or for lib/'s own files. */
function folderOf(libDir, file) {
  if (!file) return null;
  const relative = path.relative(libDir, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : null;
}

/** A path of folders from `start` back to `goal`, or null. */
function pathBetween(graph, start, goal) {
  const seen = new Set();
  const queue = [[start]];
  while (queue.length > 0) {
    const route = queue.shift();
    const last = route.at(-1);
    if (last === goal) return route;
    for (const next of graph.get(last)?.keys() ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...route, next]);
      }
    }
  }
  return null;
}

export const noFolderCycle = {
  meta: {
    type: "problem",
    docs: { description: "lib/'s folders import one another one way only" },
    schema: [],
    messages: {
      cycle: "lib/{{from}} imports lib/{{to}}, but lib/{{to}} already depends on lib/{{from}} ({{route}}; first by {{file}}). Move the shared piece down a floor.",
    },
  },
  create(context) {
    const libDir = path.join(context.cwd, "lib");
    const file = context.filename;
    const from = folderOf(libDir, file);
    if (!from || !isSource(file)) return {};
    const check = (node) => {
      if (typeof node.source?.value !== "string") return;
      const to = folderOf(libDir, resolveSpecifier(libDir, file, node.source.value));
      if (!to || to === from) return;
      const graph = folderGraph(libDir);
      const back = pathBetween(graph, to, from);
      if (!back) return;
      const firstFile = graph.get(back[0])?.get(back[1]) ?? "?";
      context.report({ node: node.source, messageId: "cycle", data: { from, to, route: back.map((folder) => `lib/${folder}`).join(" → "), file: firstFile } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => check({ source: node.source }) };
  },
};
