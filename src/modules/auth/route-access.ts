import { BUSINESS_ROLES, Role } from './roles';

/**
 * Who may call each HTTP route, declared once (deny by default). The route-access guard enforces
 * the role part before validation or any service code runs, so a caller outside the rule learns
 * nothing from the route; the services still check the department and the object (本部门 /
 * 参与部门) because that needs the data. A route missing from this table is refused for everyone,
 * and the authorization-matrix test fails on it.
 *
 * `public`: no principal needed (the published lists, plans, results and draw proofs, health).
 * `signed-in`: any principal, administrators included (their own account).
 * A role list: only principals with one of these roles.
 */
export type RouteRule = 'public' | 'signed-in' | readonly Role[];

const ANY: readonly Role[] = BUSINESS_ROLES;
const STAFF: readonly Role[] = ['office', 'dept_admin', 'dept_officer'];
const DEPT: readonly Role[] = ['dept_admin', 'dept_officer'];
const HEADS: readonly Role[] = ['office', 'dept_admin'];
const OFFICE: readonly Role[] = ['office'];
const FILERS: readonly Role[] = ['dept_admin', 'dept_officer', 'inspector'];

export const ROUTE_ACCESS: Readonly<Record<string, RouteRule>> = {
  // Sign-in and the caller's own account (every principal, administrators included)
  'POST /auth/login': 'public',
  'POST /auth/login/2fa': 'public',
  'POST /auth/logout': 'signed-in',
  'GET /auth/me': 'signed-in',
  'GET /auth/account': 'signed-in',
  'GET /auth/sessions': 'signed-in',
  'POST /auth/password': 'signed-in',
  'POST /auth/2fa/enrol': 'signed-in',
  'POST /auth/2fa/confirm': 'signed-in',
  'POST /auth/2fa/disable': 'signed-in',
  'GET /departments': [...ANY, 'sys_admin'],

  // Separated administration (三员分立): the system administrator keeps accounts and departments,
  // the security administrator roles, locks and the security policy, the audit administrator the
  // audit log. No administrator role appears on a business route, nor a business role here.
  'GET /admin/users': ['sys_admin', 'sec_admin'],
  'POST /admin/users': ['sys_admin'],
  'PATCH /admin/users/:username': ['sys_admin'],
  'POST /admin/users/:username/password-reset': ['sys_admin'],
  'POST /admin/departments': ['sys_admin'],
  'PATCH /admin/users/:username/role': ['sec_admin'],
  'POST /admin/users/:username/lock': ['sec_admin'],
  'POST /admin/users/:username/unlock': ['sec_admin'],
  'POST /admin/users/:username/2fa-reset': ['sec_admin'],
  'GET /admin/lockouts': ['sec_admin'],
  'GET /admin/security-policy': ['sec_admin'],
  'PUT /admin/security-policy': ['sec_admin'],
  'GET /audit': ['office', 'audit_admin'],
  'GET /audit/verify': ['audit_admin'],
  'GET /audit/verify.html': ['audit_admin'],
  'GET /audit/checkpoints': ['audit_admin'],
  'POST /audit/checkpoints': ['audit_admin'],
  'GET /health': 'public',

  // Calendar: reads are public, the office keeps the schedule
  'GET /calendar/add-working-days': 'public',
  'GET /calendar/days/:date': 'public',
  'GET /calendar/years/:year': 'public',
  'POST /calendar/import': OFFICE,
  'PUT /calendar/days/:date': OFFICE,
  'DELETE /calendar/days/:date': OFFICE,

  // Engine
  'POST /definitions': OFFICE,
  'GET /definitions': ANY,
  'GET /definitions/by-id/:id': ANY,
  'GET /definitions/:key': ANY,
  'GET /definitions/:key/versions/:version': ANY,
  'GET /definitions/:key/versions/:version/xml': ANY,
  'POST /instances': STAFF,
  'GET /instances': ANY,
  'GET /instances/:id': ANY,
  'POST /instances/:id/cancel': ['dept_admin'],
  'POST /instances/:id/messages': STAFF,
  'POST /instances/:id/deadlines/move': OFFICE,
  'GET /tasks/mine': ANY,
  'GET /tasks/:id': ANY,
  'POST /tasks/:id/claim': ANY,
  'POST /tasks/:id/unclaim': ANY,
  'POST /tasks/:id/complete': ANY,
  'POST /tasks/:id/reassign': HEADS,
  'GET /escalations': ANY,
  'POST /escalations/:id/resolve': OFFICE,
  'GET /incidents': HEADS,
  'POST /incidents/:id/retry': HEADS,
  'GET /inbox': ANY,
  'POST /inbox/:id/read': ANY,

  // Registries
  'GET /items/lists': STAFF,
  'POST /items/lists': OFFICE,
  'GET /items/lists/:id': STAFF,
  'PUT /items/lists/:id/items': STAFF,
  'DELETE /items/lists/:id/items/:code': STAFF,
  'POST /items/lists/:id/publish': OFFICE,
  'GET /targets': STAFF,
  'GET /targets/:code': STAFF,
  'GET /inspectors': STAFF,
  'GET /inspectors/:id': STAFF,
  'POST /inspectors': STAFF,
  'PUT /inspectors/:id': STAFF,
  'POST /inspectors/:id/status': STAFF,
  'POST /inspectors/:id/conflicts': ANY,
  'DELETE /inspectors/:id/conflicts/:conflictId': HEADS,
  'GET /plans': ANY,
  'GET /plans/coverage/:year': STAFF,
  'POST /plans': STAFF,
  'GET /plans/:id': ANY,
  'POST /plans/:id/tasks': STAFF,
  'DELETE /plans/:id/tasks/:taskKey': STAFF,
  'POST /plans/:id/publish': HEADS,
  'POST /plans/:id/adjustments': HEADS,

  // Standalone draws (a department's own random checks)
  'POST /draws': STAFF,
  'GET /draws/:id': STAFF,
  'POST /draws/:id/draw': STAFF,
  'POST /draws/:id/inspectors/:dept': STAFF,
  'POST /draws/:id/replacements': STAFF,
  'POST /draws/:id/replacements/:rid/approve': ['dept_admin'],
  'POST /draws/:id/exceptions': STAFF,
  'POST /draws/:id/exceptions/:eid/approve': HEADS,

  // The joint inspection
  'POST /inspections': DEPT,
  'GET /inspections': ANY,
  'GET /inspections/:id': ANY,
  'GET /inspections/:id/targets': ANY,
  'POST /inspections/:id/scheme': STAFF,
  'POST /inspections/:id/confirmation': STAFF,
  'POST /inspections/:id/confirmations/:dept/review': STAFF,
  'POST /inspections/:id/draw/commit': STAFF,
  'POST /inspections/:id/draw': STAFF,
  'POST /inspections/:id/inspectors': STAFF,
  'PUT /inspections/:id/targets/:code/form': FILERS,
  'POST /inspections/:id/forms': FILERS,
  'GET /inspections/:id/forms': ANY,
  'POST /inspections/:id/publication': DEPT,
  'GET /inspections/:id/follow-ups': ANY,
  'POST /follow-ups/:id/decision': STAFF,
  'POST /follow-ups/:id/penalty-info': STAFF,
  'POST /follow-ups/:id/rectification': STAFF,
  'GET /inspections/:id/documents': ANY,
  'GET /inspections/:id/manifest': ANY,
  'GET /inspections/:id/documents/:docId.html': ANY,
  'GET /inspections/:id/documents/:docId.pdf': ANY,
  'POST /results/:entryId/correction': DEPT,
  'POST /results/:entryId/withdrawal': DEPT,

  // Public pages and data (双随机、一公开: the public sees what the rules publish)
  'GET /public/items': 'public',
  'GET /public/items/:id': 'public',
  'GET /public/items.html': 'public',
  'GET /public/plans': 'public',
  'GET /public/plans/:id': 'public',
  'GET /public/plans.html': 'public',
  'GET /public/draws/:id': 'public',
  'GET /public/draws/:id/snapshot': 'public',
  'GET /public/draws/:id/addenda': 'public',
  'GET /public/draws/:id/verify': 'public',
  'GET /public/results': 'public',
  'GET /public/results.html': 'public',
  'GET /public/results/:code': 'public',
  'GET /public/results/:code.html': 'public',
  'GET /public/inspections/:code': 'public',
  'GET /public/inspections/:code.html': 'public',
};

/** Whether a principal of `role` passes the role part of `rule` (public routes need no role). */
export function roleAllowed(rule: RouteRule, role: Role): boolean {
  if (rule === 'public' || rule === 'signed-in') return true;
  return rule.includes(role);
}
