/** Mocha root hooks: stop the shared Temporal dev server after the run. */
import { installRuntimeLogger } from '../workers/logging';
import { stopTestServer } from './helpers/temporal';

installRuntimeLogger(process.env.CVP_TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN');

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestServer();
  },
};
