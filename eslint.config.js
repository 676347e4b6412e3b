// The linter of the browser code: `npm ci`, then `node_modules/.bin/eslint` (the tests run it).
// Every file is a classic script (a window's <script src>, or a worker's importScripts), so
// sourceType is "script"; ES2020 is the newest syntax allowed, what Chromium, Firefox and Safari
// of the last three years all run.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

const browserCode = {
  languageOptions: {
    ecmaVersion: 2020,
    sourceType: "script",
    globals: { ...globals.browser },
  },
  linterOptions: { reportUnusedDisableDirectives: "error" },
  rules: {
    "no-var": "error",
    "prefer-const": "error",
    "prefer-arrow-callback": "error",
    "arrow-body-style": ["error", "as-needed"],
    "object-shorthand": ["error", "properties"],
    eqeqeq: ["error", "always", { null: "ignore" }],
    strict: ["error", "function"],
    "no-implicit-globals": "error",
    "no-unused-vars": ["error", { caughtErrors: "none" }],
    "no-eval": "error",
    "no-implied-eval": "error",
    "no-new-func": "error",
  },
};

module.exports = [
  { ignores: ["overrides/assets/kb/vendor/**", "node_modules/**", "site/**", ".venv/**"] },
  {
    files: ["overrides/widget.js", "overrides/assets/kb/**/*.js"],
    ...js.configs.recommended,
  },
  { files: ["overrides/widget.js", "overrides/assets/kb/**/*.js"], ...browserCode },
  {
    files: ["overrides/assets/kb/search-worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["eslint.config.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
];
