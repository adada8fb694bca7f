#!/usr/bin/env node
// TypeScript run through tsx, like the desktop CLI: no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
