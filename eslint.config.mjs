// Lint: typescript-eslint everywhere; the engine's one door for cli/, hosts/ and addin/;
// Microsoft's Office add-in rules where Office.js is called (hosts/office/, addin/).
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";

const OFFICE_RULES = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "warn",
  "office-addins/no-empty-load": "error",
  "office-addins/no-navigational-load": "warn",
  "office-addins/no-office-initialize": "warn",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default tseslint.config(
  { ignores: [".scratch/**", "node_modules/**", "dist/**", "examples/output/**", "test/artifacts/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Test fakes proxy Office objects and keep a handle on themselves.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    // The engine's one door: engine/index.ts. Its insides are not reachable from the hosts or the UI.
    files: ["cli/**/*.ts", "hosts/**/*.ts", "addin/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/engine/*", "**/engine/**"], message: "Import the engine from its door, engine/index.ts ('../engine'), only." },
            { group: ["json-rules-engine"], message: "json-rules-engine is used only by the engine's reference adapter." },
          ],
        },
      ],
    },
  },
  {
    // The engine knows nothing of Excel, Office or files.
    files: ["engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "node:*", "fs", "path", "**/hosts/**", "**/addin/**", "**/cli/**"], message: "The engine is pure: no Excel, Office, file system or host code." },
          ],
        },
      ],
    },
  },
  {
    files: ["hosts/office/**/*.ts", "addin/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins, "react-hooks": reactHooks },
    rules: { ...OFFICE_RULES, "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
);
