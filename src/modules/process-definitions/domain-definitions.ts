import { Injectable } from '@nestjs/common';
import type { CompiledDefinition } from '../../workflows/definition/types';
import type { BpmnIssue } from './bpmn';

/** A definition key a domain module owns (e.g. the inspection module's `joint-inspection`). */
export interface DomainDefinitionSpec {
  key: string;
  /**
   * Where people start it instead of `POST /instances`, named in the refusal (e.g.
   * `POST /inspections`); for a definition only ever called by another one, say so.
   */
  startedThrough: string;
  /**
   * The module's rules for a new version (statutory timers and the like), run on deploy after
   * the engine's validation; every issue names the element, the rule and the bound.
   */
  checkDefinition?: (compiled: CompiledDefinition) => BpmnIssue[];
}

/**
 * The right to start a module's domain definitions, handed out once at registration. Only the
 * engine's registry can make one (the constructor's token is private to this file), so a
 * module's own start path cannot be reached by anyone who was not given its handle.
 */
export class DomainOwner {
  /** @internal */
  constructor(
    readonly module: string,
    readonly keys: readonly string[],
    token: symbol,
  ) {
    if (token !== ISSUER) throw new Error('DomainOwner handles are issued by DomainDefinitions');
  }

  owns(key: string): boolean {
    return this.keys.includes(key);
  }
}

const ISSUER = Symbol('DomainDefinitions');

interface Registered extends DomainDefinitionSpec {
  module: string;
}

/**
 * Domain definitions (领域流程定义): process keys a module owns. The engine stays generic; it
 * only knows that such a key
 * - is started by its module (an internal path holding the module's DomainOwner), never by
 *   `POST /instances`, and called as a sub-process only from the same module's definitions;
 * - gets the module's rules checked before a new version is deployed.
 */
@Injectable()
export class DomainDefinitions {
  private readonly byKey = new Map<string, Registered>();
  private readonly issued = new WeakSet<DomainOwner>();

  /** Registers a module's keys (once per key) and returns the handle that may start them. */
  register(module: string, specs: DomainDefinitionSpec[]): DomainOwner {
    for (const spec of specs) {
      const existing = this.byKey.get(spec.key);
      if (existing && existing.module !== module)
        throw new Error(`definition key ${spec.key} is already owned by ${existing.module}`);
      this.byKey.set(spec.key, { ...spec, module });
    }
    const owner = new DomainOwner(
      module,
      specs.map((s) => s.key),
      ISSUER,
    );
    this.issued.add(owner);
    return owner;
  }

  /** The owning module and its start path, or undefined for an ordinary definition. */
  ownerOf(key: string): { module: string; startedThrough: string } | undefined {
    const found = this.byKey.get(key);
    return found && { module: found.module, startedThrough: found.startedThrough };
  }

  /** True when `owner` is a handle this registry issued and it owns `key`. */
  authorizes(owner: DomainOwner, key: string): boolean {
    return (
      this.issued.has(owner) && owner.owns(key) && this.byKey.get(key)?.module === owner.module
    );
  }

  /** The owning module's rules on a compiled definition ([] for an ordinary key). */
  check(compiled: CompiledDefinition): BpmnIssue[] {
    return this.byKey.get(compiled.key)?.checkDefinition?.(compiled) ?? [];
  }

  /**
   * May an instance of `callerKey` call `calledKey` as a sub-process? Ordinary definitions may
   * call ordinary ones; a domain definition may be called only from its own module's definitions.
   */
  mayCall(callerKey: string | undefined, calledKey: string): boolean {
    const called = this.byKey.get(calledKey);
    if (!called) return true;
    return callerKey !== undefined && this.byKey.get(callerKey)?.module === called.module;
  }

  /** The refusal text for starting a domain key by hand (Chinese first, English beside). */
  startRefusal(key: string): string {
    const found = this.byKey.get(key);
    return found
      ? `流程 ${key} 是「${found.module}」模块的领域流程，只能由该模块启动：请使用 ${found.startedThrough} / domain definition ${key} is started by the ${found.module} module only: use ${found.startedThrough}`
      : '';
  }
}
