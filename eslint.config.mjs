import next from "eslint-config-next";
import regexp from "eslint-plugin-regexp";

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
    // "/" trim is left to the upstream client's owner (lib/upstream), as is any change there.
    files: ["lib/upstream/client.ts"],
    rules: { "regexp/no-super-linear-move": "off" },
  },
  { ignores: [".next*/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/reports/**"] },
];

export default config;
