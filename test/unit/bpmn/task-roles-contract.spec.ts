import {
  ADMIN_ROLES,
  BUSINESS_ROLES as AUTH_BUSINESS_ROLES,
  ROLES,
  type Principal,
} from '../../../src/modules/auth/roles';
import { mayWorkOn } from '../../../src/modules/engine/actor';
import { KNOWN_ROLES } from '../../../src/modules/process-definitions/bpmn/validate';
import { mayAct } from '../../../src/workflows/interpreter/handlers';
import {
  BUSINESS_ROLES,
  ROLE_COVERS,
  supervisesTask,
} from '../../../src/workflows/shared/task-roles';
import { chain, compile } from './bpmn-xml';

/**
 * Roles and who may act on a task: one rule (src/workflows/shared/task-roles.ts) that the auth
 * module, the BPMN validator, the API and the workflow all use.
 */
describe('task roles: one rule for auth, validator, API and workflow', () => {
  it('the auth module and the validator use the shared business roles', () => {
    expect(AUTH_BUSINESS_ROLES).toBe(BUSINESS_ROLES);
    expect(KNOWN_ROLES).toBe(BUSINESS_ROLES);
    expect(ROLES).toEqual([...BUSINESS_ROLES, ...ADMIN_ROLES]);
  });

  it('a department admin covers officers and inspectors; no one covers the office but the office', () => {
    expect(ROLE_COVERS).toEqual({
      office: ['office'],
      dept_admin: ['dept_admin', 'dept_officer', 'inspector'],
      dept_officer: ['dept_officer', 'inspector'],
      inspector: ['inspector'],
    });
  });

  const taskRoles = [undefined, ...BUSINESS_ROLES, ...ADMIN_ROLES, 'constructor'];
  const actorRoles = [...ROLES, 'constructor', 'toString'];
  const tasks = taskRoles.flatMap((role) => [
    { taskId: 't', elementId: 'e', createdAt: '', role, department: 'SCJGJ' },
    { taskId: 't', elementId: 'e', createdAt: '', role, department: 'YJJ' },
    { taskId: 't', elementId: 'e', createdAt: '', role, candidateGroups: ['YJJ', 'SCJGJ'] },
    { taskId: 't', elementId: 'e', createdAt: '', role },
    { taskId: 't', elementId: 'e', createdAt: '', role, department: 'SCJGJ', assignee: 'u1' },
    { taskId: 't', elementId: 'e', createdAt: '', role, department: 'SCJGJ', assignee: 'u2' },
  ]);

  it('the API (mayWorkOn) and the workflow (mayAct) decide alike for every role and task', () => {
    let allowed = 0;
    for (const role of actorRoles) {
      for (const isOffice of [false, true]) {
        const principal = {
          userId: 'id1',
          username: 'u1',
          role,
          departmentCode: 'SCJGJ',
          isOffice,
        } as Principal;
        const actor = { username: 'u1', departmentCode: 'SCJGJ', role, isOffice };
        for (const task of tasks) {
          const api = mayWorkOn(principal, task);
          expect([role, isOffice, task, api]).toEqual([role, isOffice, task, mayAct(actor, task)]);
          if (api) allowed += 1;
        }
      }
    }
    expect(allowed).toBeGreaterThan(0);
  });

  it('separated administrators cover no task role', () => {
    for (const role of ADMIN_ROLES) {
      for (const taskRole of BUSINESS_ROLES) {
        const actor = { username: 'a', departmentCode: 'SCJGJ', role, isOffice: false };
        expect(mayAct(actor, { taskId: 't', elementId: 'e', createdAt: '', role: taskRole })).toBe(
          false,
        );
      }
    }
  });

  it('the office and the admin of the task department supervise it', () => {
    const task = { department: 'SCJGJ' };
    const as = (role: string, departmentCode: string, isOffice = false) => ({
      username: 'x',
      role,
      departmentCode,
      isOffice,
    });
    expect(supervisesTask(as('office', 'OFFICE', true), task)).toBe(true);
    expect(supervisesTask(as('dept_admin', 'SCJGJ'), task)).toBe(true);
    expect(supervisesTask(as('dept_admin', 'YJJ'), task)).toBe(false);
    expect(supervisesTask(as('dept_officer', 'SCJGJ'), task)).toBe(false);
  });

  it.each([...ADMIN_ROLES, 'officer'])('jc:role="%s" warns unknown-role', async (role) => {
    const result = await compile(
      chain([`<bpmn:userTask id="t" jc:department="SCJGJ" jc:role="${role}" />`]),
    );
    expect(result.warnings.map((w) => w.rule)).toContain('unknown-role');
  });

  it.each([...BUSINESS_ROLES])('jc:role="%s" is a known role', async (role) => {
    const result = await compile(
      chain([`<bpmn:userTask id="t" jc:department="SCJGJ" jc:role="${role}" />`]),
    );
    expect(result.warnings.map((w) => w.rule)).not.toContain('unknown-role');
  });
});
