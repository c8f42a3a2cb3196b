// `exampress init DIR`: a new workspace for another organisation or subject that `exampress
// build` in DIR prints at once.
import type { CommandModule } from 'yargs';
import { initWorkspace } from '../../app/init.js';
import type { CommandContext } from '../io.js';
import { failure } from '../report.js';

export function initCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'init <dir>',
    describe: 'make a new workspace (bank, blueprint, config, templates) that build prints at once',
    builder: (y) =>
      y
        .positional('dir', { type: 'string', describe: 'new folder for the workspace' })
        .option('organisation', { type: 'string', describe: 'name printed on the documents' })
        .option('force', { type: 'boolean', default: false, describe: 'write into a folder that is not empty' })
        .example('exampress init 某分行培训 --organisation 某分行个人金融部', 'then: cd 某分行培训 && exampress build'),
    handler: (a) => {
      const dir = String(a.dir);
      const made = initWorkspace({ dir, ...(typeof a.organisation === 'string' ? { organisation: a.organisation } : {}), force: Boolean(a.force) });
      if (!made.ok) return cli.setExit(failure(io, 'init', made));
      io.stdout(`made a workspace in ${dir}:`);
      io.stdout('  bank/config.yaml            settings (organisation, blueprint, output, templates)');
      io.stdout('  bank/topics.yaml            knowledge points');
      io.stdout('  bank/questions/sample.yaml  one question of each type');
      io.stdout('  bank/norms/01-sample.yaml   a handbook chapter');
      io.stdout('  bank/blueprints/sample.yaml the paper plan');
      io.stdout('  templates/                  your copy of the templates and theme.yaml');
      io.stdout(`next: cd ${dir} && exampress build`);
    },
  };
}
