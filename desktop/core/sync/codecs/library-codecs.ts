import { rowCodec } from './row-codec';
import type { Codec, CodecDeps } from './types';

/** Owned copies, watch history, ratings, reviews and statuses: plain rows under a title. */
export function libraryCodecs(d: CodecDeps): Codec[] {
  return [
    rowCodec(d, {
      entity: 'copy',
      table: 'copies',
      identity: 'id',
      hasProfile: false,
      columns: {
        format: 'format',
        edition: 'edition',
        region: 'region',
        barcode: 'barcode',
        location: 'location',
        purchaseDate: 'purchase_date',
        priceAmount: 'price_amount',
        priceCurrency: 'price_currency',
        notes: 'notes',
        boxSet: 'box_set',
        filePath: 'file_path',
        fileSize: 'file_size',
        container: 'container',
        resolution: 'resolution',
        loanBorrower: 'loan_borrower',
        loanSince: 'loan_since',
        loanDue: 'loan_due',
        createdAt: 'created_at',
      },
      required: ['format', 'createdAt'],
      groups: [
        ['loanBorrower', 'loanSince', 'loanDue'],
        ['priceAmount', 'priceCurrency'],
        ['filePath', 'fileSize', 'container', 'resolution'],
      ],
    }),
    // Insert-only: nothing edits a watch, so its fields never conflict; only a removal can win.
    rowCodec(d, {
      entity: 'watch',
      table: 'watch_events',
      identity: 'id',
      hasProfile: true,
      columns: { watchedOn: 'watched_on', source: 'source', createdAt: 'created_at' },
      required: ['source', 'createdAt'],
    }),
    rowCodec(d, {
      entity: 'rating',
      table: 'ratings',
      identity: 'profileTitle',
      hasProfile: true,
      columns: { stars: 'stars', ratedAt: 'rated_at' },
      required: ['stars', 'ratedAt'],
    }),
    rowCodec(d, {
      entity: 'review',
      table: 'reviews',
      identity: 'id',
      hasProfile: true,
      columns: {
        text: 'text',
        containsSpoilers: 'contains_spoilers',
        visibility: 'visibility',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      booleans: ['containsSpoilers'],
      required: ['text', 'containsSpoilers', 'visibility', 'createdAt', 'updatedAt'],
      groups: [['text', 'containsSpoilers']],
    }),
    rowCodec(d, {
      entity: 'status',
      table: 'statuses',
      identity: 'profileTitle',
      hasProfile: true,
      columns: { status: 'status' },
      required: ['status'],
    }),
  ];
}
