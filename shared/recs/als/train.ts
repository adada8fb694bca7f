import type { CsrMatrix } from '../matrix/csr.ts';
import { AlsParams, type AlsParamsInput } from './params.ts';
import { defaultMemory, prepareProblem, type Allocator } from './problem.ts';
import { inProcessRunner, type RunnerFactory } from './runner.ts';

export interface AlsFactors {
  readonly factors: number;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly params: AlsParams;
}

export interface TrainProgress {
  readonly iteration: number;
  readonly iterations: number;
  readonly seconds: number;
}

export interface TrainOptions {
  readonly runner?: RunnerFactory;
  readonly memory?: Allocator;
  readonly onIteration?: (progress: TrainProgress) => void;
}

/** Trains iALS on a users × items matrix of signed interaction weights. */
export async function trainAls(
  weights: CsrMatrix,
  paramsInput: AlsParamsInput = {},
  options: TrainOptions = {},
): Promise<AlsFactors> {
  const params = AlsParams.parse(paramsInput);
  const makeRunner = options.runner ?? inProcessRunner;
  const memory = options.memory ?? defaultMemory(weights, params.factors, makeRunner.needsSharedMemory);
  const problem = prepareProblem(weights, params, memory);
  if (makeRunner.needsSharedMemory && !(problem.userFactors.buffer instanceof SharedArrayBuffer)) {
    throw new Error('This runner trains on other threads, so the memory option must hand out shared arrays.');
  }
  const runner = await makeRunner(problem);
  const started = performance.now();
  try {
    for (let iteration = 1; iteration <= params.iterations; iteration++) {
      await runner.halfStep('users', await runner.gramian('items'));
      await runner.halfStep('items', await runner.gramian('users'));
      options.onIteration?.({
        iteration,
        iterations: params.iterations,
        seconds: (performance.now() - started) / 1000,
      });
    }
  } finally {
    await runner.close();
  }
  return {
    factors: params.factors,
    userFactors: problem.userFactors,
    itemFactors: problem.itemFactors,
    params,
  };
}
