// Loaded into every process of a suite's server, the cluster's workers included (NODE_OPTIONS,
// e2e/support/env.ts): what a process writes to stderr is also appended to SERVER_LOG_FILE,
// which the suite reads at the end (e2e/support/log-check.ts). Plain JavaScript, so that it
// needs no loader of its own.
import fs from "node:fs";
import path from "node:path";

const file = process.env.SERVER_LOG_FILE;
if (file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    fs.appendFileSync(file, chunk);
    return write(chunk, ...rest);
  };
}
