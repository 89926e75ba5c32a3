/**
 * Which directory entries a plan task (or a draw) may draw from, as SQL conditions. Shared by the
 * search page and `streamEligible`, so the draw sees exactly what officials can page through.
 */
import { likeEscape } from './sql-dialect';

export interface EligibleScope {
  /** Departments that must ALL supervise the target (HN 18); the draw passes its departments here. */
  departmentCodes?: string[];
  /** Same meaning as departmentCodes (the plan-task scope's name); both lists are combined. */
  supervisingDepartments?: string[];
  targetTypes?: string[];
  /** 6-digit division codes; trailing "00" pairs widen to the city/province (640500 → 6405…). */
  regionCodes?: string[];
  /** Any of these industry tags. */
  industryTags?: string[];
  /** Credit-risk classes; `null` in the list selects targets not yet classified. */
  riskClasses?: Array<string | null>;
  /** Registration statuses drawn from; default only active (在业) targets. */
  statuses?: string[];
  /** Leave out targets inspected for any of these items within `days` days before `asOf`. */
  excludeInspected?: { itemCodes: string[]; days: number; asOf?: string };
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

export function regionPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

function anyOf(column: string, values: readonly string[], pattern: (v: string) => string) {
  return {
    sql: `(${values.map(() => `${column} LIKE ? ESCAPE '!'`).join(' OR ')})`,
    params: values.map(pattern),
  };
}

function isoDaysBefore(asOf: string, days: number): string {
  const date = new Date(`${asOf}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function scopeConditions(scope: EligibleScope): SqlCondition[] {
  const conditions: SqlCondition[] = [];
  const departments = [
    ...new Set([...(scope.departmentCodes ?? []), ...(scope.supervisingDepartments ?? [])]),
  ];
  for (const department of departments) {
    conditions.push({
      sql: `supervising_departments LIKE ? ESCAPE '!'`,
      params: [`%|${likeEscape(department)}|%`],
    });
  }
  if (scope.targetTypes?.length)
    conditions.push({
      sql: `type IN (${scope.targetTypes.map(() => '?').join(',')})`,
      params: [...scope.targetTypes],
    });
  if (scope.regionCodes?.length)
    conditions.push(
      anyOf('region_code', scope.regionCodes, (r) => `${likeEscape(regionPrefix(r))}%`),
    );
  if (scope.industryTags?.length)
    conditions.push(anyOf('industry_tags', scope.industryTags, (t) => `%|${likeEscape(t)}|%`));
  if (scope.riskClasses?.length) {
    const classes = scope.riskClasses.filter((c): c is string => c !== null);
    const parts = classes.length ? [`risk_class IN (${classes.map(() => '?').join(',')})`] : [];
    if (scope.riskClasses.includes(null)) parts.push('risk_class IS NULL');
    conditions.push({ sql: `(${parts.join(' OR ')})`, params: classes });
  }
  const statuses = scope.statuses ?? ['active'];
  if (statuses.length)
    conditions.push({
      sql: `status IN (${statuses.map(() => '?').join(',')})`,
      params: [...statuses],
    });
  const exclusion = scope.excludeInspected;
  if (exclusion && exclusion.days > 0 && exclusion.itemCodes.length > 0) {
    const asOf = exclusion.asOf ?? new Date().toISOString().slice(0, 10);
    conditions.push({
      sql: `NOT EXISTS (SELECT 1 FROM target_inspections ti WHERE ti.target_code = targets.code AND ti.item_code IN (${exclusion.itemCodes.map(() => '?').join(',')}) AND ti.inspected_on > ? AND ti.inspected_on <= ?)`,
      params: [...exclusion.itemCodes, isoDaysBefore(asOf, exclusion.days), asOf],
    });
  }
  return conditions;
}

export function whereClause(conditions: readonly SqlCondition[]): SqlCondition {
  if (conditions.length === 0) return { sql: '', params: [] };
  return {
    sql: ` WHERE ${conditions.map((c) => c.sql).join(' AND ')}`,
    params: conditions.flatMap((c) => c.params),
  };
}
