import { describe, expect, it } from 'vitest';
import { minifyWgsl, wgslMinify } from './wgsl-minify.mjs';

describe('WGSL minification', () => {
  it('drops comments, indentation and empty lines, and keeps the code and its ${…} parts', () => {
    const source = '\n// why\nfn f(a: f32) -> f32 {\n  let b = a - -a / 2.0; // half\n\n  return b;\n}\n${OTHER}\n';
    expect(minifyWgsl(source)).toBe('fn f(a:f32)->f32{\nlet b=a - -a/2.0;\nreturn b;\n}\n${OTHER}');
  });

  it('touches only /* wgsl */ literals of *.wgsl.ts files', () => {
    const plugin = wgslMinify() as { transform: (code: string, id: string) => { code: string } | null };
    const code = "// keep\nexport const A = /* wgsl */ `\n  x; // y\n`;\nconst u = 'http://a';";
    expect(plugin.transform(code, '/src/a.wgsl.ts')!.code).toBe(
      "// keep\nexport const A = /* wgsl */ `x;`;\nconst u = 'http://a';",
    );
    expect(plugin.transform(code, '/src/a.ts')).toBeNull();
  });
});
