import { addGramian, mirrorUpper, solveRows } from './kernel.ts';
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

export type RunnerFactory = (problem: AlsProblem) => Promise<AlsRunner>;

export function halfStepInput(problem: AlsProblem, side: Side, gram: Float64Array) {
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

export const inProcessRunner: RunnerFactory = (problem) =>
  Promise.resolve({
    gramian(side) {
      const k = problem.factors;
      const factors = sideFactors(problem, side);
      const gram = new Float64Array(k * k);
      addGramian(factors, k, 0, factors.length / k, gram);
      mirrorUpper(gram, k);
      return Promise.resolve(gram);
    },
    halfStep(side, gram) {
      const input = halfStepInput(problem, side, gram);
      solveRows(input, 0, input.matrix.rows);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  });
