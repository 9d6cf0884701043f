import { z } from 'zod';

/**
 * One declaration per method: its argument and result schemas. The Api type,
 * the handler type, the allowlist and the runtime validators are all derived
 * from these objects, so they cannot drift apart.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { input, output };
}

/**
 * A long-running job, declared in its namespace's `jobs` member beside the methods, under its kind:
 * `jobs: { import: job(ImportParamsSchema, ImportResultSchema) }`. Jobs are not called directly:
 * `jobs.start({kind, params})` starts one (params validated with `params`), and its `done` event carries
 * a result of schema `result`.
 */
export interface JobDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly params: P;
  readonly result: R;
}

export function job<P extends z.ZodType, R extends z.ZodType>(params: P, result: R): JobDef<P, R> {
  return { params, result };
}

export type JobsDef = Readonly<Record<string, JobDef>>;
/** A namespace: its methods, and under `jobs` the jobs it declares by kind. */
export type NamespaceDef = Readonly<Record<string, MethodDef | JobsDef>>;
export type ContractDef = Record<string, NamespaceDef>;

export function isMethodDef(def: MethodDef | JobsDef): def is MethodDef {
  return 'input' in def && 'output' in def;
}

/** The keys of a namespace's methods. */
export type MethodKeys<NS> = { [M in keyof NS]: NS[M] extends MethodDef ? M : never }[keyof NS];
/** The jobs a namespace declares, by kind (`{}` when none). */
export type NamespaceJobs<NS> = NS extends { readonly jobs: infer J extends JobsDef } ? J : Record<never, never>;

type InputSchema<D> = D extends MethodDef<infer I, z.ZodType> ? I : never;
type OutputSchema<D> = D extends MethodDef<z.ZodType, infer O> ? O : never;

/** `jobs.start`: its argument is one `{kind, params}` shape per declared job (see jobStartSchema). */
export interface JobStartDef<J extends JobsDef, O extends z.ZodType = z.ZodType> extends MethodDef<z.ZodType<JobStartOutput<J>, JobStartInput<J>>, O> {
  readonly jobs: J;
}

/** What a caller (renderer, CLI, host) sees: every method is a promise of its validated output. */
export type ClientOf<C extends ContractDef> = {
  [N in keyof C]: {
    [M in MethodKeys<C[N]>]: C[N][M] extends JobStartDef<infer J>
      ? // Generic in the kind, so a caller generic in K (`start(kind: K, params: JobParams<K>)`) type-checks too.
        <K extends keyof J & string>(args: { kind: K; params: z.input<J[K]['params']> }) => Promise<z.output<OutputSchema<C[N][M]>>>
      : (args: z.input<InputSchema<C[N][M]>>) => Promise<z.output<OutputSchema<C[N][M]>>>;
  };
};

/** What the engine implements: parsed input in, plain data (or a promise of it) out. */
export type HandlersOf<C extends ContractDef, Ctx> = {
  [N in keyof C]: {
    [M in MethodKeys<C[N]>]: (
      args: z.output<InputSchema<C[N][M]>>,
      ctx: Ctx,
    ) => z.input<OutputSchema<C[N][M]>> | Promise<z.input<OutputSchema<C[N][M]>>>;
  };
};

export type InputOf<C extends ContractDef, N extends keyof C, M extends MethodKeys<C[N]>> = z.input<InputSchema<C[N][M]>>;
export type OutputOf<C extends ContractDef, N extends keyof C, M extends MethodKeys<C[N]>> = z.output<OutputSchema<C[N][M]>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every job of a contract by kind, over all namespaces. */
export type JobsOf<C extends ContractDef> = { [K in keyof UnionToIntersection<NamespaceJobs<C[keyof C]>>]: UnionToIntersection<NamespaceJobs<C[keyof C]>>[K] };

/** The jobs of `namespaces` by kind; a kind declared twice is a programming error. */
export function jobsOf<C extends ContractDef>(namespaces: C): JobsOf<C> {
  const jobs: Record<string, JobDef> = {};
  for (const [ns, members] of Object.entries(namespaces)) {
    const declared = Object.hasOwn(members, 'jobs') && !isMethodDef(members.jobs) ? members.jobs : {};
    for (const [kind, def] of Object.entries(declared)) {
      if (Object.hasOwn(jobs, kind)) throw new Error(`job kind "${kind}" is declared twice (again in namespace ${ns})`);
      jobs[kind] = def;
    }
  }
  return jobs as JobsOf<C>;
}

/** The arguments of `jobs.start` as a caller writes them: one `{kind, params}` shape per declared job. */
export type JobStartInput<J extends JobsDef> = { [K in keyof J & string]: { kind: K; params: z.input<J[K]['params']> } }[keyof J & string];
/** The same after validation: params parsed by the job's own schema. */
export type JobStartOutput<J extends JobsDef> = { [K in keyof J & string]: { kind: K; params: z.output<J[K]['params']> } }[keyof J & string];

/**
 * `jobs.start`: its argument schema is a union discriminated by `kind`, each kind's params validated by its
 * own schema (params may be left out when the job's schema accepts `{}`).
 */
export function jobStart<J extends JobsDef, O extends z.ZodType>(jobs: J, output: O): JobStartDef<J, O> {
  const options = Object.entries(jobs).map(([kind, def]) => z.object({ kind: z.literal(kind), params: def.params.prefault({}) }));
  if (options.length === 0) throw new Error('no job is declared');
  const input = z.discriminatedUnion('kind', options as [(typeof options)[number], ...(typeof options)[number][]]);
  return { input: input as unknown as z.ZodType<JobStartOutput<J>, JobStartInput<J>>, output, jobs };
}
