import type { Handlers, ScanCommandResults } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';

export function scanHandlers(_ctx: Ctx): Pick<Handlers, keyof ScanCommandResults> {
  return {};
}
