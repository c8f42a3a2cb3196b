// The worker thread of a batch print (tinypool): each task is some variants of one job.
// Failures come back as values: an Error's class and errno fields do not cross threads.
import { failureOf } from './batch.js';
import { runJob, type PaperJob, type WrittenFile } from './job.js';
import type { FailureKind, Problem } from '../problem.js';

export default async function printVariants(task: { job: PaperJob; indices: number[] }): Promise<WrittenFile[] | { failure: { kind: FailureKind; problem: Problem } }> {
  try {
    return await runJob(task.job, task.indices);
  } catch (err) {
    const f = failureOf(err, task.job.out);
    return { failure: { kind: f.kind, problem: f.problem } };
  }
}
