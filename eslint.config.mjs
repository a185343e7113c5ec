import next from "eslint-config-next";
import regexp from "eslint-plugin-regexp";

/** no-restricted-imports patterns refusing any import (type imports too) of the named sides or components/. */
function boundary(sides, message) {
  // lib/<side>/ by alias or from outside lib/, another side from inside lib/, components/ from anywhere.
  const lib = sides.filter((s) => s !== "components").join("|");
  const alternatives = ["^(@/lib/|(\\./|(\\.\\./)+)lib/|(\\.\\./)+)(" + lib + ")(/|$)"];
  if (sides.includes("components")) alternatives.push("^(@/|(\\.\\./)+)components/");
  const regex = alternatives.join("|");
  return [{ regex, message }];
}

const config = [
  ...next,
  // Officer input reaches many of these patterns: none may take super-linear time on any input.
  regexp.configs["flat/recommended"],
  {
    rules: {
      "regexp/no-super-linear-backtracking": ["error", { report: "potential" }],
      "regexp/no-super-linear-move": "error",
      // Style preferences of the recommended set, off: they say nothing about safety or meaning.
      "regexp/prefer-w": "off",
      "regexp/prefer-d": "off",
      "regexp/use-ignore-case": "off",
      "regexp/no-unused-capturing-group": "off",
      "regexp/no-obscure-range": "off",
      "regexp/control-character-escape": "off",
      "prefer-regex-literals": "off",
      // Refusing control characters in ids and paths is the point of those patterns.
      "no-control-regex": "off",
    },
  },
  {
    // The base URL comes from the deployment's configuration, never from an officer; its trailing
    // "/" trim is left to the upstream client's owner (lib/server/upstream), as is any change there.
    files: ["lib/server/upstream/client.ts"],
    rules: { "regexp/no-super-linear-move": "off" },
  },
  // Import boundaries (issue 13): what the browser loads never reaches server or tool code, shared code
  // reaches only shared code, product code never reaches a tool, lib/ never reaches into components/.
  // Type imports too: a type both sides use belongs in lib/shared. Tests may import anything. README "Folders".
  {
    files: ["components/**/*.{ts,tsx}", "lib/browser/**/*.{ts,tsx}", "instrumentation-client.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: boundary(["server", "tools"], "browser code (components/, lib/browser) may import lib/browser and lib/shared only") }] },
  },
  {
    files: ["lib/shared/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: boundary(["server", "browser", "tools", "components"], "lib/shared is imported by both sides: it may import lib/shared only") }] },
  },
  {
    files: ["lib/server/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: boundary(["tools", "browser", "components"], "lib/server may import lib/server and lib/shared only (tests may import lib/tools)") }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: boundary(["tools"], "product code may not import lib/tools (the simulator, test harnesses); tests may") }] },
  },
  { ignores: [".next*/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/reports/**"] },
];

export default config;
