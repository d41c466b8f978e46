import type { Migration } from '../migrate.js';
import { initial } from './0001_initial.js';
import { policies } from './0002_policies.js';
import { whatIfBins } from './0003_whatif_bins.js';
import { decisionCube } from './0004_decision_cube.js';

/** Applied in order; append new migrations, never edit an applied one. */
export const migrations: readonly Migration[] = [initial, policies, whatIfBins, decisionCube];
