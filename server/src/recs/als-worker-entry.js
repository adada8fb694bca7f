// Worker threads start without the parent's TypeScript loader; register it here.
import { register } from 'tsx/esm/api';

register();
await import('./als-worker.ts');
