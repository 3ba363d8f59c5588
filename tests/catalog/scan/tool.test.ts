/**
 * Running a scanner's or OCR's program (catalog/scan/tool.ts): a program that said it is done but
 * does not exit — scanimage after "Batch terminated" when a backend hangs closing the device, as
 * the SANE test backend does one run in eight after an I/O error — is killed after its grace
 * period, and the run ends with what it wrote; one that exits by itself is left alone.
 */
import { describe, expect, it } from 'vitest';
import { runTool } from '../../../catalog/scan/tool.js';

describe('runTool', () => {
  it('kills a program that reported the end of its work but does not exit, keeping what it wrote', async () => {
    const script = 'echo "scanimage: sane_read: Error during device I/O" >&2; echo "Batch terminated, 1 page scanned" >&2; sleep 60';
    const run = await runTool('sh', ['-c', script], { doneWhen: { stderr: /Batch terminated/, ms: 200 } });
    expect(run).toMatchObject({ code: null, missing: false, aborted: false });
    expect(run.stderr).toContain('Error during device I/O');
  });

  it('leaves a program that exits by itself, and one that never reports the end, to their own exit', async () => {
    const quick = await runTool('sh', ['-c', 'echo "Batch terminated, 2 pages scanned" >&2; exit 7'], { doneWhen: { stderr: /Batch terminated/, ms: 50 } });
    expect(quick).toMatchObject({ code: 7 });
    const working = await runTool('sh', ['-c', 'sleep 0.4; echo page-0001.tif'], { doneWhen: { stderr: /Batch terminated/, ms: 50 } });
    expect(working).toMatchObject({ code: 0, stdout: 'page-0001.tif\n' });
  });
});
