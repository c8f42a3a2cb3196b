// The worker thread of a batch print (tinypool): each task is some variants of one job.
// Failures come back as values: an Error's class and errno fields do not cross threads.
import { failureOf } from './batch.js';
import { runJob, type PaperJob, type WrittenFile } from './paperJob.js';

export default async function printVariants(task: { job: PaperJob; indices: number[] }): Promise<WrittenFile[] | { failure: { message: string; exitCode: number } }> {
  try {
    return await runJob(task.job, task.indices);
  } catch (err) {
    const f = failureOf(err);
    return { failure: { message: f.message, exitCode: f.exitCode } };
  }
}
