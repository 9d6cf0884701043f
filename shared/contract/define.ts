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

export type NamespaceDef = Record<string, MethodDef>;
export type ContractDef = Record<string, NamespaceDef>;

/** What a caller (renderer, CLI, host) sees: every method is a promise of its validated output. */
export type ClientOf<C extends ContractDef> = {
  [N in keyof C]: {
    [M in keyof C[N]]: (args: z.input<C[N][M]['input']>) => Promise<z.output<C[N][M]['output']>>;
  };
};

/** What the engine implements: parsed input in, plain data (or a promise of it) out. */
export type HandlersOf<C extends ContractDef, Ctx> = {
  [N in keyof C]: {
    [M in keyof C[N]]: (
      args: z.output<C[N][M]['input']>,
      ctx: Ctx,
    ) => z.input<C[N][M]['output']> | Promise<z.input<C[N][M]['output']>>;
  };
};

export type InputOf<C extends ContractDef, N extends keyof C, M extends keyof C[N]> = z.input<C[N][M]['input']>;
export type OutputOf<C extends ContractDef, N extends keyof C, M extends keyof C[N]> = z.output<C[N][M]['output']>;
