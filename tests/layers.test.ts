import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, importsOf, layerViolations } from './helpers/layers.js';
import { PACKAGE_ROOT } from '../catalog/package-root.js';
import { sourceFiles } from './helpers/source-files.js';


describe('layer rule: renderer → shared ← catalog ← electron, and nothing leans on the command line', () => {
  it('holds for every source file in the repository', () => {
    const files = LAYERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    const violations = files.flatMap((file) => layerViolations(file, fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')));
    expect(violations).toEqual([]);
  });

  it('catches each kind of crossing', () => {
    expect(layerViolations('shared/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(layerViolations('shared/a.ts', "import { x } from '../catalog/x.js';")).toHaveLength(1);
    expect(layerViolations('shared/a.ts', "import { z } from 'zod';")).toEqual([]);
    expect(layerViolations('catalog/db/a.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(layerViolations('catalog/db/a.ts', "const m = await import('../../electron/main.js');")).toHaveLength(1);
    expect(layerViolations('catalog/a.ts', "import type { X } from '../renderer/src/x.js';")).toHaveLength(1);
    expect(layerViolations('renderer/src/a.tsx', "import { Library } from '../../catalog/library.js';")).toHaveLength(1);
    expect(layerViolations('renderer/src/a.tsx', "import path from 'path';")).toHaveLength(1);
    expect(layerViolations('renderer/src/a.tsx', "export { contract } from '../../shared/contract.js';")).toEqual([]);
    expect(layerViolations('electron/main.ts', "import { Library } from '../catalog/library.js';")).toEqual([]);
    expect(layerViolations('electron/main.ts', "import x from '../renderer/src/App.js';")).toHaveLength(1);
    expect(layerViolations('catalog/admin/report-file.ts', "import { reportCsv } from '../cli/report.js';")).toHaveLength(1);
    expect(layerViolations('electron/main.ts', "import { main } from '../catalog/cli/main.js';")).toHaveLength(1);
    expect(layerViolations('catalog/cli/main.ts', "import { runReport } from './report.js';")).toEqual([]);
    expect(layerViolations('catalog/cli/report.ts', "import { usageReport } from '../report/report.js';")).toEqual([]);
  });

  it('finds static, type-only, re-export, dynamic and require imports, and tells the type-only ones', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import 'c';",
      "export * from 'd';",
      "const e = await import('e');",
      "const f = require('f');",
      "import {\n  g,\n  h,\n} from 'g';",
      "export type { I } from 'i';",
    ].join('\n');
    const found = importsOf(source);
    expect(found.map((entry) => entry.specifier).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i']);
    expect(found.filter((entry) => entry.typeOnly).map((entry) => entry.specifier).sort()).toEqual(['b', 'i']);
  });
});
