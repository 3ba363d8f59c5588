// Test fixture for worker-replaced.test.ts: an extraction worker that answers every job at once
// with its own thread id as the "extraction", so the test sees which worker did each job.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (typeof job.id !== 'number') return;
  parentPort.postMessage({ type: 'result', id: job.id, ok: true, extraction: { threadId } });
});
parentPort.postMessage({ type: 'ready' });
