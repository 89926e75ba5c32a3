import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownServiceActivities } from '../../../src/activities';
import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';
import type { UserTask } from '../../../src/workflows/definition/types';

const DIR = join(__dirname, '../../../processes');
const compile = (file: string) =>
  compileBpmn(readFileSync(join(DIR, file), 'utf8'), { knownActivities: knownServiceActivities() });

describe('shipped process definitions (processes/)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.bpmn'));

  it.each(files)('%s compiles offline with the registered service activities', async (file) => {
    const result = await compile(file);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.definition?.key).toBe(file.replace(/\.bpmn$/, ''));
  });

  it('every joint-inspection user task has a domain form and an assignment', async () => {
    const { definition } = await compile('joint-inspection.bpmn');
    const tasks: UserTask[] = [];
    const walk = (scope: NonNullable<typeof definition>['root']) => {
      for (const el of Object.values(scope.elements)) {
        if (el.type === 'userTask') tasks.push(el);
        if (el.type === 'subProcess') walk(el.scope);
      }
    };
    walk(definition!.root);
    expect(tasks.map((t) => t.id).sort()).toEqual(
      [
        'commitDraw',
        'confirm',
        'decideFollowUp',
        'drawTargets',
        'matchInspectors',
        'publishPenalty',
        'publishResults',
        'reviewDecline',
        'scheme',
        'verifyRectification',
      ].sort(),
    );
    for (const t of tasks) {
      expect(t.form?.name).toMatch(/^ji-/);
      expect(t.assignment.department).toBeDefined();
    }
    const subjects = Object.fromEntries(
      tasks.filter((t) => t.subject).map((t) => [t.id, t.subject]),
    );
    expect(subjects).toEqual({
      reviewDecline: '${dept}',
      decideFollowUp: '${fu.id}',
      publishPenalty: '${fu.id}',
      verifyRectification: '${fu.id}',
    });
  });

  it('the statutory timers are working days and dates, never hours', async () => {
    const xml = readFileSync(join(DIR, 'joint-inspection.bpmn'), 'utf8');
    expect(xml).toContain('jc:workingDays="${confirmDays}"');
    expect(xml).toContain('jc:dueWorkingDays="${confirmDays}"');
    expect(xml.match(/escalationCode="(\w+)"/g)).toEqual([
      'escalationCode="CONFIRM_LATE"',
      'escalationCode="PUBLISH_LATE"',
      'escalationCode="PENALTY_LATE"',
    ]);
  });
});
