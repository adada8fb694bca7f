import { createSyncServer } from './app.ts';
import { loadConfig, type ConfigInput } from './config.ts';

/** `reelshelf-server start`: runs until SIGTERM or SIGINT, then shuts down cleanly and exits 0. */
export async function start(flags: ConfigInput): Promise<void> {
  const config = loadConfig(flags);
  const server = await createSyncServer(config);
  const { logger } = server;
  logger.info({ url: server.url, data: config.dataDir }, 'listening');

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
