import { instantiateKernels } from '../wasm/kernels.ts';
import { addGramian, mirrorUpper, solveRows, type HalfStepInput } from './kernel.ts';
import type { AlsProblem } from './problem.ts';

export type Side = 'users' | 'items';

/**
 * Runs the two parallel parts of an iteration. The in-process runner below does
 * them on the calling thread; server/ provides one over worker threads.
 */
export interface AlsRunner {
  /** Σ f fᵀ over every row of one side's factors, k × k. */
  gramian(side: Side): Promise<Float64Array>;
  /** Solves every row of `side` against the other side's frozen factors. */
  halfStep(side: Side, gramOfOther: Float64Array): Promise<void>;
  close(): Promise<void>;
}

/** `needsSharedMemory`: the runner hands the arrays to other threads, so they must be shared. */
export type RunnerFactory = ((problem: AlsProblem) => Promise<AlsRunner>) & {
  readonly needsSharedMemory?: boolean;
};

export function halfStepInput(problem: AlsProblem, side: Side, gram: Float64Array): HalfStepInput {
  const users = side === 'users';
  return {
    target: users ? problem.userFactors : problem.itemFactors,
    other: users ? problem.itemFactors : problem.userFactors,
    matrix: users ? problem.userItem : problem.itemUser,
    regularization: users ? problem.userRegularization : problem.itemRegularization,
    gram,
    factors: problem.factors,
    cgSteps: problem.cgSteps,
  };
}

export function sideFactors(problem: AlsProblem, side: Side): Float32Array {
  return side === 'users' ? problem.userFactors : problem.itemFactors;
}

/**
 * One thread's share of the work: rows [start, end) of a gramian or a
 * half-step, with the SIMD kernels when the problem lives in a WebAssembly heap.
 * `thread` picks that thread's scratch space. Worker threads run this too.
 */
export function threadWork(problem: AlsProblem, thread: number) {
  const k = problem.factors;
  const kernels = problem.kernels && instantiateKernels(problem.kernels.memory);
  const area = problem.kernels?.area;
  const at = (view: ArrayBufferView) => view.byteOffset;
  return {
    gramian(side: Side, start: number, end: number): Float64Array {
      const factors = sideFactors(problem, side);
      if (!kernels || !area) {
        const gram = new Float64Array(k * k);
        addGramian(factors, k, start, end, gram);
        return gram;
      }
      const part = area.threads[thread]!.gramPart;
      part.fill(0);
      kernels.add_gramian(at(factors), start, end, k, at(part));
      return Float64Array.from(part);
    },
    /** For the kernels, `gram` must already be in the area's float32 gramian (see shareGram). */
    solve(side: Side, gram: Float64Array, start: number, end: number): void {
      const input = halfStepInput(problem, side, gram);
      if (!kernels || !area) return solveRows(input, start, end);
      const m = input.matrix;
      kernels.solve_rows(
        at(m.indptr),
        at(m.indices),
        at(m.values),
        at(input.target),
        at(input.other),
        at(area.gram),
        at(input.regularization),
        k,
        problem.cgSteps,
        start,
        end,
        at(area.threads[thread]!.scratch),
      );
    },
  };
}

/** Puts the gramian where every thread's kernel reads it (float32 is what the kernels solve with). */
export function shareGram(problem: AlsProblem, gram: Float64Array): void {
  problem.kernels?.area.gram.set(gram);
}

export const inProcessRunner: RunnerFactory = (problem) => {
  const work = threadWork(problem, 0);
  const k = problem.factors;
  return Promise.resolve({
    gramian(side) {
      const gram = work.gramian(side, 0, sideFactors(problem, side).length / k);
      mirrorUpper(gram, k);
      return Promise.resolve(gram);
    },
    halfStep(side, gram) {
      shareGram(problem, gram);
      work.solve(side, gram, 0, halfStepInput(problem, side, gram).matrix.rows);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  });
};
