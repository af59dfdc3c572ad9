/** `npm start`: reads the environment and runs the service until SIGINT or SIGTERM. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { FolderLockedError } from './db/folder-lock.js';
import { startService } from './service.js';

async function run(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  let stop: () => Promise<void>;
  try {
    stop = await startService(config);
  } catch (error) {
    if (error instanceof FolderLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    console.error(`Could not start: ${(error as Error).message}`);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch((error) =>
      console.error(`Error while stopping: ${(error as Error).message}`),
    );
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await run();
