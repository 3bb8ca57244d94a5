require('tsx/cjs'); require('../client/cli.ts');
