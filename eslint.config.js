// Flat config: typescript-eslint's recommended rules plus the architecture walls of DESIGN.md as lint errors.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
// Bare built-in names ("fs", "events") are listed as exact paths: as gitignore-style patterns they would also match "./events".
const NODE_MSG = 'Node built-ins are not available here.';
const nodePaths = nodeBuiltins.map((name) => ({ name, message: NODE_MSG }));
const noNode = [{ group: ['node:*'], message: NODE_MSG }];
const noElectron = [{ group: ['electron', 'electron/*'], message: 'Electron is only for electron/main and electron/preload.' }];
const noElectronDir = [{ group: ['**/electron/**', '**/electron'], message: 'Cross the host boundary through the contract (window.api / messages), not imports.' }];
const noRenderer = [{ group: ['**/renderer/**', '**/renderer'], message: 'The renderer is only reached through the contract.' }];
// echarts is not listed: the engine renders report charts to SVG with it (server-side rendering).
const noReact = [{ group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand'], message: 'UI libraries belong to the renderer.' }];
const noSqlite = [{ group: ['better-sqlite3', '@duckdb/*'], message: 'Databases belong to the engine.' }];

const walls = (patterns) => ({
  'no-restricted-imports': ['error', { patterns, paths: patterns.includes(noNode[0]) ? nodePaths : [] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'release/**', 'coverage/**', 'test/e2e/output/**', 'test/bench/output/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // shared/ runs everywhere: nothing platform-specific (zod is fine).
  { files: ['shared/**/*.{ts,tsx}'], rules: walls([...noNode, ...noElectron, ...noElectronDir, ...noRenderer, ...noReact, ...noSqlite]) },
  // The renderer talks to hosts only through window.api (renderer/ipc) and imports shared/ and UI libraries.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/ipc/**'],
    rules: {
      ...walls([...noNode, ...noElectron, ...noElectronDir, ...noSqlite]),
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Only renderer/ipc touches window.api.' }],
    },
  },
  { files: ['renderer/ipc/**/*.{ts,tsx}'], rules: walls([...noNode, ...noElectron, ...noElectronDir, ...noSqlite]) },
  // React's rules of hooks (and the compiler-backed checks of the recommended set) for the renderer and its tests.
  { files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // The engine never knows which host runs it.
  { files: ['electron/engine/**/*.ts'], rules: walls([...noElectron, ...noRenderer, ...noReact, { group: ['**/main/**', '**/preload/**', '**/host/**', '**/cli/**'], message: 'The engine never imports a host.' }]) },
  // The CLI and the web host run under plain Node: no Electron, no renderer code.
  { files: ['electron/cli/**/*.ts', 'electron/host/**/*.ts'], rules: walls([...noElectron, ...noRenderer, ...noReact]) },
  // The browser shim runs in a page: nothing from Node.
  { files: ['electron/host/web/**/*.ts'], rules: walls([...noNode, ...noElectron, ...noRenderer, ...noReact, ...noSqlite]) },
  // The sandboxed preload may load only electron's renderer modules; the main process never imports the renderer.
  { files: ['electron/preload/**/*.ts'], rules: walls([...noNode, ...noRenderer, ...noReact, ...noSqlite]) },
  { files: ['electron/main/**/*.ts'], rules: walls([...noRenderer, ...noReact]) },
);
