import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import { createRequire } from "node:module";
import { noFolderCycle } from "./eslint/lib-folders.mjs";

// eslint-plugin-import parses the imported files itself, loading the parser named in
// `import/parsers`; npm nests @typescript-eslint/parser under eslint-config-next, where a
// bare name does not reach it, and then import/no-cycle silently sees no imports at all.
const fromNextConfig = createRequire(createRequire(import.meta.url).resolve("eslint-config-next"));
const typescriptParser = createRequire(fromNextConfig.resolve("typescript-eslint")).resolve("@typescript-eslint/parser");

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: ["lib/db/generated/**", "**/.next/**", "node_modules/**", "scratch/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // The floors: app/ → components/ → lib/, each looking only down, and no import cycles
    // (docs/decisions/009-layers.md).
    files: ["app/**", "components/**", "lib/**", "scripts/**", "middleware.ts", "server.ts"],
    plugins: { staffroom: { rules: { "no-folder-cycle": noFolderCycle } } },
    settings: { "import/parsers": { "@typescript-eslint/parser": [], [typescriptParser]: [".ts", ".mts", ".cts", ".tsx", ".d.ts"] } },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is the floor below app/ and components/: it must not import from them." },
            { target: "./components", from: "./app", message: "components/ is the floor below app/: pass what it needs as props instead." },
          ],
        },
      ],
      "staffroom/no-folder-cycle": "error",
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
