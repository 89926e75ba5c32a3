/**
 * Variable scopes. The process scope holds the instance's variables; sub-processes add a scope
 * whose own variables shadow the parent's; each multi-instance iteration gets an isolated scope
 * (its element variable, loopCounter, and anything it writes stay local — results leave through
 * outputCollection/outputElement).
 */
export class VariableScope {
  private readonly own: Record<string, unknown>;

  constructor(
    initial: Record<string, unknown> = {},
    private readonly parent?: VariableScope,
    private readonly isolated = false,
  ) {
    this.own = { ...initial };
  }

  child(initial: Record<string, unknown> = {}, isolated = false): VariableScope {
    return new VariableScope(initial, this, isolated);
  }

  /** Every visible variable, inner scopes shadowing outer ones. */
  all(): Record<string, unknown> {
    return { ...(this.parent?.all() ?? {}), ...this.own };
  }

  get(name: string): unknown {
    return name in this.own ? this.own[name] : this.parent?.get(name);
  }

  /** Writes where the variable lives; a new variable goes to the nearest isolated scope or the root. */
  set(name: string, value: unknown): void {
    if (name in this.own || this.isolated || !this.parent) {
      this.own[name] = value;
      return;
    }
    this.parent.set(name, value);
  }

  setAll(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.set(k, v);
  }

  /** The process-level variables (the root scope's own). */
  rootValues(): Record<string, unknown> {
    return this.parent ? this.parent.rootValues() : { ...this.own };
  }

  /** This scope's own variables. */
  ownValues(): Record<string, unknown> {
    return { ...this.own };
  }
}
