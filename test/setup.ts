/** Mocha root hooks: stop the shared Temporal dev server after the run. */
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { stopTestServer } from './helpers/temporal';

Runtime.install({ logger: new DefaultLogger(process.env.CVP_TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestServer();
  },
};
