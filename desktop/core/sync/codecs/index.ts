import type { EntityName } from '@reelshelf/shared/sync';
import { libraryCodecs } from './library-codecs';
import { listCodecs } from './list-codecs';
import { profileCodec, tagCodec, titleTagCodec } from './tag-profile-codecs';
import { titleCodec } from './title';
import type { Codec, CodecDeps } from './types';

export type { Codec, CodecDeps, ParentRef } from './types';
export { parentExists } from './keys';

/** Every synced entity's codec, by entity, parents before children. */
export function allCodecs(d: CodecDeps): Map<EntityName, Codec> {
  const list = [
    profileCodec(d),
    titleCodec(d),
    ...listCodecs(d),
    ...libraryCodecs(d),
    tagCodec(d),
    titleTagCodec(d),
  ];
  return new Map(list.map((c) => [c.entity, c]));
}
