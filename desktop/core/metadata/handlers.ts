import type { Handlers, MetadataCommandResults } from '@reelshelf/shared/contracts';
import { requireTitle } from '../catalog/lookup';
import { unlockFields } from '../catalog/titles';
import type { Ctx } from '../context';
import type { MetadataService } from './service';

export function metadataHandlers(
  ctx: Ctx,
  metadata: MetadataService,
): Pick<Handlers, keyof MetadataCommandResults> {
  return {
    'metadata.status': () => metadata.status(),
    'metadata.configure': (o) => metadata.configure(o),
    'metadata.refresh': ({ titleIds }) => {
      metadata.queue.enqueue(titleIds);
      metadata.poke();
      return metadata.status();
    },
    'metadata.run': ({ limit, jobId }) => ctx.jobs.run(jobId, (job) => metadata.run(job, limit)),
    'metadata.match': ({ titleId, tmdbId }) => {
      requireTitle(ctx, titleId);
      return metadata.match(titleId, tmdbId);
    },
    'metadata.unlock': ({ titleId, fields }) => {
      const lockedFields = unlockFields(ctx, titleId, fields);
      metadata.queue.enqueue([titleId]);
      metadata.poke();
      ctx.emit('changed', { entities: ['titles'] });
      return { titleId, lockedFields };
    },
  };
}
