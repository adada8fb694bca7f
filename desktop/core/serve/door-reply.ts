/** How every door (WebSocket, Electron's utility process) turns a command's outcome into a reply. */
import { CoreError, type SerializedCoreError } from '@reelshelf/shared/contracts';
import type { BridgeReply } from '../../../shared/contracts/bridge';
import type { Core } from '../core';

/** Any failure as the CoreError a door sends: CoreErrors as they are, a bad JSON request, anything else `internal`. */
export function doorError(e: unknown): SerializedCoreError {
  const error =
    e instanceof CoreError
      ? e
      : e instanceof SyntaxError
        ? new CoreError('invalid_argument', 'A request must be JSON.')
        : new CoreError('internal', e instanceof Error ? e.message : String(e));
  return error.toJSON();
}

/** Runs one command by name and answers `{ok, result}` or `{ok: false, error}`; never throws. */
export async function callForDoor(
  core: Pick<Core, 'callByName'>,
  command: string,
  args: unknown,
): Promise<BridgeReply> {
  try {
    return { ok: true, result: await core.callByName(command, args) };
  } catch (e) {
    return { ok: false, error: doorError(e) };
  }
}
